"""
The professionals' own page on the site ("Mijn spreekuren"), where they add and change their
organisation's drop-in hours (through review) and cancel or move one occurrence (at once).
The drop-in pages themselves render through their page models (see queries.py).
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dropins import recurrence, services
from dropins.forms import CancelForm, DropInForm, MoveForm
from dropins.models import DropInPage, organisations_of
from dropins.queries import DETAIL_WEEKS, overview
from wijkplatform.forms import limit_posts
from wijkplatform.moderation import contribution_status
from wijkplatform.wijken import current_site

CHANGE_RATE = "30/h"
CORRECTION_RATE = "120/h"  # cancelling or moving single occurrences, one by one


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path on this site: redirect() would take anything else for the name of a URL.
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _managed_page(request, page_id):
    page = get_object_or_404(DropInPage.objects.select_related("organisation", "place"), pk=page_id)
    if not page.can_manage(request.user):
        raise PermissionDenied
    return page


def _parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


@login_required
def manage(request):
    organisations = list(organisations_of(request.user))
    if not organisations:
        return render(request, "dropins/manage.html", {"organisations": []}, status=403)
    now = timezone.now()
    pages = list(
        DropInPage.objects.filter(organisation__in=organisations).select_related("organisation", "place").order_by("title")
    )
    live_pages = [page for page in pages if page.live]
    start, end = now - timedelta(days=1), now + timedelta(weeks=DETAIL_WEEKS)
    _pages, exceptions = recurrence.load(start, end, queryset=DropInPage.objects.filter(pk__in=[p.pk for p in live_pages]))
    occurrences = recurrence.expand(live_pages, exceptions, start, end)
    views = {view.page.pk: view for view in overview(live_pages, occurrences, now, count=6)}
    entries = [
        {"page": page, "status": contribution_status(page), "view": views.get(page.pk)} for page in pages
    ]
    return render(request, "dropins/manage.html", {"organisations": organisations, "entries": entries, "now": now})


def with_wijken(form):
    """The drop-in hour of a valid DropInForm, with the wijken chosen on it (kept in the revision until approved)."""
    page = form.save(commit=False)
    if "wijken" in form.fields:
        page.wijken = form.cleaned_data["wijken"]
    return page


@login_required
@limit_posts(CHANGE_RATE)
def add(request):
    organisations = organisations_of(request.user)
    if not organisations.exists():
        raise PermissionDenied
    site = current_site(request)
    form = DropInForm(request.POST or None, organisations=organisations, site=site)
    if request.method == "POST" and form.is_valid():
        services.add_dropin(with_wijken(form), request.user, site=site)
        messages.success(request, _("Dank u. De bewonersredactie bekijkt het spreekuur. Daarna staat het op de site."))
        return redirect("dropins:manage")
    return render(request, "dropins/dropin_form.html", {"form": form, "adding": True})


@login_required
@limit_posts(CHANGE_RATE)
def edit(request, page_id):
    live_page = _managed_page(request, page_id)
    draft = live_page.get_latest_revision_as_object()
    organisations = organisations_of(request.user)
    form = DropInForm(request.POST or None, instance=draft, organisations=organisations, site=live_page.get_site())
    if request.method == "POST" and form.is_valid():
        services.change_dropin(with_wijken(form), request.user)
        if live_page.live:
            message = _("Dank u. De bewonersredactie bekijkt de wijziging. Tot dan blijft de oude versie op de site.")
        else:
            message = _("Dank u. De bewonersredactie bekijkt het spreekuur.")
        messages.success(request, message)
        return redirect("dropins:manage")
    return render(request, "dropins/dropin_form.html", {"form": form, "page": None, "dropin": live_page})


def _occurrence_or_404(page, day):
    if not page.live or not page.rule.is_scheduled(day):
        raise Http404
    return recurrence.Occurrence(page, day, page.rule.start_on(day), page.rule.end_on(day))


def _correct_occurrence(request, page_id, day, *, action, make_form, apply, done):
    """Show and handle the one-step form that cancels or moves one occurrence."""
    page = _managed_page(request, page_id)
    occurrence = _occurrence_or_404(page, _parse_day(day))
    form = make_form(page, occurrence)
    if request.method == "POST" and form.is_valid():
        try:
            apply(page, occurrence.date, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(_safe_next(request, "dropins:manage"))
    context = {"form": form, "dropin": page, "occurrence": occurrence, "action": action, "next": _safe_next(request, "")}
    return render(request, "dropins/occurrence_form.html", context)


@login_required
@limit_posts(CORRECTION_RATE)
def cancel(request, page_id, day):
    return _correct_occurrence(
        request,
        page_id,
        day,
        action="cancel",
        make_form=lambda page, occurrence: CancelForm(request.POST or None),
        apply=lambda page, scheduled, form: services.cancel_occurrence(page, scheduled, request.user, form.full_reason()),
        done=_("Klaar. Op de site staat nu dat dit spreekuur vervalt."),
    )


@login_required
@limit_posts(CORRECTION_RATE)
def move(request, page_id, day):
    def make_form(page, occurrence):
        initial = {"new_date": occurrence.date, "new_start_time": page.start_time, "new_end_time": page.end_time}
        return MoveForm(request.POST or None, initial=initial)

    return _correct_occurrence(
        request,
        page_id,
        day,
        action="move",
        make_form=make_form,
        apply=lambda page, scheduled, form: services.move_occurrence(page, scheduled, request.user, **form.cleaned_data),
        done=_("Klaar. Op de site staat nu de nieuwe datum en tijd."),
    )


@login_required
@require_POST
@limit_posts(CORRECTION_RATE)
def restore(request, page_id, day):
    page = _managed_page(request, page_id)
    if services.restore_occurrence(page, _parse_day(day), request.user):
        messages.success(request, _("Klaar. Het spreekuur gaat gewoon door."))
    return redirect(_safe_next(request, "dropins:manage"))
