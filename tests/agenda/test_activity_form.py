"""A logged-in resident adds a one-off activity; it waits for the editors, then shows in the agenda."""

from datetime import timedelta

import pytest

from agenda.filters import today
from agenda.models import ActivityPage
from tests.agenda.conftest import days_from_now
from tests.helpers import approve, reject
from wijkplatform.moderation import contribution_status

ADD_URL = "/agenda/toevoegen/"


def form_data(**overrides):
    data = {
        "title": "Buurtbarbecue",
        "date": days_from_now(5).isoformat(),
        "start_time": "17:00",
        "end_time": "20:00",
        "place": "",
        "place_text": "Grasveld aan de Ruwaardsingel",
        "description": "Iedereen neemt iets mee voor de barbecue.",
        "theme": "ontmoeten",
        "free": "on",
        "costs": "",
        "organiser": "Buren van de singel",
        "how_to_join": "Kom gewoon.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_visitors_are_asked_to_log_in(client, agenda_page):
    response = client.get(ADD_URL)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_resident_sends_an_activity_to_the_editors_and_it_appears_after_approval(client, agenda_page, resident, editor, only_own_source):
    client.force_login(resident)
    response = client.post(ADD_URL, form_data())
    assert response.status_code == 302
    activity = ActivityPage.objects.get(title="Buurtbarbecue")
    assert activity.owner == resident
    assert not activity.live
    assert contribution_status(activity).code == "in_review"
    assert "Buurtbarbecue" not in client.get("/agenda/").content.decode()

    approve(activity, editor)
    assert activity.live
    html = client.get(f"/agenda/?periode=week&datum={activity.date.isoformat()}").content.decode()
    assert "Buurtbarbecue" in html and "Grasveld aan de Ruwaardsingel" in html


def test_chosen_place_is_used(client, agenda_page, resident, place):
    client.force_login(resident)
    client.post(ADD_URL, form_data(place=str(place.pk), place_text="wordt genegeerd"))
    activity = ActivityPage.objects.get(title="Buurtbarbecue")
    assert activity.place == place and activity.place_text == ""


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"date": (today() - timedelta(days=1)).isoformat()}, "al voorbij"),
        ({"date": "99999-01-01"}, "Voer een geldige datum in"),
        ({"date": "volgende week"}, "Voer een geldige datum in"),
        ({"date": (today() + timedelta(days=800)).isoformat()}, "binnen een jaar"),
        ({"place_text": ""}, "Kies een plek"),
        ({"free": "", "costs": ""}, "wat meedoen kost"),
        ({"start_time": "25:99"}, "Voer een geldige tijd in"),
    ],
)
def test_bad_input_gets_a_dutch_message(client, agenda_page, resident, overrides, message):
    client.force_login(resident)
    response = client.post(ADD_URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActivityPage.objects.filter(title="Buurtbarbecue").exists()


def test_honeypot_stops_bots(client, agenda_page, resident):
    client.force_login(resident)
    response = client.post(ADD_URL, form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not ActivityPage.objects.exists()


def test_owner_edits_a_rejected_activity_and_resubmits(client, agenda_page, resident, other_resident, editor):
    client.force_login(resident)
    client.post(ADD_URL, form_data())
    activity = ActivityPage.objects.get(title="Buurtbarbecue")
    reject(activity, editor, "Zet er een eindtijd bij.")
    assert activity.edit_url_for_owner == f"/agenda/bewerken/{activity.pk}/"
    assert "Buurtbarbecue" in client.get(activity.edit_url_for_owner).content.decode()
    client.post(activity.edit_url_for_owner, form_data(title="Buurtbarbecue aan de singel"))
    activity.refresh_from_db()
    assert contribution_status(activity).code == "in_review"
    assert activity.get_latest_revision_as_object().title == "Buurtbarbecue aan de singel"

    client.force_login(other_resident)
    assert client.get(activity.edit_url_for_owner).status_code == 404


def test_sending_activities_is_rate_limited_but_checking_the_text_is_not(client, agenda_page, resident, settings):
    settings.RATELIMIT_ENABLE = True
    client.force_login(resident)
    checks = [client.post(ADD_URL, form_data(check="1")).status_code for _ in range(3)]
    sends = [client.post(ADD_URL, form_data(title=f"Buurtbarbecue {number}")).status_code for number in range(21)]
    assert checks == [200] * 3
    assert sends == [302] * 20 + [429]
    assert ActivityPage.objects.filter(title__startswith="Buurtbarbecue").count() == 20
