"""iCalendar feeds: they parse back, carry Europe/Amsterdam with its VTIMEZONE, stable UIDs, and survive DST."""

import io
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.tz import tzical
from icalendar import Calendar

from agenda.items import KIND_DROPIN, KIND_SHIFT
from tests.agenda.conftest import at, days_from_now, make_activity

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_whole_feed_parses_with_timezone_and_all_items(client, agenda_page, only_own_source, place):
    day = days_from_now(2)
    activity = make_activity(agenda_page, "Koffieochtend", day, place=place, theme="ontmoeten")
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep", at(day, 9), uid="initiative-shift-7")
    calendar = parsed(client.get("/agenda/agenda.ics"))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert calendar.get_missing_tzids() == set()
    found = events(calendar)
    assert set(found) == {f"activiteit-{activity.pk}@wijkderuwaard.nl", "initiative-shift-7@wijkderuwaard.nl"}
    event = found[f"activiteit-{activity.pk}@wijkderuwaard.nl"]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.start == datetime.combine(day, time(10), AMSTERDAM)
    assert event.end == datetime.combine(day, time(12), AMSTERDAM)
    assert str(event["SUMMARY"]) == "Koffieochtend"
    assert place.name in str(event["LOCATION"])
    assert str(event["URL"]).startswith("http://testserver/agenda/koffieochtend")
    assert "Ans" in str(event["DESCRIPTION"])
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Ontmoeten"]


def test_uids_are_stable_across_requests_and_edits(client, agenda_page, only_own_source):
    activity = make_activity(agenda_page, "Taalcafé", days_from_now(3))
    first = set(events(parsed(client.get("/agenda/agenda.ics"))))
    activity.title = "Taalcafé (nieuwe tijd)"
    activity.start_time = time(15)
    activity.save_revision().publish()
    second = events(parsed(client.get("/agenda/agenda.ics")))
    assert set(second) == first
    assert str(next(iter(second.values()))["SUMMARY"]) == "Taalcafé (nieuwe tijd)"


def test_filters_apply_to_the_feed(client, agenda_page, only_own_source):
    day = days_from_now(1)
    make_activity(agenda_page, "Koffieochtend", day, theme="ontmoeten")
    only_own_source.make(KIND_SHIFT, "Hulp gezocht", at(day, 9), themes=("eten",))
    only_own_source.make(KIND_DROPIN, "Spreekuur", at(day, 13), themes=("geld",), by_professionals=True)
    summaries = lambda query: sorted(str(e["SUMMARY"]) for e in parsed(client.get(f"/agenda/agenda.ics?{query}")).walk("VEVENT"))  # noqa: E731
    assert summaries("soort=vrijwilligers") == ["Hulp gezocht"]
    assert summaries("thema=geld") == ["Spreekuur"]
    assert summaries("soort=bewoners&gratis=1") == ["Koffieochtend"]


def test_cancelled_occurrence_is_in_the_feed_as_cancelled(client, agenda_page, only_own_source):
    only_own_source.make(KIND_DROPIN, "Spreekuur", at(days_from_now(1), 13), cancelled=True, cancel_reason="Ziek")
    (event,) = parsed(client.get("/agenda/agenda.ics")).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Ziek" in str(event["DESCRIPTION"])


def test_one_item_download_for_add_to_my_calendar(client, agenda_page, only_own_source):
    day = days_from_now(4)
    activity = make_activity(agenda_page, "Repair Café", day)
    make_activity(agenda_page, "Iets anders", day, start=time(15))
    html = client.get(f"/agenda/?periode=week&datum={day.isoformat()}").content.decode()
    link = f"/agenda/agenda.ics?item=activiteit-{activity.pk}&amp;datum={day.isoformat()}"
    assert link in html
    response = client.get(link.replace("&amp;", "&"))
    assert 'attachment; filename="activiteit-' in response["Content-Disposition"]
    assert [str(e["SUMMARY"]) for e in parsed(response).walk("VEVENT")] == ["Repair Café"]
    assert client.get(f"/agenda/agenda.ics?item=bestaat-niet&datum={day.isoformat()}").status_code == 404


def test_wall_clock_time_holds_across_daylight_saving_changes(client, agenda_page, only_own_source):
    # 2027-03-28: clocks go forward at 02:00; 2027-10-31: back at 03:00.
    spring = make_activity(agenda_page, "Voorjaarswandeling", datetime(2027, 3, 28).date(), start=time(10), end=time(11))
    before = make_activity(agenda_page, "Zaterdagkoffie", datetime(2027, 3, 27).date(), start=time(10), end=time(11))
    autumn = make_activity(agenda_page, "Herfstwandeling", datetime(2027, 10, 31).date(), start=time(1, 30), end=time(4))
    calendar = parsed(client.get("/agenda/agenda.ics?van=2027-03-20&tot=2027-11-30"))
    found = events(calendar)
    spring_event = found[f"activiteit-{spring.pk}@wijkderuwaard.nl"]
    before_event = found[f"activiteit-{before.pk}@wijkderuwaard.nl"]
    assert spring_event.start.hour == before_event.start.hour == 10
    assert spring_event.start.astimezone(UTC).hour == 8  # CEST
    assert before_event.start.astimezone(UTC).hour == 9  # CET
    autumn_event = found[f"activiteit-{autumn.pk}@wijkderuwaard.nl"]
    # 01:30 to 04:00 wall-clock time is 3.5 real hours on the night the clocks go back.
    assert autumn_event.end.astimezone(UTC) - autumn_event.start.astimezone(UTC) == timedelta(hours=3, minutes=30)
    vtimezone = calendar.walk("VTIMEZONE")[0]
    transitions = {str(sub.name) for sub in vtimezone.subcomponents}
    assert transitions == {"STANDARD", "DAYLIGHT"}
    # The calendar's own time zone data agrees with zoneinfo on both sides of the change.
    tz = vtimezone.to_tz(lookup_tzid=False)
    assert datetime(2027, 3, 28, 10, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2027, 3, 27, 10, tzinfo=tz).utcoffset() == timedelta(hours=1)


def test_time_zone_in_the_feed_holds_for_any_year_in_two_independent_readings(client, agenda_page, only_own_source):
    make_activity(agenda_page, "Koffieochtend", days_from_now(1))
    body = client.get("/agenda/agenda.ics").content.decode()
    vtimezone = body[body.index("BEGIN:VTIMEZONE") : body.index("END:VTIMEZONE") + len("END:VTIMEZONE")]
    assert "RRULE:FREQ=YEARLY" in vtimezone  # rules, not a list of dates that runs out
    readings = [Calendar.from_ical(body).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False), tzical(io.StringIO(vtimezone + "\r\n")).get()]
    moment, end = datetime(2020, 1, 1, 12, tzinfo=UTC), datetime(2041, 1, 1, tzinfo=UTC)
    while moment < end:  # noon of every day for 21 years, and every hour of March and October
        expected = moment.astimezone(AMSTERDAM).utcoffset()
        assert [moment.astimezone(reading).utcoffset() for reading in readings] == [expected, expected], moment
        moment += timedelta(hours=1 if moment.month in (3, 10) else 24)


def test_text_is_escaped_and_long_lines_folded_without_breaking_characters(client, agenda_page, only_own_source):
    title = "Koffie, thee; en \\ meer\nTweede regel\x07 – café 😊"
    description = "Ruwaard ♥ Oss. " * 20
    only_own_source.make(KIND_SHIFT, title, at(days_from_now(1), 9), uid="lang-1", description=description)
    response = client.get("/agenda/agenda.ics")
    physical_lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical_lines)
    for line in physical_lines:
        line.decode()  # no UTF-8 sequence is cut in two: this would raise
    (event,) = parsed(response).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Koffie, thee; en \\ meer\nTweede regel – café 😊"
    assert str(event["DESCRIPTION"]).startswith(description.strip())


def test_folding_never_splits_an_escape_between_two_lines(client, agenda_page, only_own_source):
    description = "Soep, brood; thee \\ koffie. " * 40
    for shift in range(6):
        only_own_source.make(KIND_SHIFT, "Hulp" + "," * shift, at(days_from_now(1), 9 + shift), description=" " * shift + description)
    response = client.get("/agenda/agenda.ics")
    physical_lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical_lines)
    # A line may end on a whole escaped backslash (two), never on the first half of an escape.
    assert all((len(line) - len(line.rstrip(b"\\"))) % 2 == 0 for line in physical_lines)
    first_paragraphs = {str(event["DESCRIPTION"]).split("\n\n")[0] for event in parsed(response).walk("VEVENT")}
    assert first_paragraphs == {" " * shift + description for shift in range(6)}


def test_time_zone_falls_back_to_the_zones_own_changes_where_the_yearly_rules_do_not_hold(settings):
    from agenda import ical

    settings.TIME_ZONE = "Europe/London"  # summer time on the same days, but an hour behind
    ical.vtimezone.cache_clear()
    try:
        zone = ical.vtimezone(2025, 2027)
    finally:
        ical.vtimezone.cache_clear()
    assert "RRULE" not in zone.to_ical().decode()
    assert str(zone["TZID"]) == "Europe/London"
    assert datetime(2027, 7, 1, 12, tzinfo=UTC).astimezone(zone.to_tz(lookup_tzid=False)).utcoffset() == timedelta(hours=1)


def test_any_text_folds_within_75_octets_without_splitting_an_escape_and_unfolds_to_itself():
    from random import Random

    from agenda.ical import fold, text

    random = Random(5545)
    alphabet = ["a", "\\", ",", ";", "é", "😊", " ", "\n"]
    for _ in range(2000):
        line = "DESCRIPTION:" + text("".join(random.choice(alphabet) for _ in range(random.randint(0, 400))))
        physical_lines = fold(line).split("\r\n")
        assert all(len(physical.encode()) <= 75 for physical in physical_lines)
        assert all((len(physical) - len(physical.rstrip("\\"))) % 2 == 0 for physical in physical_lines)
        assert physical_lines[0] + "".join(physical[1:] for physical in physical_lines[1:]) == line
