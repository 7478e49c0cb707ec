"""
The domain actions on initiatives, shifts and sign-ups: one function per action,
called alike by views, management commands, tasks, seed and tests.

Concurrency: every change to a shift's seats goes through the shift's row.
`sign_up` takes a seat with one conditional UPDATE (`confirmed_count < capacity`),
which on PostgreSQL locks the row and re-checks the condition after any other
writer commits; on SQLite the transaction starts with BEGIN IMMEDIATE (see
settings), so writers queue. `cancel`, `promote_from_waitlist` and
`update_shift` lock the shift row first (select_for_update) so they queue behind
the same lock. The CheckConstraint `confirmed_count <= capacity` and the unique
active sign-up per e-mail are the last line: the database refuses what these
functions would get wrong.

An organiser's changes to shifts and activities go public at once; each
function that makes one also writes an OrganiserChange in the same
transaction (`by` is the organiser). Editors hide a shift or activity with
`set_hidden`.

A volunteer's name and contact details are wiped (ERASED_FIELDS) by
`erase_signup` when they cancel or ask for it ("Mijn aanmeldingen", account
deletion), and by `erase_expired_personal_data` SIGNUP_RETENTION_DAYS after
the shift. A resident signed up by a connector is wiped the same way, with
the consent record, when the connector removes them or leaves.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Subquery
from django.utils import timezone, translation
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from agenda.registry import changed as agenda_changed
from initiatives.models import RESERVED_SLUGS, Activity, InitiativePage, OrganiserChange, Shift, Signup, Support
from wijkplatform.images import save_uploaded_image
from wijkplatform.live import broadcast
from wijkplatform.moderation import submit_for_review
from wijkplatform.pages import unique_slug
from wijkplatform.tasks import enqueue_with_change

logger = logging.getLogger(__name__)

FULL = "full"
CLOSED = "closed"


@dataclass(frozen=True)
class SignupResult:
    status: str  # Signup.CONFIRMED, Signup.WAITLISTED, FULL or CLOSED
    signup: Signup | None = None
    already: bool = False  # this e-mail address was already on the shift
    seats_left: int | None = None  # free places right after, as the sign-up saw them (None when CLOSED)
    shift: Shift | None = None  # the shift as read (annotated `initiative_live`); None when there is none to show


class CapacityBelowConfirmed(Exception):
    """The organiser asked for fewer places than people already confirmed."""

    def __init__(self, confirmed):
        super().__init__(confirmed)
        self.confirmed = confirmed


class ShiftHasSignups(Exception):
    """A shift with people on it cannot be deleted; close or cancel it instead."""


def normalize_email(email):
    return email.strip().lower()


def _enqueue_mail(signup_id, kind):
    from initiatives import tasks

    enqueue_with_change(tasks.send_signup_mail, signup_id, kind)


def _broadcast_seats(shift_id, reload=False):
    capacity, confirmed = Shift.objects.values_list("capacity", "confirmed_count").get(pk=shift_id)
    seats_left = max(capacity - confirmed, 0)
    broadcast(Shift.group_for(shift_id), values={"seats_left": seats_left}, reload=reload or seats_left in (0, 1))
    return seats_left


def _open_for_signup():
    # Only columns of the shift row itself: a join would turn the UPDATE into
    # `WHERE id IN (subquery)`, which PostgreSQL does not re-check against the
    # row it waited for, so the seat condition would be evaluated on stale data.
    return {"closed": False, "cancelled": False, "hidden_at__isnull": True, "start__gt": timezone.now()}


def sign_up(
    shift,
    name,
    email,
    phone="",
    user=None,
    *,
    join_waitlist=False,
    notify=True,
    language="",
    assisted_by=None,
    consent_explained="",
):
    """
    Put a person on `shift` (a Shift or its id): a confirmed seat while there is one, else the
    waitlist if they asked for it, else FULL. The same e-mail address never holds
    two places on one shift: a second attempt returns the existing sign-up.
    The person gets an e-mail unless `notify` is false (demo sign-ups).

    Assisted sign-up: `assisted_by` (a connector, see connectors.py) signs up a
    resident without e-mail, known by name and phone number, who agreed after
    `consent_explained`. The e-mail address is then ignored, the phone number
    holds the one place per shift, and the mails go to the connector.
    """
    shift_id = getattr(shift, "pk", shift)
    assisted = assisted_by is not None
    email = "" if assisted else normalize_email(email)
    name = name.strip()
    phone = phone.strip()
    contact = {"email": "", "phone": phone} if assisted else {"email": email}

    def existing():
        return Signup.objects.filter(shift_id=shift_id, **contact, status__in=Signup.ACTIVE, erased_at__isnull=True)

    # One query for the shift and what is checked before a seat is taken (in a burst every query counts): is this
    # person already on the shift, is the initiative live, is the shift open, and its seats. Read before the
    # transaction: the answer of most of a burst ("full") then opens none and takes no lock (on SQLite BEGIN
    # IMMEDIATE would). The sign-up view shows the shift as read here.
    checked = (
        Shift.objects.shown()
        .filter(pk=shift_id)
        .annotate(
            found=Subquery(existing().values("pk")[:1]),
            is_open=ExpressionWrapper(Q(**_open_for_signup()), output_field=BooleanField()),
            initiative_live=F("initiative__live"),
        )
        .first()
    )
    if checked is None:
        return SignupResult(CLOSED)
    seats_then = max(checked.capacity - checked.confirmed_count, 0)
    if checked.found:
        found = Signup.objects.get(pk=checked.found)
        return SignupResult(found.status, found, already=True, seats_left=seats_then, shift=checked)
    if not (checked.initiative_live and checked.is_open):
        return SignupResult(CLOSED, shift=checked)
    if not seats_then and not join_waitlist:
        # Full when checked: without the UPDATE below (which would find no seat either; a seat freed since is the
        # next person's, as if they had come a moment later).
        return SignupResult(FULL, seats_left=0, shift=checked)
    try:
        with transaction.atomic():
            # The seat itself: the UPDATE checks again, on the row, under its lock. A sign-up by the same address
            # since the check above fails on the unique constraint (IntegrityError below).
            taken = (
                Shift.objects.filter(pk=shift_id, confirmed_count__lt=F("capacity"), **_open_for_signup())
                .update(confirmed_count=F("confirmed_count") + 1)
            )
            if taken:
                status = Signup.CONFIRMED
            elif not join_waitlist:
                # No seat on a shift that was open a moment ago: it is full. This answer writes nothing, so it
                # takes no lock that the rest of a burst would queue behind.
                return SignupResult(FULL, seats_left=0, shift=checked)
            # Locked till commit: closing, cancelling or hiding the shift waits for this waitlist sign-up.
            elif not (
                seats := Shift.objects.select_for_update()
                .filter(pk=shift_id, **_open_for_signup())
                .values_list("capacity", "confirmed_count")
                .first()
            ):
                return SignupResult(CLOSED, shift=checked)
            else:
                status = Signup.WAITLISTED
            now = timezone.now()
            signup = Signup.objects.create(
                shift_id=shift_id,
                name=name,
                email=email,
                phone=phone,
                language=language,
                user=user if user is not None and user.is_authenticated else None,
                status=status,
                created_at=now,
                confirmed_at=now if status == Signup.CONFIRMED else None,
                assisted_by=assisted_by,
                consent_at=now if assisted else None,
                consent_explained=consent_explained.strip() if assisted else "",
            )
            if status == Signup.CONFIRMED:
                seats_left = _broadcast_seats(shift_id)
            else:
                seats_left = max(seats[0] - seats[1], 0)
            if notify:
                _enqueue_mail(signup.pk, status)
    except IntegrityError:
        # Another request with the same address won the race; everything above was rolled back.
        found = existing().first()
        if found:
            return SignupResult(found.status, found, already=True, shift=checked)
        raise
    return SignupResult(status, signup, seats_left=seats_left, shift=checked)


def cancel(signup):
    """
    Cancel a sign-up (idempotent). A freed seat goes to the first person on the waitlist, and the
    organiser gets an e-mail about it (unless the shift does not go ahead anyway).
    """
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=signup.shift_id)
        current = Signup.objects.select_for_update().get(pk=signup.pk)
        if current.status == Signup.CANCELLED:
            return False
        was_confirmed = current.status == Signup.CONFIRMED
        current.status = Signup.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            Shift.objects.filter(pk=shift.pk).update(confirmed_count=F("confirmed_count") - 1)
            promoted = len(promote_from_waitlist(shift))
            _broadcast_seats(shift.pk)
            if not shift.cancelled:
                _tell_organiser_seat_freed(shift.pk, promoted)
    signup.refresh_from_db()
    return True


def _tell_organiser_seat_freed(shift_id, promoted):
    from initiatives import mail

    transaction.on_commit(lambda: mail.seat_freed(shift_id, promoted), robust=True)


ERASED_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "user": None,
    "assisted_by": None,
    "consent_at": None,
    "consent_explained": "",
}


def erase_signup(signup, now=None):
    """
    Wipe the person from a sign-up at once. An active sign-up for a shift still to come is cancelled
    first (seat freed, waitlist promoted, organiser told). The row stays, without name, e-mail, phone,
    account or connector, so seat counts and the organiser's list stay right. Returns whether anything was erased.
    """
    current = Signup.objects.select_related("shift").filter(pk=signup.pk).first()
    if current is None:
        return False
    if current.is_active and not current.shift.has_started:
        cancel(current)
    erased = Signup.objects.filter(pk=signup.pk, erased_at__isnull=True).update(
        **ERASED_FIELDS, erased_at=now or timezone.now()
    )
    signup.refresh_from_db()
    return bool(erased)


def signups_held_for(email):
    """Every sign-up that still holds this e-mail address (not erased), newest shift first."""
    return (
        Signup.objects.filter(email__iexact=normalize_email(email), erased_at__isnull=True)
        .select_related("shift", "shift__initiative", "shift__place", "shift__initiative__place")
        .order_by("-shift__start", "-pk")
    )


def assisted_signups_of(connector):
    """The sign-ups a connector made for residents that still hold the resident's data, soonest shift first."""
    return (
        Signup.objects.filter(assisted_by=connector, erased_at__isnull=True)
        .select_related("shift", "shift__initiative", "shift__place", "shift__initiative__place")
        .order_by("shift__start", "shift_id", "name", "pk")
    )


def erase_assisted_signups(connector):
    """The connector leaves: every resident they signed up is cancelled and wiped. Returns how many."""
    return sum(erase_signup(signup) for signup in assisted_signups_of(connector))


def erase_volunteer(email):
    """"Verwijder mijn gegevens" without an account: erase every sign-up held for `email`. Returns how many."""
    return sum(erase_signup(signup) for signup in signups_held_for(email))


def promote_from_waitlist(shift):
    """Give free seats to the people longest on the waitlist, and mail them. Returns who got a seat."""
    promoted = []
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.cancelled or shift.has_started:
            return promoted
        while True:
            candidate = (
                Signup.objects.select_for_update()
                .filter(shift_id=shift.pk, status=Signup.WAITLISTED)
                .order_by("created_at", "pk")
                .first()
            )
            if candidate is None:
                break
            taken = Shift.objects.filter(pk=shift.pk, confirmed_count__lt=F("capacity")).update(
                confirmed_count=F("confirmed_count") + 1
            )
            if not taken:
                break
            candidate.status = Signup.CONFIRMED
            candidate.confirmed_at = timezone.now()
            candidate.save(update_fields=["status", "confirmed_at"])
            _enqueue_mail(candidate.pk, "promoted")
            promoted.append(candidate)
        if promoted:
            _broadcast_seats(shift.pk)
    return promoted


SHIFT_FIELDS = ("task", "start", "end", "capacity", "note", "place", "place_note")
ACTIVITY_FIELDS = ("title", "start", "end", "description", "place", "place_note")
ACTION_HIDE = "initiatives.hide"
ACTION_SHOW = "initiatives.show"


# What the organiser changed, for the editors ------------------------------------------


def _moment(start, end=None):
    start = timezone.localtime(start)
    text = start.strftime("%d-%m-%Y %H:%M")
    if end:
        end = timezone.localtime(end)
        text += "–" + end.strftime("%H:%M" if end.date() == start.date() else "%d-%m-%Y %H:%M")
    return text


def _quoted(text, length=80):
    """Text in quotes, shortened; None when empty."""
    text = " ".join(text.split())
    return f"“{Truncator(text).chars(length)}”" if text else None


def _place(item):
    parts = [item.place.name if item.place_id else "", item.place_note]
    return ", ".join(part for part in parts if part) or _("plek van het initiatief")


def _aspects(item):
    """What an organiser can change about a shift or activity: (label, readable value), in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(item, Shift):
            return [
                (_("Taak"), _quoted(item.task)),
                (_("Tijd"), _moment(item.start, item.end)),
                (_("Plaatsen"), str(item.capacity)),
                (_("Plek"), _place(item)),
                (_("Opmerking"), _quoted(item.note)),
            ]
        return [
            (_("Titel"), _quoted(item.title)),
            (_("Tijd"), _moment(item.start, item.end)),
            (_("Plek"), _place(item)),
            (_("Tekst"), _quoted(item.description)),
        ]


def _subject(item):
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(item, Shift):
            return f"{_('Dienst')} {_quoted(item.task, 120)}, {_moment(item.start, item.end)}"
        return f"{_('Activiteit')} {_quoted(item.title, 120)}, {_moment(item.start, item.end)}"


def _log_change(kind, item, by, *, before=None, note="", deleted=False):
    """
    Write an OrganiserChange for `item` (a Shift or Activity). An addition or deletion lists the item;
    a change (`before` given) lists each aspect that differs as old → new and is not written when nothing
    differs; closing, opening and cancelling say so, with `note`. Returns the entry or None.
    """
    after = _aspects(item)
    with translation.override(settings.LANGUAGE_CODE):
        empty = _("(leeg)")
        if before is not None:
            lines = [
                f"{label}: {old or empty} → {new or empty}"
                for (label, old), (_label, new) in zip(before, after)
                if old != new
            ]
            if not lines:
                return None
        elif kind in (OrganiserChange.Kind.ADDED, OrganiserChange.Kind.DELETED):
            lines = [f"{label}: {value}" for label, value in after if value]
        else:
            lines = [" ".join(part for part in (capfirst(str(kind.label)) + ".", note) if part)]
    is_shift = isinstance(item, Shift)
    return OrganiserChange.objects.create(
        initiative_id=item.initiative_id,
        user=by if by is not None and by.is_authenticated else None,
        shift=item if is_shift and not deleted else None,
        activity=item if not is_shift and not deleted else None,
        kind=kind,
        subject=_subject(item)[:250],
        summary="\n".join(lines),
    )


# Shifts and activities: the organiser's actions ----------------------------------------


def _create_shift(initiative, fields):
    return Shift.objects.create(initiative=initiative, **{key: fields[key] for key in SHIFT_FIELDS if key in fields})


def add_shift(initiative, by=None, **fields):
    with transaction.atomic():
        shift = _create_shift(initiative, fields)
        _log_change(OrganiserChange.Kind.ADDED, shift, by)
    return shift


def update_shift(shift, by=None, **fields):
    """Change a shift. Fewer places than people already confirmed is refused (CapacityBelowConfirmed)."""
    with transaction.atomic():
        locked = Shift.objects.select_for_update().get(pk=shift.pk)
        capacity = fields.get("capacity", locked.capacity)
        if capacity < locked.confirmed_count:
            raise CapacityBelowConfirmed(locked.confirmed_count)
        before = _aspects(locked)
        for key in SHIFT_FIELDS:
            if key in fields:
                setattr(locked, key, fields[key])
        locked.save()
        _log_change(OrganiserChange.Kind.CHANGED, locked, by, before=before)
        promote_from_waitlist(locked)
        _broadcast_seats(locked.pk, reload=True)
    shift.refresh_from_db()
    return shift


def set_signups_closed(shift, closed=True, by=None):
    """Stop (or restart) new sign-ups; people already on the shift or the waitlist stay."""
    with transaction.atomic():
        updated = Shift.objects.filter(pk=shift.pk, closed=not closed).update(closed=closed)
        agenda_changed(Shift)  # an update() sends no post_save: the agenda lists only shifts open to sign-ups
        _broadcast_seats(shift.pk, reload=True)
        shift.refresh_from_db()
        if updated:
            _log_change(OrganiserChange.Kind.CLOSED if closed else OrganiserChange.Kind.OPENED, shift, by)


def cancel_shift(shift, by=None):
    """The shift does not go ahead: everyone on it or on its waitlist gets an e-mail."""
    with transaction.atomic():
        updated = Shift.objects.filter(pk=shift.pk, cancelled=False).update(cancelled=True)
        if updated:
            agenda_changed(Shift)
            signup_ids = list(shift.signups.filter(status__in=Signup.ACTIVE).values_list("pk", flat=True))
            for signup_id in signup_ids:
                _enqueue_mail(signup_id, "shift_cancelled")
            _broadcast_seats(shift.pk, reload=True)
            count = len(signup_ids)
            with translation.override(settings.LANGUAGE_CODE):
                note = ngettext("%(count)s persoon krijgt een e-mail.", "%(count)s mensen krijgen een e-mail.", count)
            _log_change(OrganiserChange.Kind.CANCELLED, shift, by, note=note % {"count": count})
    shift.refresh_from_db()
    return bool(updated)


def delete_shift(shift, by=None):
    """Delete a shift nobody is on (any more); otherwise raise ShiftHasSignups."""
    with transaction.atomic():
        # Lock the row as sign_up's UPDATE does, so nobody signs up between the check and the delete.
        Shift.objects.select_for_update().filter(pk=shift.pk).first()
        if Signup.objects.filter(shift_id=shift.pk, status__in=Signup.ACTIVE).exists():
            raise ShiftHasSignups()
        Shift.objects.filter(pk=shift.pk).delete()
        _log_change(OrganiserChange.Kind.DELETED, shift, by, deleted=True)


def add_activity(initiative, by=None, **fields):
    with transaction.atomic():
        activity = Activity.objects.create(
            initiative=initiative, **{key: fields[key] for key in ACTIVITY_FIELDS if key in fields}
        )
        _log_change(OrganiserChange.Kind.ADDED, activity, by)
    return activity


def update_activity(activity, by=None, **fields):
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        before = _aspects(locked)
        for key in ACTIVITY_FIELDS:
            if key in fields:
                setattr(locked, key, fields[key])
        locked.save()
        _log_change(OrganiserChange.Kind.CHANGED, locked, by, before=before)
    activity.refresh_from_db()
    return activity


def delete_activity(activity, by=None):
    with transaction.atomic():
        Activity.objects.filter(pk=activity.pk).delete()
        _log_change(OrganiserChange.Kind.DELETED, activity, by, deleted=True)


# Shifts and activities: the editors' action --------------------------------------------


def set_hidden(item, hidden, by):
    """
    The editors hide a shift or activity from everything public (the initiative page, the agenda, feeds,
    poster, screen and sign-up), or show it again. Logged in the initiative's history. Returns whether
    anything changed.
    """
    model = type(item)
    with transaction.atomic():
        updated = model.objects.filter(pk=item.pk, hidden_at__isnull=hidden).update(
            hidden_at=timezone.now() if hidden else None, hidden_by=by if hidden else None
        )
        if updated:
            log(
                instance=item.initiative,
                action=ACTION_HIDE if hidden else ACTION_SHOW,
                user=by,
                data={"subject": _subject(item)},
            )
            agenda_changed(model, live=True)  # an update() sends no post_save
            if model is Shift:
                attrs = {"hidden-by-editors": "true" if hidden else "false"}
                broadcast(Shift.group_for(item.pk), attrs=attrs, reload=True)
    item.refresh_from_db()
    return bool(updated)


# The initiative itself ----------------------------------------------------------------


def initiative_from_form(page, data, user):
    """Put an InitiativeForm's cleaned `data` on `page` (unsaved); a new photo becomes a new image."""
    page.title = data["title"]
    page.aim = data["aim"]
    page.description = data["description"]
    page.organiser_name = data["organiser_name"]
    page.place = data["place"]
    page.place_note = data["place_note"]
    page.set_themes(data["themes"])
    if data.get("photo"):
        page.photo = save_uploaded_image(data["photo"], title=data["title"], alt=data["photo_alt"].strip(), user=user)
    return page


def start_initiative(parent, user, page, shifts=()):
    """
    A resident's new initiative: saved as a draft under `parent` (with a free slug if it has none), sent to the
    editors, with its shifts. These shifts are part of what the editors review, so they are not logged as
    organiser changes.
    """
    if not page.slug:
        page.slug = unique_slug(parent, page.title, fallback="initiatief", reserved=RESERVED_SLUGS)
    with transaction.atomic():
        submit_for_review(page, user, parent=parent)
        for fields in shifts:
            _create_shift(page, fields)
    return page


def change_initiative(draft, data, user):
    """The organiser changes the text of their initiative (`draft`: its latest revision); it goes to the editors again."""
    initiative_from_form(draft, data, user)
    submit_for_review(draft, user)
    return draft


def publish_initiative(parent, page, editor, *, shifts=(), activities=()):
    """
    An editor puts a new initiative on the site at once, with its shifts and activities (the demo seed does).
    What the editor publishes is reviewed, so nothing is logged as an organiser change.
    """
    with transaction.atomic():
        parent.add_child(instance=page)
        page.save_revision(user=editor).publish()
        created = [_create_shift(page, fields) for fields in shifts]
        for fields in activities:
            Activity.objects.create(initiative=page, **{key: fields[key] for key in ACTIVITY_FIELDS if key in fields})
    return created


def support(initiative, user=None):
    """Count one "Ik steun dit". An account counts once; returns whether a new support was counted."""
    if user is not None and user.is_authenticated:
        try:
            with transaction.atomic():
                _support, created = Support.objects.get_or_create(initiative=initiative, user=user)
        except IntegrityError:
            created = False
        return created
    Support.objects.create(initiative=initiative)
    return True


def withdraw_support(initiative, user):
    return Support.objects.filter(initiative=initiative, user=user).delete()[0] > 0


def mail_volunteers(initiative, sender, subject, message, *, shift=None, include_waitlist=False):
    """Queue the organiser's message to each of their own volunteers, one e-mail each. Returns how many."""
    from initiatives import tasks

    statuses = Signup.ACTIVE if include_waitlist else [Signup.CONFIRMED]
    signups = Signup.objects.filter(
        shift__initiative=initiative, status__in=statuses, erased_at__isnull=True, shift__cancelled=False
    )
    if shift is not None:
        signups = signups.filter(shift=shift)
    signup_ids = list(signups.values_list("pk", flat=True))
    if signup_ids:
        enqueue_with_change(tasks.send_volunteer_message, initiative.pk, signup_ids, subject, message, sender.email)
    return len(signup_ids)


def reminder_window(now):
    """Shifts that start from now until the end of tomorrow (local time) are reminded."""
    local = timezone.localtime(now)
    day_after_tomorrow = datetime.combine(local.date() + timedelta(days=2), time.min)
    return now, timezone.make_aware(day_after_tomorrow)


def send_reminders(now=None):
    """E-mail everyone confirmed for a shift that starts tomorrow (or later today). Never twice."""
    from initiatives import mail

    now = now or timezone.now()
    start, until = reminder_window(now)
    due = Signup.objects.filter(
        status=Signup.CONFIRMED,
        reminder_sent_at__isnull=True,
        erased_at__isnull=True,
        shift__cancelled=False,
        shift__start__gt=start,
        shift__start__lt=until,
        shift__initiative__live=True,
    ).select_related("shift", "shift__initiative", "shift__place", "shift__initiative__place", "assisted_by")
    sent = 0
    for signup in due:
        # Claim first, so two runs at once (cron and a worker) never both send.
        claimed = Signup.objects.filter(pk=signup.pk, reminder_sent_at__isnull=True, status=Signup.CONFIRMED).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        try:
            mail.reminder(signup)
        except Exception:
            logger.exception("Reminder for sign-up %s could not be queued; it will be retried on the next run", signup.pk)
            Signup.objects.filter(pk=signup.pk).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent


def erase_expired_personal_data(now=None):
    """Wipe names and contact details SIGNUP_RETENTION_DAYS after a shift; the rows stay as counts."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SIGNUP_RETENTION_DAYS)
    # These shifts are over, so erase_signup would cancel nothing: one UPDATE does the same for all of them.
    return Signup.objects.filter(erased_at__isnull=True, shift__end__lt=cutoff).update(**ERASED_FIELDS, erased_at=now)


def initiative_for_owner(user, page_id):
    """The initiative (latest draft) `user` may manage, or None."""
    page = InitiativePage.objects.filter(pk=page_id).select_related("owner").first()
    if page is None or not page.can_manage(user):
        return None
    return page
