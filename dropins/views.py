"""
The drop-in list, a drop-in page, who-does-what, and the professionals' own
page on the site ("Mijn spreekuren"), where they add and change their
organisation's drop-in hours (through review) and cancel or move one
occurrence (at once).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dropins import actions, recurrence
from dropins.forms import CancelForm, DropInForm, FilterForm, MoveForm
from dropins.models import DropInIndexPage, DropInPage, Organisation, organisations_of
from wijkplatform.moderation import contribution_status, submit_for_review
from wijkplatform.themes import Theme

LIST_WEEKS = 9  # covers two "every other week" occurrences plus moves
DETAIL_WEEKS = 10
SEARCH_MAX_LENGTH = 100


@dataclass
class SeriesView:
    """One drop-in series as a list shows it: what is next, and whether it is open now."""

    page: DropInPage
    upcoming: list
    open_now: bool
    weekdays: set = field(default_factory=set)

    @property
    def next(self):
        return next((occurrence for occurrence in self.upcoming if not occurrence.cancelled), None)


def overview(pages, occurrences, now, count=3):
    """
    Each series with its next `count` occurrences (cancelled ones included, so
    people see them), soonest first; series without any coming occurrence in
    `occurrences` are left out.
    """
    coming = defaultdict(list)
    for occurrence in occurrences:
        if occurrence.end > now:
            coming[occurrence.page.pk].append(occurrence)
    views = []
    for page in pages:
        mine = coming.get(page.pk)
        if not mine:
            continue
        views.append(
            SeriesView(
                page=page,
                upcoming=mine[:count],
                open_now=any(occurrence.is_open_at(now) for occurrence in mine),
                weekdays={occurrence.start.weekday() for occurrence in mine if not occurrence.cancelled},
            )
        )
    far = now + timedelta(days=3650)
    views.sort(key=lambda view: ((view.next.start if view.next else far), view.page.title))
    return views


def index_context(index_page, request, now=None):
    now = now or timezone.now()
    pages, exceptions = recurrence.load(now - timedelta(days=1), now + timedelta(weeks=LIST_WEEKS))
    occurrences = recurrence.expand(pages, exceptions, now - timedelta(days=1), now + timedelta(weeks=LIST_WEEKS))
    views = overview(pages, occurrences, now)
    places = sorted({page.place.pk: page.place for page in pages}.values(), key=lambda place: place.name)
    form = FilterForm(request.GET or None, places=places)
    chosen = form.filters() if request.GET else {}
    if chosen.get("thema"):
        views = [view for view in views if view.page.theme == chosen["thema"]]
    if chosen.get("dag"):
        views = [view for view in views if int(chosen["dag"]) in view.weekdays]
    if chosen.get("plek"):
        views = [view for view in views if view.page.place_id == chosen["plek"]]
    if chosen.get("nu_open"):
        views = [view for view in views if view.open_now]
    return {
        "series": views,
        "open_now": [view for view in views if view.open_now],
        "filter_form": form,
        "filtered": any(chosen.values()),
        "now": now,
        "my_organisations": list(organisations_of(request.user)) if request.user.is_authenticated else [],
    }


def dropin_context(page, request, now=None):
    now = now or timezone.now()
    upcoming = page.upcoming(now=now, count=8, weeks=DETAIL_WEEKS)
    return {
        "upcoming": upcoming,
        "open_now": any(occurrence.is_open_at(now) for occurrence in upcoming),
        "can_manage": actions.can_manage(request.user, page),
        "now": now,
    }


@dataclass
class ThemeGroup:
    theme: str
    label: str
    organisations: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


def _live_initiatives(query):
    """The wijk's published initiatives, if the initiatives app provides them."""
    try:
        from initiatives.models import InitiativePage
    except ImportError:
        return []
    initiatives = InitiativePage.objects.live().public().select_related("place").order_by("title")
    if query:
        initiatives = initiatives.filter(
            Q(title__icontains=query) | Q(aim__icontains=query) | Q(description__icontains=query)
        )
    return list(initiatives)


def _initiative_themes(initiative):
    themes = getattr(initiative, "themes", None) or getattr(initiative, "theme", None) or ()
    if isinstance(themes, str):
        themes = [themes]
    return [str(theme) for theme in themes if theme in Theme.values] or [""]


def social_map_context(page, request, now=None):
    now = now or timezone.now()
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    dropins = DropInPage.objects.live().select_related("place").order_by("title")
    organisations = Organisation.objects.filter(live=True).prefetch_related(Prefetch("dropins", queryset=dropins))
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query)
            | Q(helps_with__icontains=query)
            | Q(dropins__title__icontains=query, dropins__live=True)
            | Q(dropins__place__name__icontains=query, dropins__live=True)
        ).distinct()
    groups = {value: ThemeGroup(value, label) for value, label in Theme.choices}
    other = ThemeGroup("", _("Overig"))
    for organisation in organisations:
        themes = {organisation.theme} | {dropin.theme for dropin in organisation.dropins.all()}
        themes.discard("")
        for theme in themes or {""}:
            groups.get(theme, other).organisations.append(organisation)
    for initiative in _live_initiatives(query):
        for theme in _initiative_themes(initiative):
            groups.get(theme, other).initiatives.append(initiative)
    found = [group for group in [*groups.values(), other] if group.organisations or group.initiatives]
    return {"groups": found, "query": query, "theme_choices": Theme.choices}


# The professionals' own page ("Mijn spreekuren")


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _managed_page(request, page_id):
    page = get_object_or_404(DropInPage.objects.select_related("organisation", "place"), pk=page_id)
    if not actions.can_manage(request.user, page):
        raise PermissionDenied
    return page


def _parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def _index_page():
    return DropInIndexPage.objects.first()


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


def _unique_slug(parent, title):
    base = slugify(title)[:70] or "spreekuur"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@login_required
def add(request):
    organisations = organisations_of(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = DropInForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        parent = _index_page()
        page = form.save(commit=False)
        page.slug = _unique_slug(parent, page.title)
        submit_for_review(page, request.user, parent=parent)
        messages.success(request, _("Dank u. De bewonersredactie bekijkt het spreekuur. Daarna staat het op de site."))
        return redirect("dropins:manage")
    return render(request, "dropins/dropin_form.html", {"form": form, "adding": True})


@login_required
def edit(request, page_id):
    live_page = _managed_page(request, page_id)
    draft = live_page.get_latest_revision_as_object()
    form = DropInForm(request.POST or None, instance=draft, organisations=organisations_of(request.user))
    if request.method == "POST" and form.is_valid():
        submit_for_review(form.save(commit=False), request.user)
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
def cancel(request, page_id, day):
    return _correct_occurrence(
        request,
        page_id,
        day,
        action="cancel",
        make_form=lambda page, occurrence: CancelForm(request.POST or None),
        apply=lambda page, scheduled, form: actions.cancel_occurrence(page, scheduled, request.user, form.full_reason()),
        done=_("Klaar. Op de site staat nu dat dit spreekuur vervalt."),
    )


@login_required
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
        apply=lambda page, scheduled, form: actions.move_occurrence(page, scheduled, request.user, **form.cleaned_data),
        done=_("Klaar. Op de site staat nu de nieuwe datum en tijd."),
    )


@login_required
@require_POST
def restore(request, page_id, day):
    page = _managed_page(request, page_id)
    if actions.restore_occurrence(page, _parse_day(day), request.user):
        messages.success(request, _("Klaar. Het spreekuur gaat gewoon door."))
    return redirect(_safe_next(request, "dropins:manage"))
