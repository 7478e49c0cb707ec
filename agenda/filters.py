"""
Reading the agenda's filters from a query string: a range of days
(`parse_range`) and a filter on items (`parse_item_filter`), joined in an
`AgendaFilter` by `parse`.

Every value is checked: a bad or absurd one (a date in the year 99999, text
where a date belongs, a range of ten years) is replaced by a sane default and
explained in a plain Dutch message. The time range is capped, so no query can
run away.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agenda.items import KIND_DROPIN, KIND_SHIFT
from agenda.models import LOCAL_TZ
from wijkplatform.themes import Theme
from wijkplatform.wijken import ALL_WIJKEN, serves

PERIOD_DAY = "dag"
PERIOD_WEEK = "week"
PERIOD_MONTH = "maand"
PERIODS = {PERIOD_DAY: 1, PERIOD_WEEK: 7, PERIOD_MONTH: 31}
# The current week or month is shown from today on; with fewer days than this
# left, the next week or month is added, so "Deze maand" on the 30th is not one day.
SHORTEST_CURRENT = {PERIOD_WEEK: 2, PERIOD_MONTH: 7}

KIND_BY_RESIDENTS = "bewoners"
KIND_BY_PROFESSIONALS = "professionals"
KIND_NEEDS_VOLUNTEERS = "vrijwilligers"

EARLIEST_YEAR = 2020
LATEST_YEAR = 2100
MAX_PAGE_DAYS = 62  # what the web page shows at most at once
MAX_FEED_DAYS = 400  # what a calendar feed holds at most
FEED_DAYS_BACK = 7
FEED_DAYS_AHEAD = 365
YES = ("1", "on", "ja")


def kind_choices():
    return [
        (KIND_BY_RESIDENTS, _("Door bewoners")),
        (KIND_BY_PROFESSIONALS, _("Door organisaties")),
        (KIND_NEEDS_VOLUNTEERS, _("Hulp gevraagd")),
    ]


def period_choices():
    return [(PERIOD_DAY, _("Dag")), (PERIOD_WEEK, _("Week")), (PERIOD_MONTH, _("Maand"))]


def today():
    return timezone.localdate(timezone=LOCAL_TZ)


def period_range(period, day):
    """The days of the day, week (Monday to Sunday) or calendar month that holds `day`."""
    if period == PERIOD_DAY:
        return day, day
    if period == PERIOD_WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    first = day.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    return first, next_month - timedelta(days=1)


@dataclass(frozen=True)
class DayRange:
    """The days to show: a day, week or month (`period`), or any range from van/tot."""

    first_day: date
    last_day: date  # inclusive
    period: str = ""  # "" when the range came from van/tot
    anchor: date | None = None  # the day asked for with `datum`; None: the current period, from today

    @classmethod
    def around(cls, period, day):
        """The whole period that holds `day`."""
        first, last = period_range(period, day)
        return cls(first, last, period, day)

    @classmethod
    def current(cls, period, day):
        """The period that holds `day` from `day` on, running on to the end of the next one when little is left."""
        last = period_range(period, day)[1]
        if (last - day).days + 1 < SHORTEST_CURRENT.get(period, 1):
            last = period_range(period, last + timedelta(days=1))[1]
        return cls(day, last, period)

    @classmethod
    def of_day(cls, day):
        return cls(day, day)

    @property
    def start(self):
        return datetime.combine(self.first_day, time.min, tzinfo=LOCAL_TZ)

    @property
    def end(self):
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=LOCAL_TZ)

    @property
    def days(self):
        return (self.last_day - self.first_day).days + 1

    def previous(self):
        if self.period:
            # From the last day: a current range that runs into the next period goes back to the one it began in.
            return DayRange.around(self.period, period_range(self.period, self.last_day)[0] - timedelta(days=1))
        span = timedelta(days=self.days)
        return replace(self, first_day=self.first_day - span, last_day=self.last_day - span)

    def next(self):
        if self.period:
            return DayRange.around(self.period, self.last_day + timedelta(days=1))
        span = timedelta(days=self.days)
        return replace(self, first_day=self.first_day + span, last_day=self.last_day + span)

    def params(self):
        if self.period:
            params = {"periode": self.period}
            if self.anchor:
                params["datum"] = self.anchor.isoformat()
            return params
        return {"van": self.first_day.isoformat(), "tot": self.last_day.isoformat()}


@dataclass(frozen=True)
class ItemFilter:
    """Which items to show: by wijk, theme, kind, place, costs and wheelchair access."""

    theme: str = ""
    kind: str = ""
    place: int | None = None
    free: bool = False
    accessible: bool = False
    wijk: int | None = None  # the site whose items (and the town-wide ones) to show; None: every wijk
    all_wijken: bool = False  # asked for all of Oss (wijken=alle)

    def matches(self, item):
        if not serves(item, self.wijk):
            return False
        if self.theme and self.theme not in item.themes:
            return False
        if self.kind == KIND_NEEDS_VOLUNTEERS and item.kind != KIND_SHIFT:
            return False
        if self.kind == KIND_BY_PROFESSIONALS and not (item.by_professionals or item.kind == KIND_DROPIN):
            return False
        if self.kind == KIND_BY_RESIDENTS and (item.by_professionals or item.kind in (KIND_DROPIN, KIND_SHIFT)):
            return False
        if self.place is not None and item.place_id != self.place:
            return False
        if self.free and not item.free:
            return False
        if self.accessible and not item.accessible:
            return False
        return True

    def apply(self, items):
        return [item for item in items if self.matches(item)]

    def params(self):
        params = {}
        if self.theme:
            params["thema"] = self.theme
        if self.kind:
            params["soort"] = self.kind
        if self.place is not None:
            params["plek"] = self.place
        if self.free:
            params["gratis"] = "1"
        if self.accessible:
            params["toegankelijk"] = "1"
        if self.all_wijken:
            params["wijken"] = ALL_WIJKEN
        return params


@dataclass(frozen=True)
class AgendaFilter:
    """What to show: a range of days and a filter on items, with messages about what was wrong."""

    day_range: DayRange
    item_filter: ItemFilter = ItemFilter()
    messages: tuple[str, ...] = field(default=(), compare=False)

    first_day = property(lambda self: self.day_range.first_day)
    last_day = property(lambda self: self.day_range.last_day)
    period = property(lambda self: self.day_range.period)
    anchor = property(lambda self: self.day_range.anchor)
    start = property(lambda self: self.day_range.start)
    end = property(lambda self: self.day_range.end)
    days = property(lambda self: self.day_range.days)
    theme = property(lambda self: self.item_filter.theme)
    kind = property(lambda self: self.item_filter.kind)
    place = property(lambda self: self.item_filter.place)
    free = property(lambda self: self.item_filter.free)
    accessible = property(lambda self: self.item_filter.accessible)
    all_wijken = property(lambda self: self.item_filter.all_wijken)

    @property
    def is_filtered(self):
        return bool(self.item_filter.params())

    def apply(self, items):
        return self.item_filter.apply(items)

    def filter_params(self):
        """The item filters as query parameters, without the time range."""
        return self.item_filter.params()

    def query_string(self, **overrides):
        """This filter as a query string; `overrides` set or (with None) drop parameters."""
        params = {**self.day_range.params(), **self.item_filter.params()}
        for key, value in overrides.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)

    def with_range(self, day_range):
        return replace(self, day_range=day_range)

    def previous(self):
        return self.with_range(self.day_range.previous())

    def next(self):
        return self.with_range(self.day_range.next())


def parse_date(value, label, messages):
    """A date from `YYYY-MM-DD`, or None with a message for the visitor."""
    if not value:
        return None
    value = value.strip()[:40]
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        # date.fromisoformat refuses years above 9999; say the same for those.
        head = value.split("-")[0]
        if head.isdigit() and len(head) > 4:
            messages.append(_("De datum bij ‘%(label)s’ ligt te ver weg. We laten vandaag zien.") % {"label": label})
            return None
        messages.append(
            _("‘%(value)s’ is geen datum. Schrijf een datum zo: %(example)s. We laten vandaag zien.")
            % {"value": value, "example": today().isoformat()}
        )
        return None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        messages.append(_("De datum bij ‘%(label)s’ ligt te ver weg. We laten vandaag zien.") % {"label": label})
        return None
    return parsed


def parse_range(params, messages, *, feed=False):
    """A DayRange from `periode`, `datum`, `van` and `tot`; what was wrong is added to `messages`."""
    max_days = MAX_FEED_DAYS if feed else MAX_PAGE_DAYS
    current = today()

    period = params.get("periode", "")
    if period and period not in PERIODS:
        messages.append(_("Kies dag, week of maand. We laten een week zien."))
        period = ""
    start_day = parse_date(params.get("van"), pgettext("het begin van een periode", "van"), messages)
    end_day = parse_date(params.get("tot"), _("tot"), messages)
    day = parse_date(params.get("datum"), _("datum"), messages)

    if start_day or end_day:
        first = start_day or current
        last = end_day or first + timedelta(days=(FEED_DAYS_AHEAD if feed else 6))
        if last < first:
            messages.append(_("De einddatum ligt voor de begindatum. We hebben ze omgedraaid."))
            first, last = last, first
        if (last - first).days + 1 > max_days:
            messages.append(
                _("U kunt hoogstens %(days)s dagen tegelijk bekijken. We laten de eerste %(days)s dagen zien.")
                % {"days": max_days}
            )
            last = first + timedelta(days=max_days - 1)
        return DayRange(first, last)
    if period or day or not feed:
        period = period or PERIOD_WEEK
        if day is None:
            return DayRange.current(period, current)
        return DayRange.around(period, day)
    return DayRange(current - timedelta(days=FEED_DAYS_BACK), current + timedelta(days=FEED_DAYS_AHEAD))


def parse_item_filter(params, messages, site=None):
    """
    An ItemFilter from `thema`, `soort`, `plek`, `gratis`, `toegankelijk` and `wijken`; what was wrong is added
    to `messages`. Items are limited to the wijk `site` (a Wagtail Site) unless `wijken=alle` asks for all of Oss.
    """
    theme = params.get("thema", "")
    if theme and theme not in Theme.values:
        messages.append(_("Dit thema kennen we niet. We laten alle thema’s zien."))
        theme = ""
    kind = params.get("soort", "")
    if kind and kind not in dict(kind_choices()):
        messages.append(_("Deze soort kennen we niet. We laten alles zien."))
        kind = ""
    place = params.get("plek", "")
    place_id = None
    if place:
        if place.isdigit() and len(place) < 10:
            place_id = int(place)
        else:
            messages.append(_("Deze plek kennen we niet. We laten alle plekken zien."))
    all_wijken = params.get("wijken") == ALL_WIJKEN
    return ItemFilter(
        theme=theme,
        kind=kind,
        place=place_id,
        free=params.get("gratis") in YES,
        accessible=params.get("toegankelijk") in YES,
        wijk=None if all_wijken or site is None else site.pk,
        all_wijken=all_wijken,
    )


def parse(params, *, feed=False, site=None):
    """
    An AgendaFilter from a QueryDict (request.GET), with messages about what was wrong; `site` is the wijk
    of the request (wijkplatform.wijken.current_site), None for all of Oss.
    """
    messages = []
    day_range = parse_range(params, messages, feed=feed)
    item_filter = parse_item_filter(params, messages, site)
    return AgendaFilter(day_range, item_filter, tuple(messages))
