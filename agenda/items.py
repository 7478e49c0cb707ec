"""
What every source of the agenda hands over: a flat `AgendaItem` per occurrence,
or per series for calendar feeds (see agenda/registry.py).
"""

from dataclasses import dataclass
from datetime import datetime

KIND_RESIDENT = "resident"  # a one-off activity a resident added
KIND_INITIATIVE = "initiative"  # an activity of an initiative, open to everyone
KIND_SHIFT = "shift"  # a volunteer shift that still needs people
KIND_DROPIN = "dropin"  # an occurrence of a professional drop-in hour


@dataclass(frozen=True)
class MovedOccurrence:
    """One occurrence of a series held at another time: an override (RECURRENCE-ID) in a feed."""

    recurrence_id: datetime  # the original start
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class Series:
    """A recurring item as a feed writes it: the item's start and end are the first occurrence's."""

    rrule: dict | None  # for icalendar.vRecur ({"freq": "WEEKLY", "interval": 1, "byday": ["TU"], "until": …}); None: one date
    exdates: tuple[datetime, ...] = ()  # original starts of occurrences that do not take place then
    moved: tuple[MovedOccurrence, ...] = ()


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
    source: str = ""  # the name the source was registered under
    source_id: int | None = None  # the page the item belongs to: the activity, initiative or drop-in series
    series: Series | None = None  # set when the item stands for a whole recurring series (feeds)
    description: str = ""
    costs: str = ""  # what taking part costs, when not free
    place_id: int | None = None  # the place, when it is one of the known places
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
    wijken: tuple[int, ...] = ()  # pks of the sites (wijken) it serves; none: every wijk (wijkplatform.wijken)
