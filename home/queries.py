"""
What the front door shows in its first screen: what is on today and this week, which drop-in hours are
open now, and where help is wanted. One collection of agenda items (cached by the agenda) feeds all of it.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from agenda.items import KIND_DROPIN, KIND_SHIFT
from agenda.models import LOCAL_TZ
from agenda.queries import collect, group_by_day, is_on_now

HELP_DAYS = 14
WEEK_DAYS = 7
TODAY_ITEMS = 6
WEEK_ITEMS = 8
DROPIN_ITEMS = 4
HELP_ITEMS = 4


@dataclass
class FrontDoor:
    today: list = field(default_factory=list)  # activities still to come or going on today, drop-in hours aside
    today_more: int = 0
    week: list = field(default_factory=list)  # [(date, [items])] for the six days after today
    week_more: int = 0
    open_now: list = field(default_factory=list)  # drop-in hours open at this moment
    later_today: list = field(default_factory=list)  # drop-in hours that open later today
    next_dropin: object = None  # the first drop-in hour after today, when none is open or coming today
    help_wanted: list = field(default_factory=list)  # shifts with free places in the next two weeks
    help_more: int = 0


def front_door(now=None, site=None):
    """The home page's overview at `now` for the wijk `site` (None: all of Oss), from the agenda's registered sources."""
    now = now or timezone.now()
    start = datetime.combine(now.astimezone(LOCAL_TZ).date(), time.min, tzinfo=LOCAL_TZ)
    tomorrow = start + timedelta(days=1)
    week_end = start + timedelta(days=WEEK_DAYS)
    items = [item for item in collect(start, start + timedelta(days=HELP_DAYS), site=site) if not item.cancelled]

    def still_on(item):
        return (item.end or item.start + timedelta(hours=1)) > now

    dropins = [item for item in items if item.kind == KIND_DROPIN and still_on(item)]
    on_today = [item for item in items if item.start < tomorrow and item.kind not in (KIND_SHIFT, KIND_DROPIN) and still_on(item)]
    this_week = [item for item in items if tomorrow <= item.start < week_end and item.kind != KIND_SHIFT]
    shifts = [item for item in items if item.kind == KIND_SHIFT and item.start > now]
    open_now = [item for item in dropins if is_on_now(item, now)]
    later_today = [item for item in dropins if now < item.start < tomorrow]
    return FrontDoor(
        today=on_today[:TODAY_ITEMS],
        today_more=max(0, len(on_today) - TODAY_ITEMS),
        week=group_by_day(this_week[:WEEK_ITEMS]),
        week_more=max(0, len(this_week) - WEEK_ITEMS),
        open_now=open_now[:DROPIN_ITEMS],
        later_today=later_today[: max(0, DROPIN_ITEMS - len(open_now))],
        next_dropin=None if open_now or later_today else next((item for item in dropins if item.start >= tomorrow), None),
        help_wanted=shifts[:HELP_ITEMS],
        help_more=max(0, len(shifts) - HELP_ITEMS),
    )
