"""
Every write of the drop-in hours, called by the site's views, the admin hooks and the tests alike.

A professional adds or changes their organisation's drop-in hour: that goes to the resident
editors' workflow. Cancelling or moving one occurrence, or undoing that, is a correction: it
applies at once without review, is written to the page's history (Wagtail log entries, see
wagtail_hooks) and pushed to open browsers.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from dropins.models import RESERVED_SLUGS, DropInException, DropInIndexPage
from dropins.recurrence import MAX_MOVE_DAYS, TZ
from wijkplatform.live import broadcast
from wijkplatform.moderation import submit_for_review
from wijkplatform.pages import unique_slug
from wijkplatform.wijken import section

ACTION_CANCEL = "dropins.occurrence.cancel"
ACTION_MOVE = "dropins.occurrence.move"
ACTION_RESTORE = "dropins.occurrence.restore"


def add_dropin(page, user, site=None):
    """Send in a new drop-in hour (an unsaved DropInPage) for review, under /inloop/ of the wijk `site`, with a free slug."""
    parent = section(DropInIndexPage, site)
    page.slug = unique_slug(parent, page.title, fallback="spreekuur", reserved=RESERVED_SLUGS, max_length=70)
    submit_for_review(page, user, parent=parent)
    return page


def change_dropin(draft, user):
    """Send a changed drop-in hour (the latest revision as an object) for review; the live version stays until then."""
    submit_for_review(draft, user)
    return draft


def _check(user, page, day):
    if not page.can_manage(user):
        raise PermissionDenied
    if not page.live:
        raise ValidationError(_("Dit spreekuur staat nog niet op de site."))
    if day < timezone.now().astimezone(TZ).date():
        raise ValidationError(_("Deze datum is al voorbij."))
    if not page.rule.is_scheduled(day):
        raise ValidationError(_("Op deze datum is er geen spreekuur."))


def _announce(page, status):
    broadcast(f"dropin-{page.pk}", attrs={"status": status}, reload=True)


def _save_exception(page, day, user, **fields):
    values = {"new_date": None, "new_start_time": None, "new_end_time": None, **fields, "created_by": user}
    return DropInException.objects.update_or_create(page=page, date=day, defaults=values)[0]


def cancel_occurrence(page, day, user, reason):
    """Mark the occurrence of `page` on `day` as cancelled ("vervalt"), with a reason."""
    _check(user, page, day)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Schrijf kort waarom het spreekuur vervalt."))
    with transaction.atomic():
        exception = _save_exception(page, day, user, kind=DropInException.CANCELLED, reason=reason)
        log(instance=page, action=ACTION_CANCEL, user=user, data={"date": day.isoformat(), "reason": reason})
        _announce(page, "cancelled")
    return exception


def move_occurrence(page, day, user, *, new_date, new_start_time, new_end_time, reason):
    """Move the occurrence of `page` on `day` to another date and time."""
    _check(user, page, day)
    if new_end_time <= new_start_time:
        raise ValidationError(_("De eindtijd moet na de begintijd liggen."))
    if abs(new_date - day) > timedelta(days=MAX_MOVE_DAYS):
        raise ValidationError(_("U kunt een spreekuur hoogstens een maand verplaatsen."))
    if new_date < timezone.now().astimezone(TZ).date():
        raise ValidationError(_("De nieuwe datum is al voorbij."))
    with transaction.atomic():
        exception = _save_exception(
            page,
            day,
            user,
            kind=DropInException.MOVED,
            reason=reason.strip(),
            new_date=new_date,
            new_start_time=new_start_time,
            new_end_time=new_end_time,
        )
        log(
            instance=page,
            action=ACTION_MOVE,
            user=user,
            data={
                "date": day.isoformat(),
                "new_date": new_date.isoformat(),
                "new_start_time": new_start_time.strftime("%H:%M"),
                "new_end_time": new_end_time.strftime("%H:%M"),
                "reason": reason.strip(),
            },
        )
        _announce(page, "open")
    return exception


def restore_occurrence(page, day, user):
    """Undo a cancellation or a move: the occurrence happens as scheduled."""
    if not page.can_manage(user):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _details = DropInException.objects.filter(page=page, date=day).delete()
        if deleted:
            log(instance=page, action=ACTION_RESTORE, user=user, data={"date": day.isoformat()})
            _announce(page, "open")
    return bool(deleted)
