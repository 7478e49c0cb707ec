"""What the drop-in pages show: the list with its filters, one drop-in hour, and who-does-what."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dropins import recurrence
from dropins.forms import FilterForm
from dropins.models import DropInPage, Organisation, wijken_served
from wijkplatform.themes import Theme
from wijkplatform.wijken import ALL_WIJKEN, current_site, in_wijk

LIST_WEEKS = 9  # covers two "every other week" occurrences plus moves
DETAIL_WEEKS = 10
SERIES_PER_PAGE = 20  # a town's worth of drop-in hours would otherwise be one page of a megabyte on a phone
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
    site = current_site(request)
    served = wijken_served(pages)
    pages = [page for page in pages if not served[page.pk] or site.pk in served[page.pk]]
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
        "series_page": Paginator(views, SERIES_PER_PAGE).get_page(request.GET.get("pagina")),
        "open_now": [view for view in views if view.open_now],
        "filter_form": form,
        "filtered": any(chosen.values()),
        "now": now,
    }


def dropin_context(page, request, now=None):
    now = now or timezone.now()
    upcoming = page.upcoming(now=now, count=8, weeks=DETAIL_WEEKS)
    return {
        "upcoming": upcoming,
        "open_now": any(occurrence.is_open_at(now) for occurrence in upcoming),
        "can_manage": page.can_manage(request.user),
        "now": now,
    }


@dataclass
class ThemeGroup:
    theme: str
    label: str
    organisations: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


def _live_initiatives(query, site):
    """The published initiatives of the wijk `site` (None: all of Oss), if the initiatives app provides them."""
    try:
        from initiatives.models import InitiativePage
    except ImportError:
        return []
    initiatives = InitiativePage.objects.live().public().select_related("place").prefetch_related("themes").order_by("title")
    initiatives = in_wijk(initiatives, site)
    if query:
        initiatives = initiatives.filter(
            Q(title__icontains=query) | Q(aim__icontains=query) | Q(description__icontains=query)
        )
    return list(initiatives)


def _initiative_themes(initiative):
    return initiative.theme_values or [""]


def social_map_context(page, request, now=None):
    """Who does what: the organisations (they serve all of Oss) and the initiatives of the wijk, or of all wijken."""
    now = now or timezone.now()
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    all_wijken = request.GET.get("wijken") == ALL_WIJKEN
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
    for initiative in _live_initiatives(query, None if all_wijken else current_site(request)):
        for theme in _initiative_themes(initiative):
            groups.get(theme, other).initiatives.append(initiative)
    found = [group for group in [*groups.values(), other] if group.organisations or group.initiatives]
    return {"groups": found, "query": query, "theme_choices": Theme.choices, "all_wijken": all_wijken}
