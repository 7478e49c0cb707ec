"""
The screen in the community centre (a screenful at a time through the rest of
the day) and the weekly poster: what fits, and the QR code they share.
"""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from agenda import queries
from agenda.items import KIND_DROPIN
from agenda.qr import qr_svg
from tests.agenda.conftest import at

DAY = date(2027, 3, 10)  # a Wednesday
TOMORROW = DAY + timedelta(days=1)


@pytest.fixture
def clock(monkeypatch):
    """Stop the clock at a chosen moment: `clock(hour, minute)` on DAY."""

    def set_clock(hour, minute=0):
        moment = at(DAY, hour, minute)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_clock


def screen(agenda_page, now, query=""):
    request = RequestFactory().get(f"/agenda/scherm/{query}")
    return queries.screen_context(request, agenda_page, now=now)


def titles(context):
    return [item.title for _day, items in context["days"] for item in items]


@pytest.fixture
def busy_day(only_own_source):
    only_own_source.make("initiative", "Al voorbij", at(DAY, 9), end=at(DAY, 10))
    only_own_source.make("initiative", "Handwerkcafé", at(DAY, 13), end=at(DAY, 16))
    only_own_source.make(KIND_DROPIN, "Spreekuur geldzaken", at(DAY, 13, 30), end=at(DAY, 15))
    for number in range(19):
        only_own_source.make("initiative", f"Vandaag {number:02}", at(DAY, 15) + timedelta(minutes=15 * number))
    for number in range(10):
        only_own_source.make("initiative", f"Morgen {number:02}", at(TOMORROW, 9) + timedelta(minutes=30 * number))
    return only_own_source


def test_the_screen_pages_through_the_rest_of_today_a_screenful_at_a_time(agenda_page, busy_day):
    now = at(DAY, 14)
    first = screen(agenda_page, now)
    assert titles(first) == [f"Vandaag {number:02}" for number in range(8)]
    assert first["next_url"] == "/agenda/scherm/?pagina=2"
    assert first["page_seconds"] == queries.SCREEN_PAGE_SECONDS
    second = screen(agenda_page, now, "?pagina=2")
    assert titles(second) == [f"Vandaag {number:02}" for number in range(8, 16)]
    last = screen(agenda_page, now, "?pagina=3")
    # The last screenful is filled up with tomorrow's first items, and the next one is the first again.
    assert titles(last) == [f"Vandaag {number:02}" for number in range(16, 19)] + [f"Morgen {number:02}" for number in range(5)]
    assert [day for day, _items in last["days"]] == [DAY, TOMORROW]
    assert last["next_url"] == "/agenda/scherm/"


def test_what_is_open_now_puts_drop_ins_first_and_leaves_the_past_out(agenda_page, busy_day):
    context = screen(agenda_page, at(DAY, 14))
    assert [item.title for item in context["on_now"]] == ["Spreekuur geldzaken", "Handwerkcafé"]
    listed = [title for number in (1, 2, 3) for title in titles(screen(agenda_page, at(DAY, 14), f"?pagina={number}"))]
    assert "Al voorbij" not in listed and "Handwerkcafé" not in listed


def test_in_the_evening_tomorrow_fills_the_screen_and_it_only_refreshes(agenda_page, busy_day):
    context = screen(agenda_page, at(DAY, 22))
    assert titles(context) == [f"Morgen {number:02}" for number in range(8)]
    assert context["page_obj"].paginator.num_pages == 1
    assert context["next_url"] == "/agenda/scherm/"
    assert context["page_seconds"] == queries.SCREEN_REFRESH_SECONDS


def test_in_the_evening_the_screen_says_today_is_done_before_tomorrow(client, agenda_page, busy_day, clock):
    clock(22)
    html = client.get("/agenda/scherm/").content.decode()
    done = html.index("Voor vandaag staat er verder niets in de agenda.")
    assert done < html.index("Morgen, donderdag 11 maart") < html.index("Morgen 00")


def test_pages_on_by_itself_without_javascript(client, agenda_page, busy_day, clock):
    clock(14)
    response = client.get("/agenda/scherm/?pagina=2")
    assert "no-store" in response["Cache-Control"]  # its clock is never an old one from the page cache
    html = response.content.decode()
    refresh = f'content="{queries.SCREEN_PAGE_SECONDS}; url=/agenda/scherm/?pagina=3"'
    assert f'<noscript><meta http-equiv="refresh" {refresh}></noscript>' in html
    assert html.count("data-agenda-item") == 8 + 2  # the screenful and what is open now
    assert "Pagina 2 van 3" in html
    assert '<time data-clock data-time-zone="Europe/Amsterdam" datetime="2027-03-10T14:00:00+01:00">14:00</time>' in html


@pytest.mark.parametrize("number", ["abc", "0", "99999"])
def test_a_bad_page_number_still_shows_a_screenful(client, agenda_page, busy_day, clock, number):
    clock(14)
    response = client.get(f"/agenda/scherm/?pagina={number}")
    assert response.status_code == 200
    assert len(titles(response.context)) == 8


def test_a_day_with_nothing_left_says_so_and_points_to_the_agenda(client, agenda_page, only_own_source, clock):
    clock(23, 30)
    html = client.get("/agenda/scherm/").content.decode()
    assert "Voor vandaag en morgen staat er verder niets in de agenda." in html
    assert "Op dit moment is er niets." in html
    assert 'role="img"' in html


@pytest.mark.parametrize("path", ["/agenda/scherm/", "/agenda/poster/"])
def test_screen_and_poster_carry_a_qr_code_and_the_address_of_the_agenda(client, agenda_page, only_own_source, path):
    html = client.get(path).content.decode()
    # The QR code is made for the agenda's public address (BASE_URL), which is also written out beside it.
    assert qr_svg("http://testserver/agenda/", "QR-code naar de agenda") in html
    assert "<title>QR-code naar de agenda</title>" in html
    assert "<strong class=\"qr-link__address\">testserver/agenda</strong>" in html


def test_the_qr_code_is_an_image_that_holds_the_address():
    svg = qr_svg("https://wijk.example/agenda/", "QR-code naar de agenda")
    assert svg.startswith('<svg role="img" viewBox=') and svg.endswith("</svg>")
    assert svg != qr_svg("https://wijk.example/verhalen/", "QR-code naar de agenda")


def test_a_busy_week_of_long_names_shows_fewer_items_a_day_so_every_day_fits_the_poster(client, agenda_page, only_own_source):
    monday = DAY - timedelta(days=DAY.weekday())
    for offset in range(7):
        for hour in range(9, 21, 2):
            only_own_source.make("initiative", f"Bijeenkomst met een lange naam over de wijk en de buren {hour} uur",
                                 at(monday + timedelta(days=offset), hour), place_name="Buurthuis")
    days = client.get(f"/agenda/poster/?datum={DAY.isoformat()}").context["days"]
    assert [day for day, _items, _more in days] == [monday + timedelta(days=offset) for offset in range(7)]
    assert {len(items) for _day, items, _more in days} == {2}
    assert {more for _day, _items, more in days} == {4}
