"""The organiser's pages: only the owner and superusers see volunteers; starting and editing through review."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from initiatives import services
from initiatives.models import InitiativePage, Shift, Signup
from tests.helpers import approve
from tests.initiatives.factories import make_initiative, make_shift
from wijkplatform.moderation import contribution_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


@pytest.fixture
def shift(initiative):
    shift = make_shift(initiative, capacity=3)
    services.sign_up(shift, "Ans", "ans@example.org", "0612345678")
    return shift


def organiser_urls(initiative, shift):
    base = f"/initiatieven/beheer/{initiative.pk}/"
    return [base, base + "aanmeldingen.csv", base + "bericht/", base + "bewerken/", f"{base}diensten/{shift.pk}/"]


def test_owner_sees_signups_with_contact_details(client, resident, initiative, shift):
    client.force_login(resident)
    html = client.get(f"/initiatieven/beheer/{initiative.pk}/").content.decode()
    assert "ans@example.org" in html and "0612345678" in html


def test_superuser_may_see_the_organiser_pages(client, superuser, initiative, shift):
    client.force_login(superuser)
    for url in organiser_urls(initiative, shift):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["other_resident", "professional", "editor"])
def test_nobody_else_sees_volunteers_contact_details(client, request, who, initiative, shift):
    client.force_login(request.getfixturevalue(who))
    for url in organiser_urls(initiative, shift):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"ans@example.org" not in response.content
    assert b"ans@example.org" not in client.get(initiative.url).content


def test_anonymous_visitors_are_sent_to_login(client, initiative, shift):
    for url in organiser_urls(initiative, shift):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_csv_export_lists_signups_and_defuses_formulas(client, resident, initiative, shift):
    services.sign_up(shift, "=HYPERLINK(\"x\")", "bad@example.org")
    client.force_login(resident)
    response = client.get(f"/initiatieven/beheer/{initiative.pk}/aanmeldingen.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][4:6] == ["Naam", "E-mail"]
    assert ["Ans", "ans@example.org", "0612345678"] == rows[1][4:7]
    assert rows[2][4].startswith("'=")


def test_organiser_mails_own_volunteers_one_by_one(client, resident, initiative, shift, committed):
    services.sign_up(shift, "Henk", "henk@example.org")
    other = make_initiative(resident, title="Ander initiatief")
    services.sign_up(make_shift(other), "Kees", "kees@example.org")
    mail.outbox.clear()
    client.force_login(resident)
    with committed():
        response = client.post(
            f"/initiatieven/beheer/{initiative.pk}/bericht/", {"subject": "Zaterdag", "message": "Neem een schort mee."}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ans@example.org", "henk@example.org"]
    assert all(len(m.to) == 1 and m.reply_to == [resident.email] for m in mail.outbox)
    assert "Neem een schort mee." in mail.outbox[0].body


def test_reducing_capacity_below_confirmed_is_refused_with_a_clear_message(client, resident, initiative, shift):
    services.sign_up(shift, "Henk", "henk@example.org")
    client.force_login(resident)
    start = timezone.localtime(shift.start)
    data = {
        "task": shift.task, "day": start.date().isoformat(), "start_time": "10:00", "end_time": "12:00",
        "capacity": 1, "note": "", "place": "", "place_note": "",
    }
    response = client.post(f"/initiatieven/beheer/{initiative.pk}/diensten/{shift.pk}/", data)
    assert response.status_code == 400
    assert "Er zijn al 2 mensen aangemeld" in response.content.decode()
    assert Shift.objects.get(pk=shift.pk).capacity == 3
    with pytest.raises(services.CapacityBelowConfirmed):
        services.update_shift(shift, capacity=1)


def test_more_places_go_to_the_waitlist_at_once(initiative):
    shift = make_shift(initiative, capacity=1)
    services.sign_up(shift, "Ans", "ans@example.org")
    services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True)
    services.update_shift(shift, capacity=2)
    assert Signup.objects.get(email="henk@example.org").status == Signup.CONFIRMED


def test_closing_signups_keeps_who_is_on_and_refuses_new_ones(client, resident, initiative, shift):
    client.force_login(resident)
    client.post(f"/initiatieven/beheer/{initiative.pk}/diensten/{shift.pk}/actie/", {"action": "close"})
    assert Shift.objects.get(pk=shift.pk).closed
    assert services.sign_up(shift, "Late", "late@example.org", join_waitlist=True).status == services.CLOSED
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == 1


def test_a_shift_with_people_on_it_cannot_be_deleted(client, resident, initiative, shift):
    client.force_login(resident)
    client.post(f"/initiatieven/beheer/{initiative.pk}/diensten/{shift.pk}/actie/", {"action": "delete"})
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_resident_starts_an_initiative_with_shifts_that_goes_to_the_editors(client, resident, editor):
    client.force_login(resident)
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "title": "Koken met kinderen", "aim": "Samen gezond koken.", "description": "Elke maand.",
        "organiser_name": "Fatma", "place": "", "place_note": "In de keuken", "themes": ["eten", "opvoeden"],
        "website": "",
        "dienst-TOTAL_FORMS": "3", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Helpen in de keuken", "dienst-0-day": day, "dienst-0-start_time": "15:30",
        "dienst-0-end_time": "18:00", "dienst-0-capacity": "4",
    }
    response = client.post("/initiatieven/nieuw/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = InitiativePage.objects.get(title="Koken met kinderen")
    assert not page.live and page.owner == resident
    assert contribution_status(page).code == "in_review"
    assert page.theme_values == ["eten", "opvoeden"]
    (shift,) = page.shifts.all()
    assert shift.capacity == 4
    assert client.get(f"/initiatieven/beheer/{page.pk}/").status_code == 200

    approve(page, editor)
    assert page.live
    assert client.get(page.url).status_code == 200


def test_start_form_needs_a_shift_and_gives_dutch_errors(client, resident):
    client.force_login(resident)
    data = {
        "title": "", "aim": "", "description": "", "organiser_name": "",
        "dienst-TOTAL_FORMS": "1", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Iets", "dienst-0-day": "gisteren", "dienst-0-start_time": "25:00",
    }
    response = client.post("/initiatieven/nieuw/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef het initiatief een naam." in html and "Vul de eindtijd in." in html
    assert "Voer een geldige datum in." in html


def test_signups_survive_an_edit_that_is_reviewed_and_published(client, resident, editor, initiative, shift):
    signup = Signup.objects.get(shift=shift)
    client.force_login(resident)
    response = client.post(
        f"/initiatieven/beheer/{initiative.pk}/bewerken/",
        {"title": "Repair Café Ruwaard", "aim": "Nieuw doel.", "description": "Nieuwe tekst.", "organiser_name": "Henk",
         "place": "", "place_note": "", "themes": ["buurt"], "website": ""},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.live and initiative.aim == "Samen repareren."  # old text stays live until approved
    added = make_shift(initiative, task="Nieuwe dienst")  # the organiser adds a shift meanwhile

    approve(initiative, editor)

    assert InitiativePage.objects.get(pk=initiative.pk).aim == "Nieuw doel."
    assert Shift.objects.filter(pk__in=[shift.pk, added.pk]).count() == 2
    assert Signup.objects.get(pk=signup.pk).status == Signup.CONFIRMED
