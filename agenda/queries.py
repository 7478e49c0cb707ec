"""What the agenda's pages show: items collected from the registered sources, and each page's context."""

from dataclasses import replace
from datetime import datetime, time, timedelta
from itertools import groupby

from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agenda import qr, registry
from agenda.filters import (
    ALL_WIJKEN,
    PERIOD_DAY,
    PERIOD_MONTH,
    PERIOD_WEEK,
    DayRange,
    kind_choices,
    parse,
    period_choices,
    period_range,
    today,
)
from agenda.models import LOCAL_TZ
from agenda.signals import agenda_version
from places.models import Place
from wijkplatform.memory import no_cyclic_gc
from wijkplatform.themes import Theme
from wijkplatform.wijken import current_site, serves

ITEMS_PER_PAGE = 60
POSTER_ITEMS_PER_DAY = 6
# What the two columns of the printed poster hold (agenda.css, print): lines of
# about POSTER_LINE_CHARS characters, a day's heading counting as two.
POSTER_LINES = 64
POSTER_LINE_CHARS = 38
SCREEN_ITEMS_PER_PAGE = 8  # what fits 1920x1080 in screen.css's type, with a heading for today and tomorrow
SCREEN_NOW_MAX = 4  # on now, beside the list
SCREEN_PAGE_SECONDS = 20  # time to read a screenful before the next
SCREEN_REFRESH_SECONDS = 60  # one screenful: reload for the clock and what is on now

# Collected items are kept this long, and dropped at once when any source
# changes (agenda.signals bumps the version in the key).
COLLECT_CACHE_SECONDS = 60


def collect(start, end, sources=None, *, feed=False, site=None):
    """
    All items of the registered sources (or of those named) that start in
    [start, end), in time order; with `feed`, each source's feed items. With
    `site` (a Wagtail Site), only the items of that wijk and the town-wide ones.
    """
    chosen = [source for source in registry.sources() if sources is None or source.name in sources]
    with no_cyclic_gc():  # thousands of items, read from the database or the cache
        if feed:
            # A feed is cached whole (agenda.views); keeping its tens of thousands of items as well costs more than it saves.
            items = gather(start, end, [source.feed_items for source in chosen])
        else:
            # One cached collection for all wijken: each wijk's is a cheap filter of it.
            names = ",".join(source.name for source in chosen)
            key = f"agenda:items:{agenda_version()}:{start.isoformat()}:{end.isoformat()}:{names}"
            items = cache.get(key)
            if items is None:
                items = gather(start, end, [source.items for source in chosen])
                cache.set(key, items, COLLECT_CACHE_SECONDS)
        if site is None:
            return items
        return [item for item in items if serves(item, site.pk)]


def gather(start, end, functions):
    items = []
    for function in functions:
        items.extend(function(start, end))
    items.sort(key=lambda item: (item.start, item.title))
    return items


def group_by_day(items):
    """[(date, [items])] in time order, by the local date each item starts on."""
    return [
        (day, list(day_items)) for day, day_items in groupby(items, key=lambda item: item.start.astimezone(LOCAL_TZ).date())
    ]


def is_on_now(item, now):
    end = item.end or item.start + timedelta(hours=1)
    return not item.cancelled and item.start <= now < end


def checked_place(agenda_filter, places):
    if agenda_filter.place is not None and agenda_filter.place not in {place.pk for place in places}:
        return replace(
            agenda_filter,
            item_filter=replace(agenda_filter.item_filter, place=None),
            messages=agenda_filter.messages + (_("Deze plek kennen we niet. We laten alle plekken zien."),),
        )
    return agenda_filter


def period_links(agenda_filter):
    """Today, this week, this month: links that keep the other filters."""
    labels = {PERIOD_DAY: _("Vandaag"), PERIOD_WEEK: _("Deze week"), PERIOD_MONTH: _("Deze maand")}
    return [
        (label, agenda_filter.query_string(periode=period, datum=None, van=None, tot=None),
         agenda_filter.period == period and agenda_filter.anchor is None)
        for period, label in labels.items()
    ]


def kind_links(agenda_filter):
    links = [(_("Alles"), agenda_filter.query_string(soort=None), not agenda_filter.kind)]
    for kind, label in kind_choices():
        links.append((label, agenda_filter.query_string(soort=kind), agenda_filter.kind == kind))
    return links


def agenda_context(request):
    """The list of the request's wijk (or all of Oss): the chosen days, filtered, a page of items at a time."""
    places = list(Place.objects.live().only("pk", "name"))
    site = current_site(request)
    agenda_filter = checked_place(parse(request.GET, site=site), places)
    items = agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end))
    page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("pagina"))
    # A subscription keeps the filters but not the days: a feed always runs from now on.
    feed_url, subscribe_query = reverse("agenda:feed"), urlencode(agenda_filter.filter_params())
    return {
        "agenda_filter": agenda_filter,
        "days": group_by_day(page_obj.object_list),
        "page_obj": page_obj,
        "item_count": len(items),
        "now": timezone.now(),
        "places": places,
        "themes": Theme.choices,
        "kinds": kind_choices(),
        "periods": period_choices(),
        "query": agenda_filter.query_string(),
        "previous_query": agenda_filter.previous().query_string(),
        "next_query": agenda_filter.next().query_string(),
        "period_links": period_links(agenda_filter),
        "kind_links": kind_links(agenda_filter),
        "feed_url": f"{feed_url}?{subscribe_query}" if subscribe_query else feed_url,
        "wijken_link": agenda_filter.query_string(wijken=None if agenda_filter.all_wijken else ALL_WIJKEN, pagina=None),
    }


def poster_lines(items, cap):
    """The lines a day takes on the poster when it shows at most `cap` of its `items`."""
    if not items:
        return 3
    # An item is its time, title and place: about nine characters besides the title and place.
    shown = sum(-(-(len(item.title) + len(item.place_name) + 9) // POSTER_LINE_CHARS) for item in items[:cap])
    return 2 + shown + (1 if len(items) > cap else 0)


def poster_cap(week):
    """The most items every day shows: six, or fewer when the week would not fit one A4 page."""
    cap = POSTER_ITEMS_PER_DAY
    while cap > 1 and sum(poster_lines(items, cap) for items in week) > POSTER_LINES:
        cap -= 1
    return cap


def poster_context(request, page):
    """One week of the wijk on one A4 page, for the notice board; no shifts; a QR code to the agenda."""
    agenda_filter = parse(request.GET, site=current_site(request))
    first, last = period_range(PERIOD_WEEK, agenda_filter.anchor or today())
    agenda_filter = agenda_filter.with_range(DayRange(first, last, PERIOD_WEEK, first))
    items = [
        item
        for item in agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end))
        if item.kind != registry.KIND_SHIFT
    ]
    by_day = dict(group_by_day(items))
    week = [(day, by_day.get(day, [])) for day in (agenda_filter.first_day + timedelta(days=offset) for offset in range(7))]
    cap = poster_cap([day_items for _day, day_items in week])
    return {
        "agenda_filter": agenda_filter,
        "days": [(day, day_items[:cap], len(day_items[cap:])) for day, day_items in week],
        "previous_query": agenda_filter.previous().query_string(),
        "next_query": agenda_filter.next().query_string(),
        **qr.agenda_link(page),
    }


def screen_context(request, page, now=None):
    """
    The screen in the community centre: what is on now, and the rest of today a
    screenful at a time (tomorrow fills the last one); it pages on by itself.
    """
    now = (now or timezone.now()).replace(microsecond=0)  # whole seconds for <time datetime>
    current = timezone.localtime(now, LOCAL_TZ).date()
    start = datetime.combine(current, time.min, tzinfo=LOCAL_TZ)
    tomorrow = start + timedelta(days=1)
    items = [
        item
        for item in collect(start, start + timedelta(days=2), site=current_site(request))
        if (item.end or item.start + timedelta(hours=1)) > now
    ]
    on_now = sorted((item for item in items if is_on_now(item, now)), key=lambda item: item.kind != registry.KIND_DROPIN)
    later = [item for item in items if not is_on_now(item, now) and item.start < tomorrow]
    room = -len(later) % SCREEN_ITEMS_PER_PAGE if later else SCREEN_ITEMS_PER_PAGE
    later += [item for item in items if item.start >= tomorrow][:room]
    page_obj = Paginator(later, SCREEN_ITEMS_PER_PAGE).get_page(request.GET.get("pagina"))
    next_number = page_obj.next_page_number() if page_obj.has_next() else 1
    return {
        "now": now,
        "today": current,
        "on_now": on_now[:SCREEN_NOW_MAX],
        "on_now_more": len(on_now[SCREEN_NOW_MAX:]),
        "days": group_by_day(page_obj.object_list),
        "page_obj": page_obj,
        "next_url": f"{request.path}?pagina={next_number}" if next_number > 1 else request.path,
        "page_seconds": SCREEN_PAGE_SECONDS if page_obj.paginator.num_pages > 1 else SCREEN_REFRESH_SECONDS,
        **qr.agenda_link(page),
    }
