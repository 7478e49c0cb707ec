"""The agenda's filters: sane defaults and Dutch messages for bad values, capped ranges, every filter."""

from datetime import date, timedelta

import pytest
from django.http import QueryDict

from agenda import filters
from agenda.filters import MAX_FEED_DAYS, MAX_PAGE_DAYS, PERIOD_DAY, PERIOD_MONTH, PERIOD_WEEK, parse, today
from agenda.items import KIND_DROPIN, KIND_SHIFT
from tests.agenda.conftest import at, days_from_now, make_activity


def parsed(query, **kwargs):
    return parse(QueryDict(query), **kwargs)


def test_default_is_the_rest_of_this_week_from_today():
    agenda_filter = parsed("")
    assert agenda_filter.first_day == today()
    assert agenda_filter.last_day.weekday() == 6
    assert agenda_filter.messages == ()


def test_a_day_a_week_and_a_month_around_a_date():
    assert parsed("periode=dag&datum=2027-03-10").days == 1
    week = parsed("periode=week&datum=2027-03-10")
    assert (week.first_day.isoformat(), week.last_day.isoformat()) == ("2027-03-08", "2027-03-14")
    month = parsed("periode=maand&datum=2027-02-10")
    assert (month.first_day.isoformat(), month.last_day.isoformat()) == ("2027-02-01", "2027-02-28")


@pytest.mark.parametrize(
    "query",
    ["datum=99999-01-01", "datum=1200-01-01", "datum=morgen", "datum=2027-02-30", "van=%00%ff", "periode=eeuw", "tot=99999-12-31"],
)
def test_bad_dates_and_periods_fall_back_to_now_with_a_message(query):
    agenda_filter = parsed(query)
    assert agenda_filter.messages
    assert agenda_filter.days <= MAX_PAGE_DAYS
    assert today() - timedelta(days=31) <= agenda_filter.first_day <= today() + timedelta(days=31)


def test_a_ten_year_range_is_capped_on_the_page_and_in_the_feed():
    page = parsed("van=2026-01-01&tot=2036-01-01")
    assert page.days == MAX_PAGE_DAYS and "hoogstens" in page.messages[0]
    feed = parsed("van=2026-01-01&tot=2036-01-01", feed=True)
    assert feed.days == MAX_FEED_DAYS


def test_reversed_range_is_turned_around():
    agenda_filter = parsed("van=2027-01-10&tot=2027-01-01")
    assert (agenda_filter.first_day.isoformat(), agenda_filter.last_day.isoformat()) == ("2027-01-01", "2027-01-10")


@pytest.mark.parametrize("query", ["thema=onzin", "soort=alles", "plek=drie", "plek=99999999999999"])
def test_unknown_filter_values_are_dropped_with_a_message(query):
    agenda_filter = parsed(query)
    assert agenda_filter.messages
    assert not agenda_filter.is_filtered


def test_previous_and_next_move_by_whole_periods():
    week = parsed("periode=week&datum=2027-03-10")
    assert week.next().first_day.isoformat() == "2027-03-15"
    assert week.previous().first_day.isoformat() == "2027-03-01"
    assert "datum=2027-03-15" in week.next().query_string()


@pytest.mark.parametrize(
    ("on", "period", "first", "last"),
    [
        ("2026-11-30", PERIOD_MONTH, "2026-11-30", "2026-12-31"),
        ("2026-11-25", PERIOD_MONTH, "2026-11-25", "2026-12-31"),
        ("2026-11-24", PERIOD_MONTH, "2026-11-24", "2026-11-30"),
        ("2026-12-31", PERIOD_MONTH, "2026-12-31", "2027-01-31"),
        ("2027-02-01", PERIOD_MONTH, "2027-02-01", "2027-02-28"),
        ("2026-11-29", PERIOD_WEEK, "2026-11-29", "2026-12-06"),
        ("2026-11-28", PERIOD_WEEK, "2026-11-28", "2026-11-29"),
        ("2026-11-30", PERIOD_DAY, "2026-11-30", "2026-11-30"),
    ],
)
def test_the_current_period_runs_from_today_and_on_into_the_next_when_little_is_left(monkeypatch, on, period, first, last):
    monkeypatch.setattr(filters, "today", lambda: date.fromisoformat(on))
    agenda_filter = parsed(f"periode={period}")
    assert (agenda_filter.first_day.isoformat(), agenda_filter.last_day.isoformat()) == (first, last)
    assert agenda_filter.anchor is None and agenda_filter.messages == ()


def test_this_month_on_the_30th_steps_to_next_and_back_by_whole_months(monkeypatch):
    monkeypatch.setattr(filters, "today", lambda: date(2026, 11, 30))
    month = parsed("periode=maand")
    assert (month.next().first_day.isoformat(), month.next().last_day.isoformat()) == ("2027-01-01", "2027-01-31")
    assert (month.previous().first_day.isoformat(), month.previous().last_day.isoformat()) == ("2026-11-01", "2026-11-30")


@pytest.mark.parametrize(
    "query",
    [
        "datum=99999-01-01",
        "datum=vandaag",
        "van=2020-01-01&tot=2030-12-31",
        "periode=%27%3B--&thema=%3Cscript%3E&plek=-1&soort=x",
        "pagina=999999",
        "pagina=abc",
    ],
)
def test_bad_filter_values_give_a_page_not_an_error(client, agenda_page, only_own_source, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    assert b"<h1>" in response.content


def test_bad_values_are_explained_in_dutch_on_the_page(client, agenda_page, only_own_source):
    response = client.get("/agenda/?datum=99999-01-01")
    assert "ligt te ver weg" in response.content.decode()
    response = client.get("/agenda/?van=2026-01-01&tot=2036-01-01")
    assert "hoogstens 62 dagen" in response.content.decode()


def test_feed_with_absurd_range_is_capped_and_valid(client, agenda_page, only_own_source):
    response = client.get("/agenda/agenda.ics?van=0001-01-01&tot=99999-01-01")
    assert response.status_code == 200
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def kinds_of(response):
    html = response.content.decode()
    return {kind for kind in ("resident", "initiative", "shift", "dropin") if f'data-kind="{kind}"' in html}


@pytest.fixture
def mixed_agenda(agenda_page, only_own_source, place, other_place):
    day = days_from_now(1)
    make_activity(agenda_page, "Koffieochtend", day, place=place, theme="ontmoeten")
    make_activity(agenda_page, "Buurtpreventie", day, by_professionals=True, theme="veiligheid", place_text="Speeltuin")
    make_activity(agenda_page, "Kerststukjes", day, free=False, costs="€ 5", place=other_place, theme="cultuur")
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep koken", at(day, 9), themes=("eten",), place_id=place.pk, accessible=True)
    only_own_source.make(KIND_DROPIN, "Spreekuur schuldhulp", at(day, 13), themes=("geld",), by_professionals=True,
                         place_id=other_place.pk)
    only_own_source.make("initiative", "Repair café", at(day, 14), themes=("buurt",), place_id=place.pk, accessible=True)
    return day


def test_kind_filters(client, mixed_agenda):
    assert kinds_of(client.get("/agenda/")) == {"resident", "initiative", "shift", "dropin"}
    assert kinds_of(client.get("/agenda/?soort=vrijwilligers")) == {"shift"}
    assert kinds_of(client.get("/agenda/?soort=bewoners")) == {"resident", "initiative"}
    professionals = client.get("/agenda/?soort=professionals").content.decode()
    assert "Spreekuur schuldhulp" in professionals and "Buurtpreventie" in professionals
    assert "Koffieochtend" not in professionals


def test_theme_place_free_and_accessible_filters(client, mixed_agenda, place, other_place):
    html = client.get("/agenda/?thema=geld").content.decode()
    assert "Spreekuur schuldhulp" in html and "Koffieochtend" not in html
    html = client.get(f"/agenda/?plek={other_place.pk}").content.decode()
    assert "Kerststukjes" in html and "Spreekuur schuldhulp" in html and "Koffieochtend" not in html
    html = client.get("/agenda/?gratis=1").content.decode()
    assert "Koffieochtend" in html and "Kerststukjes" not in html
    html = client.get("/agenda/?toegankelijk=1").content.decode()
    assert "Koffieochtend" in html and "Repair café" in html and "Buurtpreventie" not in html
    html = client.get(f"/agenda/?toegankelijk=1&gratis=1&plek={place.pk}&soort=bewoners").content.decode()
    assert "Koffieochtend" in html and "Repair café" in html and "soep koken" not in html


def test_unknown_place_id_is_explained(client, mixed_agenda):
    html = client.get("/agenda/?plek=987654").content.decode()
    assert "Deze plek kennen we niet" in html
    assert "Koffieochtend" in html


def test_filter_links_keep_the_other_filters(client, mixed_agenda):
    html = client.get("/agenda/?thema=geld&periode=maand").content.decode()
    assert "soort=vrijwilligers" in html
    assert "thema=geld&amp;soort=vrijwilligers" in html or "soort=vrijwilligers&amp;thema=geld" in html
