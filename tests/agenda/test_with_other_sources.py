"""The agenda with the real sources of the drop-in and initiatives apps: list, series feed, initiative feed."""

from datetime import datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from agenda.filters import today
from agenda.models import LOCAL_TZ


@pytest.fixture
def dropin(db, place):
    from dropins import seed
    from dropins.models import DropInPage, Organisation

    organisation = Organisation.objects.create(name="Schuldhulp Oss (test)", helps_with="Hulp bij geldzorgen.")
    first_tuesday = today() + timedelta(days=(1 - today().weekday()) % 7 or 7)
    page = DropInPage(
        title="Spreekuur geldzorgen", slug="spreekuur-geldzorgen", theme="geld", organisation=organisation, place=place,
        intro="Vragen over rekeningen? Loop binnen.", frequency=DropInPage.WEEKLY, weekday=1,
        starts_on=first_tuesday, start_time=time(9, 30), end_time=time(11, 30),
    )
    seed.ensure_index_pages().add_child(instance=page)
    return page


def cancel(dropin, day, reason="Cursus"):
    from dropins.models import DropInException

    return DropInException.objects.create(page=dropin, date=day, kind=DropInException.CANCELLED, reason=reason)


def test_cancelled_drop_in_occurrence_is_marked_in_the_agenda(client, agenda_page, dropin):
    cancel(dropin, dropin.starts_on + timedelta(days=7), reason="De medewerker is op cursus")
    day = dropin.starts_on
    html = client.get(f"/agenda/?van={day.isoformat()}&tot={(day + timedelta(days=14)).isoformat()}").content.decode()
    assert html.count('data-kind="dropin"') == 3
    assert html.count('data-status="cancelled"') == 1
    assert "De medewerker is op cursus" in html


def test_drop_in_series_feed_has_rrule_exdate_and_moved_occurrence(client, agenda_page, dropin):
    from dropins.models import DropInException

    cancelled_day = dropin.starts_on + timedelta(days=14)
    cancel(dropin, cancelled_day)
    moved_day = dropin.starts_on + timedelta(days=21)
    DropInException.objects.create(
        page=dropin, date=moved_day, kind=DropInException.MOVED, reason="Verhuisd naar woensdag",
        new_date=moved_day + timedelta(days=1), new_start_time=time(13), new_end_time=time(15),
    )
    response = client.get(f"/agenda/inloop/{dropin.pk}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    master, moved = calendar.walk("VEVENT")
    assert str(master["UID"]) == str(moved["UID"]) == f"dropin-{dropin.pk}@wijkderuwaard.nl"
    assert master["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert master.start == datetime.combine(dropin.starts_on, time(9, 30), LOCAL_TZ)
    rule = master["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    exdates = [value.dt for value in master["EXDATE"].dts]
    assert exdates == [datetime.combine(cancelled_day, time(9, 30), LOCAL_TZ)]
    assert moved["RECURRENCE-ID"].dt == datetime.combine(moved_day, time(9, 30), LOCAL_TZ)
    assert moved.start == datetime.combine(moved_day + timedelta(days=1), time(13), LOCAL_TZ)
    # The expanded series agrees with what the drop-in app says are its occurrences.
    window_end = datetime.combine(dropin.starts_on + timedelta(days=35), time(0), LOCAL_TZ)
    expanded = rrulestr(master["RRULE"].to_ical().decode(), dtstart=master.start)
    starts = [moment for moment in expanded.between(master.start, window_end, inc=True) if moment not in exdates]
    assert len(starts) == 4  # five Tuesdays, one cancelled (the moved one is replaced by its override)


def test_unknown_or_unpublished_series_feed_is_404(client, agenda_page, dropin):
    assert client.get("/agenda/inloop/999999.ics").status_code == 404
    assert client.get(f"/agenda/inloop/{agenda_page.pk}.ics").status_code == 404
    dropin.unpublish()
    assert client.get(f"/agenda/inloop/{dropin.pk}.ics").status_code == 404


def test_initiative_feed_holds_its_activities_and_open_shifts_only(client, agenda_page, place):
    from initiatives.models import Activity, InitiativeIndexPage, InitiativePage, Shift

    index = InitiativeIndexPage.objects.get()
    pages = []
    for title in ("Repair Café", "Wandelgroep"):
        page = InitiativePage(title=title, slug=title.lower().replace(" ", "-"), aim="Samen iets doen.",
                              description="Een initiatief.", organiser_name="Henk", place=place, themes=["buurt"])
        index.add_child(instance=page)
        pages.append(page)
    repair, walk = pages
    start = datetime.combine(today() + timedelta(days=3), time(10), LOCAL_TZ)
    activity = Activity.objects.create(initiative=repair, title="Repair Café", start=start, end=start + timedelta(hours=3))
    shift = Shift.objects.create(initiative=repair, task="Koffie schenken", start=start, end=start + timedelta(hours=2), capacity=2)
    Shift.objects.create(initiative=repair, task="Vol", start=start, end=start + timedelta(hours=2), capacity=1, confirmed_count=1)
    Activity.objects.create(initiative=walk, title="Wandeling", start=start)

    calendar = Calendar.from_ical(client.get(f"/agenda/initiatief/{repair.pk}.ics").content)
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    assert uids == [f"initiative-activity-{activity.pk}@wijkderuwaard.nl", f"initiative-shift-{shift.pk}@wijkderuwaard.nl"]
    assert client.get(f"/agenda/initiatief/{agenda_page.pk}.ics").status_code == 404
