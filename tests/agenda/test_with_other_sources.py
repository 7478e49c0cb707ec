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


def move(dropin, day, new_day, reason="Andere zaal"):
    from dropins.models import DropInException

    return DropInException.objects.create(
        page=dropin, date=day, kind=DropInException.MOVED, reason=reason,
        new_date=new_day, new_start_time=time(13), new_end_time=time(15),
    )


def test_whole_agenda_feed_holds_each_drop_in_series_once_within_its_window(client, agenda_page, dropin):
    from dropins import agenda as dropin_agenda

    first = dropin.starts_on
    week = timedelta(days=7)
    cancel(dropin, first + week)
    move(dropin, first + 2 * week, first + 2 * week + timedelta(days=1))  # stays in the window
    move(dropin, first + 3 * week, first + 3 * week + timedelta(days=10))  # moves out of it
    move(dropin, first + 4 * week, first + 3 * week + timedelta(days=3))  # moves into it from outside
    last = first + 3 * week + timedelta(days=6)
    response = client.get(f"/agenda/agenda.ics?van={first.isoformat()}&tot={last.isoformat()}")
    found = {}
    for event in Calendar.from_ical(response.content).walk("VEVENT"):
        found.setdefault(str(event["UID"]), []).append(event)
    series_uid = f"dropin-{dropin.pk}@wijkderuwaard.nl"
    moved_in_uid = f"dropin-{dropin.pk}-{(first + 4 * week).isoformat()}@wijkderuwaard.nl"
    assert set(found) == {series_uid, moved_in_uid}
    master, override = sorted(found[series_uid], key=lambda event: "RECURRENCE-ID" in event)
    assert master.start == datetime.combine(first, time(9, 30), LOCAL_TZ)
    rule = master["RRULE"]
    assert rule["UNTIL"][0] == datetime.combine(first + 3 * week, time(9, 30), LOCAL_TZ)
    exdates = {value.dt for value in master["EXDATE"].dts}
    assert exdates == {datetime.combine(day, time(9, 30), LOCAL_TZ) for day in (first + week, first + 3 * week)}
    assert override["RECURRENCE-ID"].dt == datetime.combine(first + 2 * week, time(9, 30), LOCAL_TZ)
    assert "Andere zaal" in str(override["DESCRIPTION"])

    # What a calendar app makes of it is exactly what the agenda page shows for those days.
    expanded = rrulestr(rule.to_ical().decode(), dtstart=master.start)
    in_calendar = {moment for moment in expanded if moment not in exdates and moment != override["RECURRENCE-ID"].dt}
    in_calendar |= {override.start, found[moved_in_uid][0].start}
    start, end = (datetime.combine(day, time(0), LOCAL_TZ) for day in (first, last + timedelta(days=1)))
    on_page = {item.start for item in dropin_agenda.items(start, end) if not item.cancelled}
    assert in_calendar == on_page and len(on_page) == 3  # the first, the moved one, the one moved in


def test_whole_agenda_feed_filters_drop_in_series_like_the_page(client, agenda_page, dropin):
    def uids(query):
        calendar = Calendar.from_ical(client.get(f"/agenda/agenda.ics?{query}").content)
        return {str(event["UID"]) for event in calendar.walk("VEVENT")}

    series_uid = f"dropin-{dropin.pk}@wijkderuwaard.nl"
    assert uids("") == uids("thema=geld") == uids("soort=professionals") == {series_uid}
    assert uids("soort=vrijwilligers") == uids("thema=bewegen") == uids("soort=bewoners") == set()
    # A window with one occurrence gives a plain event, without a rule.
    day = dropin.starts_on.isoformat()
    (event,) = Calendar.from_ical(client.get(f"/agenda/agenda.ics?van={day}&tot={day}").content).walk("VEVENT")
    assert "RRULE" not in event and event.start == datetime.combine(dropin.starts_on, time(9, 30), LOCAL_TZ)


def test_unknown_or_unpublished_series_feed_is_404(client, agenda_page, dropin):
    assert client.get("/agenda/inloop/999999.ics").status_code == 404
    assert client.get(f"/agenda/inloop/{agenda_page.pk}.ics").status_code == 404
    dropin.unpublish()
    assert client.get(f"/agenda/inloop/{dropin.pk}.ics").status_code == 404


def test_initiative_feed_holds_its_activities_and_open_shifts_only(client, agenda_page, place):
    from initiatives.models import Activity, InitiativeIndexPage, InitiativePage, InitiativeTheme, Shift

    index = InitiativeIndexPage.objects.get()
    pages = []
    for title in ("Repair Café", "Wandelgroep"):
        page = InitiativePage(title=title, slug=title.lower().replace(" ", "-"), aim="Samen iets doen.",
                              description="Een initiatief.", organiser_name="Henk", place=place,
                              themes=[InitiativeTheme(theme="buurt")])
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


@pytest.mark.parametrize("action", ["close_signups", "cancel_shift"])
def test_shift_leaves_the_agenda_and_its_feed_at_once_when_signups_close_or_it_is_cancelled(client, agenda_page, resident, action):
    from initiatives.services import cancel_shift, set_signups_closed
    from tests.initiatives.factories import make_initiative, make_shift

    shift = make_shift(make_initiative(resident), days=2)
    uid = f"initiative-shift-{shift.pk}"
    page_url, feed_url = "/agenda/?periode=week", "/agenda/agenda.ics"
    assert uid in client.get(feed_url).content.decode()
    assert client.get(page_url).content.decode().count('data-kind="shift"') == 1

    set_signups_closed(shift) if action == "close_signups" else cancel_shift(shift)

    assert uid not in client.get(feed_url).content.decode()
    assert 'data-kind="shift"' not in client.get(page_url).content.decode()


def test_initiative_and_drop_in_pages_offer_their_own_feed(client, agenda_page, dropin, resident):
    from tests.initiatives.factories import make_initiative

    initiative = make_initiative(resident)
    for page, feed in ((initiative, f"/agenda/initiatief/{initiative.pk}.ics"), (dropin, f"/agenda/inloop/{dropin.pk}.ics")):
        html = client.get(page.url).content.decode()
        assert f'href="{feed}"' in html
        assert f'href="webcal://testserver{feed}"' in html
        assert Calendar.from_ical(client.get(feed).content).get("X-WR-CALNAME")


def test_every_kind_of_feed_passes_a_second_parser_that_validates_and_expands_it(client, agenda_page, dropin, resident):
    import vobject

    from dropins import agenda as dropin_agenda
    from tests.agenda.conftest import days_from_now, make_activity
    from tests.initiatives.factories import make_initiative, make_shift

    initiative = make_initiative(resident)
    make_shift(initiative, days=2)
    make_activity(agenda_page, "Koffieochtend", days_from_now(2))
    cancel(dropin, dropin.starts_on + timedelta(days=7))
    for url in ("/agenda/agenda.ics", f"/agenda/initiatief/{initiative.pk}.ics", f"/agenda/inloop/{dropin.pk}.ics"):
        calendar = vobject.readOne(client.get(url).content.decode(), validate=True)
        assert calendar.vevent_list, url
        for event in calendar.vevent_list:
            event.validate(raiseException=True)

    # vobject expands the series with the feed's own VTIMEZONE, across the change to summer time.
    (series,) = vobject.readOne(client.get(f"/agenda/inloop/{dropin.pk}.ics").content.decode()).vevent_list
    start = datetime.combine(dropin.starts_on, time(0), LOCAL_TZ)
    end = start + timedelta(weeks=30)
    in_calendar = set(series.getrruleset().between(start, end, inc=True))
    on_page = {item.start for item in dropin_agenda.items(start, end) if not item.cancelled}
    assert in_calendar == on_page and len(on_page) == 29
    assert {moment.astimezone(LOCAL_TZ).time() for moment in in_calendar} == {time(9, 30)}
