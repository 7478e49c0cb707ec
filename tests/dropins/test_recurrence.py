"""Recurrence: weekly and every-other-week series, single dates, DST, and the shared-rrule shortcut."""

import random
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from dateutil.rrule import WEEKLY, rrule

from dropins.models import DropInPage
from dropins.recurrence import TZ, Rule, expand


def series(pk=1, **fields):
    values = {
        "frequency": DropInPage.WEEKLY,
        "weekday": 1,
        "starts_on": date(2026, 1, 1),
        "ends_on": None,
        "start_time": time(9, 30),
        "end_time": time(11, 30),
    }
    values.update(fields)
    # A stand-in with the schedule fields of a DropInPage: expansion needs no database.
    return SimpleNamespace(pk=pk, title=f"Reeks {pk}", **values)


def local(y, m, d, h=0, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=TZ)


def test_weekly_series_keeps_its_wall_clock_time_across_the_spring_dst_change():
    # Summer time starts on Sunday 28 March 2027.
    occurrences = expand([series()], [], local(2027, 3, 20), local(2027, 4, 3))
    assert [o.start.date() for o in occurrences] == [date(2027, 3, 23), date(2027, 3, 30)]
    assert all((o.start.hour, o.start.minute) == (9, 30) for o in occurrences)
    assert [o.start.utcoffset() for o in occurrences] == [timedelta(hours=1), timedelta(hours=2)]
    assert [o.start.astimezone(UTC).hour for o in occurrences] == [8, 7]


def test_weekly_series_keeps_its_wall_clock_time_across_the_autumn_dst_change():
    # Winter time starts on Sunday 25 October 2026; a Sunday series that week too.
    tuesday = expand([series()], [], local(2026, 10, 19), local(2026, 11, 1))
    assert [(o.start.day, o.start.hour, o.start.utcoffset()) for o in tuesday] == [
        (20, 9, timedelta(hours=2)),
        (27, 9, timedelta(hours=1)),
    ]
    sunday = expand([series(weekday=6, start_time=time(10), end_time=time(12))], [], local(2026, 10, 24), local(2026, 10, 26))
    assert sunday[0].start == local(2026, 10, 25, 10) and sunday[0].end - sunday[0].start == timedelta(hours=2)


def test_every_other_week_follows_the_first_occurrence_whatever_the_window():
    page = series(frequency=DropInPage.BIWEEKLY, weekday=2, starts_on=date(2026, 11, 2))  # first: Wed 4 Nov
    expected = [date(2026, 11, 4), date(2026, 11, 18), date(2026, 12, 2), date(2026, 12, 16)]
    assert [o.date for o in expand([page], [], local(2026, 11, 1), local(2026, 12, 20))] == expected
    # A window that starts in an "off" week still lands on the same weeks.
    assert [o.date for o in expand([page], [], local(2026, 11, 10), local(2026, 12, 20))] == expected[1:]


def test_two_every_other_week_series_on_the_same_day_can_alternate():
    first = series(1, frequency=DropInPage.BIWEEKLY, starts_on=date(2026, 11, 3))
    second = series(2, frequency=DropInPage.BIWEEKLY, starts_on=date(2026, 11, 10))
    occurrences = expand([first, second], [], local(2026, 11, 1), local(2026, 12, 1))
    assert [(o.page.pk, o.date.day) for o in occurrences] == [(1, 3), (2, 10), (1, 17), (2, 24)]


def test_series_starts_and_ends_on_the_given_dates_inclusive():
    page = series(starts_on=date(2026, 11, 10), ends_on=date(2026, 11, 24))
    assert [o.date for o in expand([page], [], local(2026, 11, 1), local(2027, 1, 1))] == [
        date(2026, 11, 10),
        date(2026, 11, 17),
        date(2026, 11, 24),
    ]


def test_single_date_happens_once():
    page = series(frequency=DropInPage.ONCE, weekday=None, starts_on=date(2026, 12, 9), start_time=time(14), end_time=time(16))
    occurrences = expand([page], [], local(2026, 11, 1), local(2027, 1, 1))
    assert [(o.start, o.end) for o in occurrences] == [(local(2026, 12, 9, 14), local(2026, 12, 9, 16))]
    assert Rule.of(page).is_scheduled(date(2026, 12, 9)) and not Rule.of(page).is_scheduled(date(2026, 12, 16))


def test_window_is_half_open_on_the_start_moment():
    page = series()
    start = local(2026, 11, 24, 9, 30)
    assert [o.date for o in expand([page], [], start, start + timedelta(days=7))] == [date(2026, 11, 24)]
    assert [o.date for o in expand([page], [], start - timedelta(days=7), start)] == [date(2026, 11, 17)]
    assert [o.date for o in expand([page], [], start + timedelta(minutes=1), start + timedelta(days=7, minutes=1))] == [
        date(2026, 12, 1)
    ]


def test_expansion_matches_a_plain_rrule_for_many_random_series():
    rng = random.Random(5)
    pages = []
    for pk in range(1, 120):
        frequency = rng.choice([DropInPage.WEEKLY, DropInPage.BIWEEKLY])
        starts_on = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
        ends_on = rng.choice([None, starts_on + timedelta(days=rng.randrange(20, 400))])
        pages.append(series(pk, frequency=frequency, weekday=rng.randrange(7), starts_on=starts_on, ends_on=ends_on,
                            start_time=time(rng.randrange(8, 20), rng.choice([0, 15, 30, 45])), end_time=time(21)))
    start, end = local(2026, 6, 1, 12), local(2027, 6, 1, 12)
    got = {(o.page.pk, o.start) for o in expand(pages, [], start, end)}
    expected = set()
    for page in pages:
        first = rrule(WEEKLY, byweekday=page.weekday, dtstart=datetime.combine(page.starts_on, page.start_time), count=1)[0]
        rule = rrule(WEEKLY, interval=1 if page.frequency == DropInPage.WEEKLY else 2, byweekday=page.weekday,
                     dtstart=first,
                     until=datetime.combine(page.ends_on, page.start_time) if page.ends_on else None)
        for naive in rule.between(datetime(2026, 5, 1), datetime(2027, 7, 1), inc=True):
            moment = naive.replace(tzinfo=TZ)
            if start <= moment < end:
                expected.add((page.pk, moment))
    assert got == expected


def test_occurrences_come_in_time_order():
    pages = [series(1, weekday=3), series(2, weekday=1, start_time=time(13), end_time=time(14)), series(3, weekday=1)]
    starts = [o.start for o in expand(pages, [], local(2026, 11, 1), local(2027, 2, 1))]
    assert starts == sorted(starts)
