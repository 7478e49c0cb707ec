"""/api/v1/agenda/: the agenda page's items and filters, the .ics feed's fields, checked against the schema."""

from datetime import date, timedelta

import pytest
from wagtail.models import Site

from agenda.filters import today
from agenda.items import KIND_DROPIN, KIND_SHIFT
from agenda.models import ActivityPage, AgendaPage
from places.models import Place

AGENDA = "/api/v1/agenda/"


@pytest.fixture
def month(demo, client, conforms):
    return conforms(client.get(AGENDA, {"periode": "maand"}), AGENDA)


def test_the_demo_month_fits_the_schema_and_holds_every_kind(month):
    assert month["period"] == "maand"
    assert {item["kind"] for item in month["items"]} >= {"resident", "initiative", "shift", "dropin"}
    assert month["count"] >= len(month["items"]) > 0


def test_without_filters_it_is_this_week_as_on_the_page(demo, client, conforms):
    answer = conforms(client.get(AGENDA), AGENDA)
    assert answer["period"] == "week"
    assert answer["first_day"] == today().isoformat()


def test_the_items_are_the_ones_the_agenda_page_shows(demo, client, month):
    page = client.get("/agenda/", {"periode": "maand"}).content.decode()
    assert len(month["items"]) == page.count("data-agenda-item")
    for item in month["items"]:
        assert item["title"] in page.replace("&#x27;", "'").replace("&amp;", "&")


def test_each_item_has_the_uid_and_link_of_the_ics_feed(demo, client, month):
    start, end = month["first_day"], month["last_day"]
    feed = client.get("/agenda/agenda.ics", {"van": start, "tot": end}).content.decode()
    unfolded = feed.replace("\r\n ", "")
    for item in month["items"]:
        assert item["url"].startswith("http://testserver/")
        if item["kind"] != KIND_DROPIN:  # the feed holds a drop-in series once, not each time
            assert f"UID:{item['uid']}" in unfolded


@pytest.mark.parametrize(
    "params, check",
    [
        ({"soort": "vrijwilligers"}, lambda item: item["kind"] == KIND_SHIFT and item["seats_left"] > 0),
        ({"soort": "professionals"}, lambda item: item["by_professionals"] or item["kind"] == KIND_DROPIN),
        ({"thema": "geld"}, lambda item: "geld" in item["themes"]),
        ({"gratis": "ja"}, lambda item: item["free"]),
        ({"toegankelijk": "1"}, lambda item: item["place"]["accessible"]),
    ],
)
def test_a_filter_gives_what_the_page_gives(demo, client, conforms, params, check):
    answer = conforms(client.get(AGENDA, {"periode": "maand", **params}), AGENDA)
    assert answer["items"] and all(check(item) for item in answer["items"])
    page = client.get("/agenda/", {"periode": "maand", **params}).content.decode()
    assert len(answer["items"]) == page.count("data-agenda-item")


def test_a_place_filter_and_a_range_of_days(demo, client, conforms):
    place = Place.objects.live().get(name="Ons Huis van de Wijk")
    first = today()
    answer = conforms(client.get(AGENDA, {"van": first, "tot": first + timedelta(days=13), "plek": place.pk}), AGENDA)
    assert (answer["first_day"], answer["last_day"], answer["period"]) == (str(first), str(first + timedelta(days=13)), None)
    assert answer["items"] and {item["place"]["id"] for item in answer["items"]} == {place.pk}


def test_no_items_is_an_empty_list(demo, client, conforms):
    answer = conforms(client.get(AGENDA, {"van": "2099-01-01", "tot": "2099-01-31", "soort": "bewoners"}), AGENDA)
    assert (answer["count"], answer["items"], answer["pages"], answer["next"]) == (0, [], 1, None)


def test_pages_link_to_each_other(demo, client, conforms):
    first = conforms(client.get(AGENDA, {"van": today(), "tot": today() + timedelta(days=61)}), AGENDA)
    assert first["pages"] > 1
    second = conforms(client.get(first["next"]), AGENDA)
    assert second["page"] == 2 and second["previous"]
    assert not {item["uid"] for item in first["items"]} & {item["uid"] for item in second["items"]}


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"van": "morgen"}, "van"),
        ({"datum": "2026-02-30"}, "datum"),
        ({"datum": "1900-01-01"}, "datum"),
        ({"van": "99999-01-01"}, "van"),
        ({"periode": "jaar"}, "periode"),
        ({"thema": "onbekend"}, "thema"),
        ({"soort": "alles"}, "soort"),
        ({"plek": "ergens"}, "plek"),
        ({"plek": "999999"}, "plek"),
        ({"gratis": "misschien"}, "gratis"),
        ({"van": "2026-12-10", "tot": "2026-12-01"}, "tot"),
        ({"van": "2026-01-01", "tot": "2026-12-31"}, "tot"),
        ({"pagina": "0"}, "pagina"),
        ({"pagina": "999"}, "pagina"),
        ({"pagina": "9" * 30}, "pagina"),
    ],
)
def test_a_wrong_filter_is_a_422_that_says_what_is_wrong_in_dutch(demo, client, conforms, params, parameter):
    response = client.get(AGENDA, params)
    assert response.status_code == 422
    answer = conforms(response, AGENDA)
    assert [error["parameter"] for error in answer["errors"]] == [parameter]
    assert answer["detail"].startswith("Niet alle waarden")
    assert answer["errors"][0]["message"]


def test_drafts_and_private_pages_never_show_even_to_a_logged_in_editor(demo, client, editor, conforms):
    agenda = AgendaPage.objects.in_site(Site.objects.get(is_default_site=True)).get()
    day = today() + timedelta(days=1)
    draft = ActivityPage(
        title="Geheime conceptactiviteit", date=day, start_time="10:00", description="Nog niet klaar.",
        organiser="Iemand", live=False,
    )
    agenda.add_child(instance=draft)
    draft.save_revision()
    client.force_login(editor)
    answer = conforms(client.get(AGENDA, {"van": day, "tot": day}), AGENDA)
    assert "Geheime conceptactiviteit" not in str(answer)
    assert not client.get(AGENDA).cookies


def test_the_period_runs_in_local_time(demo, client, conforms):
    answer = conforms(client.get(AGENDA, {"periode": "dag", "datum": date(2026, 3, 29)}), AGENDA)
    assert all(item["start"].endswith(("+01:00", "+02:00")) for item in answer["items"])


def test_the_message_says_how_to_write_it(demo, client):
    errors = client.get(AGENDA, {"van": "morgen", "soort": "alles", "pagina": "0"}).json()["errors"]
    messages = {error["parameter"]: error["message"] for error in errors}
    assert messages["van"].startswith("‘morgen’ kan niet bij ‘van’. Schrijf een datum zo: 20")
    assert messages["soort"].endswith("Kies een van deze: bewoners, professionals, vrijwilligers.")
    assert "1 of een hoger getal" in messages["pagina"]


def test_empty_values_from_the_pages_filter_form_mean_all(demo, client, conforms):
    empty = {"periode": "maand", "thema": "", "soort": "", "plek": "", "datum": "", "wijken": ""}
    assert conforms(client.get(AGENDA, empty), AGENDA)["items"] == client.get(AGENDA, {"periode": "maand"}).json()["items"]
