"""The weekly poster, the screen for the community centre, the home page sections, the seed."""

import io
from datetime import time, timedelta

from django.utils import timezone

from agenda import seed
from agenda.filters import today
from agenda.items import KIND_DROPIN, KIND_SHIFT
from agenda.models import ActivityPage
from tests.agenda.conftest import at, days_from_now, make_activity


def test_poster_shows_one_week_monday_to_sunday_without_shifts(client, agenda_page, only_own_source):
    day = today() + timedelta(days=7)
    monday = day - timedelta(days=day.weekday())
    make_activity(agenda_page, "Koffieochtend", monday)
    make_activity(agenda_page, "Spelletjesmiddag", monday + timedelta(days=6), start=time(14))
    make_activity(agenda_page, "Een week later", monday + timedelta(days=7))
    only_own_source.make(KIND_SHIFT, "Hulp gezocht", at(monday, 9))
    response = client.get(f"/agenda/poster/?datum={day.isoformat()}")
    html = response.content.decode()
    assert [d for d, _items, _more in response.context["days"]] == [monday + timedelta(days=n) for n in range(7)]
    assert "Koffieochtend" in html and "Spelletjesmiddag" in html
    assert "Een week later" not in html and "Hulp gezocht" not in html
    assert html.count("<h1") == 1


def test_poster_keeps_to_one_page_by_capping_busy_days(client, agenda_page, only_own_source):
    day = days_from_now(1)
    for minute in range(10):
        only_own_source.make("initiative", f"Activiteit {minute}", at(day, 9, minute))
    html = client.get(f"/agenda/poster/?datum={day.isoformat()}").content.decode()
    assert "Activiteit 5" in html and "Activiteit 6" not in html
    assert "En nog 4 activiteiten" in html


def test_screen_shows_now_and_later_today_and_tomorrow_without_navigation(client, agenda_page, only_own_source):
    now = timezone.now()
    only_own_source.make(KIND_DROPIN, "Spreekuur nu", now - timedelta(minutes=30), end=now + timedelta(minutes=30))
    only_own_source.make("initiative", "Straks", now + timedelta(minutes=1), end=now + timedelta(hours=1))
    only_own_source.make("initiative", "Overmorgen", at(days_from_now(2), 12))
    response = client.get("/agenda/scherm/")
    html = response.content.decode()
    assert 'class="main-nav"' not in html and "site-footer" not in html
    assert 'data-live="agenda"' in html
    assert '<noscript><meta http-equiv="refresh" content="60; url=/agenda/scherm/"></noscript>' in html
    assert "<script>" not in html  # CSP: scripts only from files
    assert html.index("Nu open") < html.index("Spreekuur nu") < html.index("Straks")
    assert [item.title for item in response.context["on_now"]] == ["Spreekuur nu"]
    assert "Overmorgen" not in html


def test_home_page_shows_the_next_days_and_who_can_help(client, home, agenda_page, only_own_source):
    make_activity(agenda_page, "Koffieochtend", days_from_now(1))
    make_activity(agenda_page, "Over twee weken", days_from_now(13))
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep koken", at(days_from_now(10), 9), seats_left=3)
    html = client.get("/").content.decode()
    agenda_section = html[html.index('id="home-agenda"'):html.index('id="home-help"')]
    help_section = html[html.index('id="home-help"'):]
    assert "Koffieochtend" in agenda_section and "Over twee weken" not in agenda_section
    assert "soep koken" in help_section and "soep koken" not in agenda_section


def test_seed_is_idempotent_and_fills_four_weeks(agenda_page, only_own_source):
    seed.run(scale=0, stdout=io.StringIO())
    count = ActivityPage.objects.count()
    seed.run(scale=0, stdout=io.StringIO())
    assert ActivityPage.objects.count() == count
    dates = sorted(ActivityPage.objects.live().values_list("date", flat=True))
    assert count > 40
    assert dates[0] >= today() and dates[-1] >= today() + timedelta(days=20)
