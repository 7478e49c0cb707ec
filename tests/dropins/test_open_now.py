"""'Open now' and 'next' with a clock passed in, and the list's filters and order."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.test import RequestFactory

from dropins.models import DropInException
from dropins.queries import index_context, overview
from dropins.recurrence import TZ, expand
from tests.dropins.conftest import make_dropin
from wijkplatform.themes import Theme


def local(y, m, d, h=0, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=TZ)


def series(pk, **fields):
    values = {"frequency": "weekly", "weekday": 1, "starts_on": date(2026, 1, 1), "ends_on": None,
              "start_time": time(9, 30), "end_time": time(11, 30), "title": f"Reeks {pk}"}
    values.update(fields)
    return SimpleNamespace(pk=pk, **values)


def views_at(pages, now, exceptions=()):
    return overview(pages, expand(pages, list(exceptions), now - timedelta(days=1), now + timedelta(weeks=9)), now)


def test_a_drop_in_is_open_from_its_start_until_just_before_its_end():
    page = series(1)  # Tuesdays 09:30-11:30
    assert not views_at([page], local(2026, 11, 24, 9, 29))[0].open_now
    assert views_at([page], local(2026, 11, 24, 9, 30))[0].open_now
    assert views_at([page], local(2026, 11, 24, 11, 29))[0].open_now
    assert not views_at([page], local(2026, 11, 24, 11, 30))[0].open_now


def test_open_now_uses_wall_clock_time_in_summer_too():
    now = local(2027, 6, 1, 10)  # a Tuesday in summer time, 08:00 UTC
    assert views_at([series(1)], now.astimezone(TZ))[0].open_now


def test_a_cancelled_occurrence_is_not_open_and_next_skips_it():
    page = series(1)
    cancelled = SimpleNamespace(page_id=1, date=date(2026, 11, 24), kind="cancelled", reason="Ziek.")
    view = views_at([page], local(2026, 11, 24, 10), [cancelled])[0]
    assert not view.open_now
    assert view.upcoming[0].cancelled and view.upcoming[0].reason == "Ziek."
    assert view.next.date == date(2026, 12, 1)


def test_next_occurrences_start_with_the_one_still_going_on():
    view = views_at([series(1)], local(2026, 11, 24, 11))[0]
    assert [o.date for o in view.upcoming] == [date(2026, 11, 24), date(2026, 12, 1), date(2026, 12, 8)]


def test_list_is_sorted_by_soonest_next_occurrence():
    pages = [series(1, weekday=4), series(2, weekday=2), series(3, weekday=2, start_time=time(8), end_time=time(9))]
    now = local(2026, 11, 24, 12)  # Tuesday noon
    assert [view.page.pk for view in views_at(pages, now)] == [3, 2, 1]


def test_series_that_ended_is_left_out():
    assert views_at([series(1, ends_on=date(2026, 11, 1))], local(2026, 11, 24, 12)) == []


def test_list_filters_by_theme_day_place_and_open_now(index, organisation, place, other_organisation, rf=RequestFactory()):
    from places.models import Place

    other_place = Place.objects.create(name="D'n Iemhof", address="Iemhofstraat 3, Oss")
    money = make_dropin(index, organisation, place, title="Geld", weekday=1)
    care = make_dropin(index, other_organisation, other_place, title="Zorg", theme=Theme.CARE, weekday=3,
                       start_time=time(13), end_time=time(15))
    now = local(2026, 11, 26, 14)  # Thursday 14:00: care is open

    def titles(query):
        request = rf.get("/inloop/", query)
        request.user = SimpleNamespace(is_authenticated=False)
        return [view.page.title for view in index_context(index, request, now=now)["series"]]

    assert titles({}) == ["Zorg", "Geld"]
    assert titles({"thema": "geld"}) == ["Geld"]
    assert titles({"dag": "3"}) == ["Zorg"]
    assert titles({"plek": str(place.pk)}) == ["Geld"]
    assert titles({"nu_open": "on"}) == ["Zorg"]
    # Nonsense in the query string is ignored, not an error.
    assert titles({"thema": "x", "dag": "99", "plek": "abc"}) == ["Zorg", "Geld"]
    # A day filter follows a moved occurrence.
    DropInException.objects.create(page=money, date=date(2026, 12, 1), kind="moved", reason="",
                                   new_date=date(2026, 12, 4), new_start_time=time(10), new_end_time=time(11))
    assert titles({"dag": "4"}) == ["Geld"]
    assert money.pk and care.pk
