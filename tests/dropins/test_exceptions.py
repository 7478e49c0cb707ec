"""Cancelling and moving one occurrence: applied at once, logged, shown, pushed live; and the iCalendar view."""

from datetime import date, datetime, time, timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError
from icalendar import vRecur
from wagtail.models import PageLogEntry

from dropins import recurrence, services
from dropins.models import DropInException
from dropins.recurrence import TZ


def local(y, m, d, h=0, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=TZ)


@pytest.fixture
def next_tuesday():
    today = datetime.now(TZ).date()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


def test_cancelling_marks_the_occurrence_cancelled_with_its_reason_and_keeps_the_others(dropin, professional, next_tuesday):
    services.cancel_occurrence(dropin, next_tuesday, professional, "De medewerker is ziek.")
    start = datetime.combine(next_tuesday - timedelta(days=7), time(), TZ)
    occurrences = dropin.occurrences(start, start + timedelta(days=21))
    assert [(o.date, o.status, o.reason) for o in occurrences] == [
        (next_tuesday - timedelta(days=7), "open", ""),
        (next_tuesday, "cancelled", "De medewerker is ziek."),
        (next_tuesday + timedelta(days=7), "open", ""),
    ]


def test_cancelling_is_logged_in_the_page_history(dropin, professional, next_tuesday):
    services.cancel_occurrence(dropin, next_tuesday, professional, "Vakantie.")
    entry = PageLogEntry.objects.get(page=dropin, action=services.ACTION_CANCEL)
    assert entry.user == professional
    assert entry.data == {"date": next_tuesday.isoformat(), "reason": "Vakantie."}
    assert "Vakantie." in entry.message


def test_cancelling_tells_open_browsers_after_commit(dropin, professional, next_tuesday, django_capture_on_commit_callbacks):
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(f"dropin-{dropin.pk}", channel)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_occurrence(dropin, next_tuesday, professional, "Ziek.")
    message = async_to_sync(layer.receive)(channel)
    assert message["group"] == f"dropin-{dropin.pk}"
    assert message["attrs"] == {"status": "cancelled"} and message["reload"] is True


def test_cancelling_needs_no_review_and_leaves_the_page_as_it_is(dropin, professional, next_tuesday):
    revisions = dropin.revisions.count()
    services.cancel_occurrence(dropin, next_tuesday, professional, "Ziek.")
    dropin.refresh_from_db()
    assert dropin.live and dropin.current_workflow_state is None and dropin.revisions.count() == revisions


def test_a_date_without_a_drop_in_cannot_be_cancelled(dropin, professional, next_tuesday):
    with pytest.raises(ValidationError):
        services.cancel_occurrence(dropin, next_tuesday + timedelta(days=1), professional, "Ziek.")
    with pytest.raises(ValidationError):
        services.cancel_occurrence(dropin, next_tuesday - timedelta(days=14), professional, "Te laat.")
    assert not DropInException.objects.exists()


def test_moving_shows_the_occurrence_at_its_new_time_only(dropin, professional, next_tuesday):
    new_date = next_tuesday + timedelta(days=2)
    services.move_occurrence(
        dropin, next_tuesday, professional, new_date=new_date, new_start_time=time(13), new_end_time=time(15), reason="Zaal bezet."
    )
    start = datetime.combine(next_tuesday, time(), TZ)
    occurrences = dropin.occurrences(start, start + timedelta(days=7))
    assert [(o.date, o.start, o.moved_from) for o in occurrences] == [
        (next_tuesday, datetime.combine(new_date, time(13), TZ), datetime.combine(next_tuesday, time(9, 30), TZ))
    ]
    assert PageLogEntry.objects.filter(page=dropin, action=services.ACTION_MOVE).count() == 1


def test_an_occurrence_moved_into_a_window_from_outside_it_is_found(dropin, professional, next_tuesday):
    services.move_occurrence(
        dropin, next_tuesday, professional, new_date=next_tuesday + timedelta(days=10),
        new_start_time=time(10), new_end_time=time(11), reason="",
    )
    start = datetime.combine(next_tuesday + timedelta(days=8), time(), TZ)
    found = recurrence.occurrences_between(start, start + timedelta(days=3))
    assert [(o.date, o.start.date()) for o in found] == [(next_tuesday, next_tuesday + timedelta(days=10))]


def test_moving_further_than_a_month_or_ending_before_it_starts_is_refused(dropin, professional, next_tuesday):
    with pytest.raises(ValidationError):
        services.move_occurrence(dropin, next_tuesday, professional, new_date=next_tuesday + timedelta(days=40),
                                new_start_time=time(10), new_end_time=time(11), reason="")
    with pytest.raises(ValidationError):
        services.move_occurrence(dropin, next_tuesday, professional, new_date=next_tuesday,
                                new_start_time=time(11), new_end_time=time(10), reason="")


def test_restoring_undoes_a_cancellation_and_is_logged(dropin, professional, next_tuesday):
    services.cancel_occurrence(dropin, next_tuesday, professional, "Ziek.")
    assert services.restore_occurrence(dropin, next_tuesday, professional)
    start = datetime.combine(next_tuesday, time(), TZ)
    assert [o.status for o in dropin.occurrences(start, start + timedelta(days=1))] == ["open"]
    assert PageLogEntry.objects.filter(page=dropin, action=services.ACTION_RESTORE).exists()


def test_whole_series_gives_an_icalendar_rule_with_exdates_and_moved_occurrences(index, organisation, place, professional):
    from tests.dropins.conftest import make_dropin

    today = datetime.now(TZ).date()
    page = make_dropin(index, organisation, place, frequency="biweekly", weekday=today.weekday(), starts_on=today,
                       ends_on=today + timedelta(days=70))
    services.cancel_occurrence(page, today + timedelta(days=14), professional, "Ziek.")
    services.move_occurrence(page, today + timedelta(days=28), professional, new_date=today + timedelta(days=29),
                            new_start_time=time(14), new_end_time=time(15), reason="Zaal bezet.")
    services.cancel_occurrence(page, today, professional, "Vakantie.")
    series = page.whole_series()
    assert series.start == datetime.combine(today, time(9, 30), TZ)
    assert series.end == datetime.combine(today, time(11, 30), TZ)
    recur = vRecur(series.rrule).to_ical().decode()
    assert "FREQ=WEEKLY" in recur and "INTERVAL=2" in recur and "BYDAY=" in recur and "UNTIL=" in recur
    assert series.exdates == (datetime.combine(today, time(9, 30), TZ), datetime.combine(today + timedelta(days=14), time(9, 30), TZ))
    assert series.moved == (
        recurrence.Moved(
            date=today + timedelta(days=28),
            recurrence_id=datetime.combine(today + timedelta(days=28), time(9, 30), TZ),
            start=datetime.combine(today + timedelta(days=29), time(14), TZ),
            end=datetime.combine(today + timedelta(days=29), time(15), TZ),
            reason="Zaal bezet.",
        ),
    )
    # The rule and the exceptions describe exactly what the site shows.
    from dateutil.rrule import rrulestr

    rule = rrulestr(f"RRULE:{recur}", dtstart=series.start)
    scheduled = {d.date() for d in rule}
    shown = {o.date for o in page.occurrences(series.start, series.start + timedelta(days=80))}
    assert scheduled == shown


def test_single_date_has_no_rule(index, organisation, place):
    from tests.dropins.conftest import make_dropin

    page = make_dropin(index, organisation, place, frequency="once", weekday=None, starts_on=date(2027, 2, 3))
    series = page.whole_series()
    assert series.rrule is None and series.start == local(2027, 2, 3, 9, 30)
