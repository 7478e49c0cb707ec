"""
What every source of the agenda hands over: a flat `AgendaItem` per occurrence.

A source is a function `items(start, end) -> iterable of AgendaItem` for all
items that start in [start, end) (aware datetimes), listed in `SOURCES`. It
must run a fixed number of queries whatever the number of items.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from wijkplatform.memory import no_cyclic_gc

KIND_RESIDENT = "resident"  # a one-off activity a resident added
KIND_INITIATIVE = "initiative"  # an activity of an initiative, open to everyone
KIND_SHIFT = "shift"  # a volunteer shift that still needs people
KIND_DROPIN = "dropin"  # an occurrence of a professional drop-in hour

SOURCES = [
    "agenda.sources.activity_items",
    "initiatives.agenda.items",
    "dropins.agenda.items",
]

# Calendar feeds take each drop-in series once, as a recurring event (its
# `extra["recurrence"]`, see dropins.agenda.series), not every occurrence.
FEED_SOURCES = [
    "agenda.sources.activity_items",
    "initiatives.agenda.items",
    "dropins.agenda.series",
]


# Collected items are kept this long, and dropped at once when any source
# changes (agenda.signals bumps the version in the key).
COLLECT_CACHE_SECONDS = 60


@dataclass(frozen=True)
class AgendaItem:
    uid: str  # stable across requests, e.g. "dropin-12-2026-11-24"; used as iCalendar UID
    kind: str
    title: str
    start: datetime
    end: datetime | None
    url: str  # the page where people read more or sign up
    organiser: str  # who organises, as shown to people
    how_to_join: str  # what to do to take part, in one plain sentence
    description: str = ""
    place_id: int | None = None  # dropins.Place, when known
    place_name: str = ""
    place_address: str = ""
    accessible: bool = False  # wheelchair access at the place
    free: bool = True  # costs nothing
    themes: tuple[str, ...] = ()  # values of wijkplatform.themes.Theme
    by_professionals: bool = False
    cancelled: bool = False
    cancel_reason: str = ""
    seats_left: int | None = None  # shifts only
    live_group: str = ""  # wijkplatform.live group that updates this item, if any
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def collect(start, end, sources=None, *, feed=False):
    """
    All items of all sources that start in [start, end), in time order.

    `sources` (dotted paths) defaults to the setting AGENDA_SOURCES, if set,
    else SOURCES; with `feed`, to AGENDA_FEED_SOURCES or FEED_SOURCES. Tests
    use the settings to run the agenda on a subset.
    """
    if sources is None:
        sources = getattr(settings, "AGENDA_FEED_SOURCES", FEED_SOURCES) if feed else getattr(settings, "AGENDA_SOURCES", SOURCES)
    with no_cyclic_gc():  # thousands of items, read from the database or the cache
        if feed:
            # A feed is cached whole (agenda.views); keeping its tens of thousands of items as well costs more than it saves.
            return gather(start, end, sources)
        from agenda.signals import agenda_version

        key = f"agenda:items:{agenda_version()}:{start.isoformat()}:{end.isoformat()}:{','.join(sources)}"
        items = cache.get(key)
        if items is None:
            items = gather(start, end, sources)
            cache.set(key, items, COLLECT_CACHE_SECONDS)
        return items


def gather(start, end, sources):
    items = []
    for dotted in sources:
        items.extend(import_string(dotted)(start, end))
    items.sort(key=lambda item: (item.start, item.title))
    return items
