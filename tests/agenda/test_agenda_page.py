"""The agenda page: grouped by day, every kind with its hooks, a fixed number of queries."""

from datetime import time, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.items import KIND_DROPIN, KIND_SHIFT
from agenda.models import AgendaPage
from agenda.queries import collect
from tests.agenda.conftest import at, days_from_now, make_activity


def test_agenda_page_exists_after_migrate_at_slash_agenda(client, agenda_page):
    assert AgendaPage.objects.get().url == "/agenda/"
    assert client.get("/agenda/").status_code == 200


def test_items_are_grouped_by_day_in_time_order(client, agenda_page, only_own_source):
    tomorrow, later = days_from_now(1), days_from_now(2)
    make_activity(agenda_page, "Taalcafé", tomorrow, start=time(14))
    make_activity(agenda_page, "Koffieochtend", tomorrow, start=time(10))
    make_activity(agenda_page, "Wandelgroep", later, start=time(9))
    response = client.get(f"/agenda/?van={tomorrow.isoformat()}&tot={later.isoformat()}")
    days = response.context["days"]
    assert [day for day, _items in days] == [tomorrow, later]
    assert [item.title for item in days[0][1]] == ["Koffieochtend", "Taalcafé"]
    html = response.content.decode()
    assert html.index("Koffieochtend") < html.index("Taalcafé") < html.index("Wandelgroep")
    assert html.count("data-agenda-item") == 3


def test_every_kind_shows_time_place_organiser_and_how_to_join(client, agenda_page, only_own_source, place):
    day = days_from_now(1)
    make_activity(agenda_page, "Koffieochtend", day, place=place, organiser="Ans en Henk", how_to_join="Kom binnen.")
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep", at(day, 9), seats_left=2, live_group="shift-1",
                         organiser="Kookploeg", how_to_join="Meld u aan.")
    only_own_source.make(KIND_DROPIN, "Spreekuur schuldhulp", at(day, 13), cancelled=True, cancel_reason="Ziek",
                         live_group="dropin-4")
    html = client.get("/agenda/").content.decode()
    for text in ("10:00", "12:00", place.name, "Ans en Henk", "Kom binnen.", "Kookploeg", "Meld u aan."):
        assert text in html
    assert 'data-kind="shift" data-live="shift-1"' in html
    assert 'data-live-field="seats_left" hidden>2</span>' in html and "Nog 2 plekken vrij" in html
    assert 'data-kind="dropin" data-live="dropin-4" data-status="cancelled"' in html
    assert "Gaat niet door" in html and "Ziek" in html


def test_month_view_runs_a_fixed_number_of_queries(client, agenda_page, only_own_source, place):
    def queries():
        cache.clear()  # measure a full build, not the collected-items cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/agenda/?periode=maand").status_code == 200
        return len(captured)

    make_activity(agenda_page, "Eerste", days_from_now(1), place=place)
    queries()  # warm the site caches
    few = queries()
    for number in range(8):
        make_activity(agenda_page, f"Activiteit {number}", days_from_now(1 + number % 3), place=place)
    assert queries() == few


def test_long_lists_are_split_into_pages(client, agenda_page, only_own_source, settings):
    day = days_from_now(1)
    for minute in range(65):
        only_own_source.make("initiative", f"Item {minute:02d}", at(day, 8) + timedelta(minutes=minute))
    response = client.get(f"/agenda/?periode=dag&datum={day.isoformat()}")
    assert response.context["page_obj"].paginator.num_pages == 2
    second = client.get(f"/agenda/?periode=dag&datum={day.isoformat()}&pagina=2").content.decode()
    assert "Item 64" in second and "Item 00" not in second


def test_unpublished_and_past_activities_are_not_in_the_agenda(agenda_page, only_own_source):
    draft = make_activity(agenda_page, "Nog niet goedgekeurd", days_from_now(1))
    draft.unpublish()
    make_activity(agenda_page, "Voorbij", days_from_now(-3))
    make_activity(agenda_page, "Morgen", days_from_now(1), start=time(20))
    start, end = at(days_from_now(0), 0), at(days_from_now(7), 0)
    assert [item.title for item in collect(start, end)] == ["Morgen"]


@pytest.mark.parametrize("end_time, hours", [(time(1), 3), (None, None)])
def test_activity_that_ends_after_midnight_ends_the_next_day(agenda_page, end_time, hours):
    page = make_activity(agenda_page, "Nachtwandeling", days_from_now(1), start=time(22), end=end_time)
    if hours is None:
        assert page.end is None
    else:
        assert (page.end - page.start).total_seconds() == hours * 3600
