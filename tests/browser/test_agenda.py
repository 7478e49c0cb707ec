"""Browser: a visitor filters the agenda without JavaScript tricks and downloads the calendar feed."""

import re
from datetime import datetime, time, timedelta
from time import sleep

import pytest
from django.utils import timezone
from icalendar import Calendar

from agenda.models import AgendaPage
from tests.agenda.conftest import days_from_now, make_activity
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def test_visitor_filters_the_agenda_and_downloads_the_feed(page, tmp_path):
    agenda = AgendaPage.objects.get()
    day = days_from_now(1)
    make_activity(agenda, "Taalcafé", day, start=time(10), theme="taal")
    make_activity(agenda, "Kerststukjes maken", day, start=time(19), theme="cultuur", free=False, costs="€ 5")
    make_activity(agenda, "Buurtpreventie", day, start=time(20), theme="veiligheid", by_professionals=True)

    page.goto(f"/agenda/?periode=week&datum={day.isoformat()}")
    items = page.locator("[data-agenda-item]")
    assert items.count() == 3
    axe_check(page)

    page.get_by_text("Zoek precies wat u wilt").click()
    page.select_option("select[name=thema]", "taal")
    page.click("form[data-agenda-filter] button[type=submit]")
    page.wait_for_load_state()
    assert "thema=taal" in page.url
    assert page.locator("[data-agenda-item]").count() == 1
    assert page.locator("[data-agenda-item][data-kind=resident] .agenda-item__title").inner_text() == "Taalcafé"

    page.goto(f"/agenda/?periode=week&datum={day.isoformat()}")
    page.click(".agenda-kinds >> text=Door organisaties")
    page.wait_for_load_state()
    assert page.locator("[data-agenda-item] .agenda-item__title").all_inner_texts() == ["Buurtpreventie"]

    with page.expect_download() as download_info:
        page.click("a[data-agenda-feed]")
    path = tmp_path / "agenda.ics"
    download_info.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Buurtpreventie"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_bad_date_in_the_address_gives_a_dutch_message(page):
    page.goto("/agenda/?datum=99999-01-01")
    assert "ligt te ver weg" in page.locator(".agenda-messages").inner_text()


def test_busy_weekly_poster_prints_on_one_a4_page_without_accessibility_errors(page):
    agenda = AgendaPage.objects.get()
    first = days_from_now(7)
    for offset in range(7):
        for hour in range(9, 21, 2):
            make_activity(agenda, f"Bijeenkomst met een lange naam over de wijk en de buren {hour} uur", first + timedelta(days=offset), start=time(hour), end=time(hour + 1))
    page.goto(f"/agenda/poster/?datum={first.isoformat()}")
    assert page.locator("[data-poster] [data-agenda-item]").count() >= 7
    axe_check(page)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1


def test_screen_shows_what_is_on_now_without_navigation_or_accessibility_errors(page):
    agenda = AgendaPage.objects.get()
    now = timezone.localtime()
    if now.time() >= time(23, 59):  # the screen shows from today's midnight: let today begin first
        sleep((datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo) - now).total_seconds() + 1)
        now = timezone.localtime()
    # From this minute for an hour; an end past midnight is the next day (ActivityPage.end).
    start = now.replace(second=0, microsecond=0)
    make_activity(agenda, "Koffie-inloop", start.date(), start=start.time(), end=(start + timedelta(hours=1)).time())
    page.goto("/agenda/scherm/")
    assert page.locator("nav").count() == 0
    assert "Koffie-inloop" in page.locator("[data-screen]").inner_text()
    axe_check(page)
