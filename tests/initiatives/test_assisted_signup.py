"""
Assisted sign-up: a connector signs up a resident without e-mail by name and phone, with consent, through the same
seat rule as everyone; the connector gets the mails and a call list of only their own residents; the resident's data
is in the connector's download and is erased like every volunteer's.
"""

import json
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.forms import dutch_phone
from initiatives.models import CONNECTORS_GROUP, Shift, Signup
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_of_cancel_link, signup_url
from tests.initiatives.test_concurrency import run_in_parallel, status_of
from wijkplatform.accounts import delete_account, deletion_summary

pytestmark = pytest.mark.django_db

EXPLAINED = "Wij bewaren de naam en het telefoonnummer."


@pytest.fixture
def connector(db):
    return make_user("verbinder1", CONNECTORS_GROUP)


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


@pytest.fixture
def shift(initiative):
    return make_shift(initiative, capacity=2)


def assisted_url(shift):
    return reverse("initiatives:assisted_signup", args=[shift.pk])


def assisted_data(name="Truus", phone="06 12345678", **extra):
    return {"name": name, "phone": phone, "consent": "on", "explained": "kort", "explained_other": "", **extra}


def assist(shift, connector, name="Truus", phone="0612345678", **kwargs):
    return services.sign_up(shift, name, "", phone, assisted_by=connector, consent_explained=EXPLAINED, **kwargs)


def day_of(shift):
    return timezone.localtime(shift.start).date().isoformat()


# Who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda shift: assisted_url(shift),
        lambda shift: reverse("initiatives:connector_residents"),
        lambda shift: reverse("initiatives:call_list") + "?dag=2026-12-01",
    ],
)
def test_only_connectors_reach_the_assisted_pages(client, shift, resident, url):
    response = client.get(url(shift))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(resident)
    assert client.get(url(shift)).status_code == 403
    assert client.post(assisted_url(shift), assisted_data()).status_code == 403
    assert not Signup.objects.exists()


def test_the_shift_offers_the_link_to_connectors_only(client, shift, connector, resident):
    link = assisted_url(shift)
    client.force_login(resident)
    assert link not in client.get(shift.initiative.url).content.decode()
    client.force_login(connector)
    page = client.get(shift.initiative.url).content.decode()
    assert link in page and "Iemand aanmelden zonder e-mail" in page
    assert reverse("initiatives:connector_residents") in page  # in the account menu


# The form ------------------------------------------------------------------------------------


def test_form_errors_are_in_dutch_in_an_error_summary_and_nothing_is_saved(client, shift, connector):
    client.force_login(connector)
    response = client.post(assisted_url(shift), {"name": " ", "phone": "12345", "explained": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and "Er is een probleem" in html
    for message in (
        "Vul de naam van de bewoner in.",
        "Dit is geen Nederlands telefoonnummer. Vul 10 cijfers in, zoals 06 12345678.",
        "Vraag eerst of de bewoner het goed vindt. Zet daarna een vinkje.",
        "Kies wat u aan de bewoner heeft uitgelegd.",
    ):
        assert message in html
    assert 'href="#bewoner_phone"' in html and 'aria-describedby="bewoner_phone_helptext bewoner_phone_error"' in html
    assert not Signup.objects.exists()


def test_consent_is_required_and_other_explanations_must_be_written(client, shift, connector):
    client.force_login(connector)
    response = client.post(assisted_url(shift), assisted_data(consent=""))
    assert response.status_code == 400 and "Zet daarna een vinkje" in response.content.decode()
    response = client.post(assisted_url(shift), assisted_data(explained="anders"))
    assert response.status_code == 400 and "Schrijf kort op wat u heeft uitgelegd." in response.content.decode()
    assert not Signup.objects.exists()


@pytest.mark.parametrize(
    "typed, kept",
    [("06 12345678", "0612345678"), ("+31 (0)6-1234 5678", "0612345678"), ("0031 412 123456", "0412123456"),
     ("0412-123456", "0412123456"), ("612345678", None), ("+32 470 12 34 56", None), ("06-1234", None)],
)
def test_dutch_phone_numbers_are_read_as_people_write_them(typed, kept):
    assert dutch_phone(typed) == kept


def test_a_connector_signs_up_a_resident_with_consent_recorded(client, shift, connector, committed):
    client.force_login(connector)
    before = timezone.now()
    with committed():
        response = client.post(
            assisted_url(shift), assisted_data(phone="06-1234 5678", explained="anders", explained_other="Voorgelezen")
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-signup-status="confirmed"' in html and "U heeft Truus aangemeld" in html
    signup = Signup.objects.get()
    assert (signup.name, signup.email, signup.phone, signup.user) == ("Truus", "", "0612345678", None)
    assert signup.assisted_by == connector and signup.consent_explained == "Voorgelezen"
    assert before <= signup.consent_at <= timezone.now()
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1

    # The same resident again holds no second place.
    response = client.post(assisted_url(shift), assisted_data(phone="0612345678"))
    assert "Truus stond al op deze dienst" in response.content.decode()
    assert Signup.objects.count() == 1


def test_a_full_shift_offers_the_waitlist_with_consent_carried_over(client, shift, connector):
    services.sign_up(shift, "Ans", "ans@example.org")
    services.sign_up(shift, "Henk", "henk@example.org")
    client.force_login(connector)
    response = client.post(assisted_url(shift), assisted_data())
    html = response.content.decode()
    assert 'data-signup-status="full"' in html
    assert '<input type="hidden" name="consent" value="on">' in html
    assert '<input type="hidden" name="waitlist" value="on">' in html
    response = client.post(assisted_url(shift), {**assisted_data(), "waitlist": "on"})
    assert 'data-signup-status="waitlisted"' in response.content.decode()
    assert Signup.objects.get(assisted_by=connector).status == Signup.WAITLISTED


def test_the_database_refuses_a_sign_up_nobody_can_be_reached_for_or_without_consent(shift, connector):
    with pytest.raises(IntegrityError), transaction.atomic():
        Signup.objects.create(shift=shift, name="Truus", email="", phone="0612345678", status=Signup.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signup.objects.create(
            shift=shift, name="Truus", phone="0612345678", assisted_by=connector, status=Signup.CONFIRMED
        )


# Mails ---------------------------------------------------------------------------------------


def test_the_connector_gets_the_confirmation_reminder_and_cancel_link_naming_the_resident(
    shift, connector, committed
):
    shift.start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(14)))
    shift.end = shift.start + timedelta(hours=2)
    shift.save()
    with committed():
        signup = assist(shift, connector).signup
    (message,) = mail.outbox
    assert message.to == [connector.email]
    assert message.subject.endswith("U heeft Truus aangemeld: Koffie schenken")
    assert "U heeft Truus aangemeld om te helpen bij Repair Café" in message.body
    assert "0612345678" in message.body and f"?dag={day_of(shift)}" in message.body
    html = message.alternatives[0][0]
    assert "U heeft Truus aangemeld om te helpen bij Repair Café" in html and 'href="tel:0612345678"' in html
    assert signup_of_cancel_link(message.body) == signup
    assert message.attachments  # the shift for the calendar

    mail.outbox.clear()
    with committed():
        assert services.send_reminders() == 1
    (reminder,) = mail.outbox
    assert reminder.to == [connector.email] and "binnenkort helpt Truus bij Repair Café" in reminder.body
    assert signup_of_cancel_link(reminder.body) == signup


def test_the_cancel_link_speaks_to_the_connector_and_wipes_the_resident(client, shift, connector, committed):
    with committed():
        signup = assist(shift, connector).signup
    url = signup.cancel_path()
    assert "U heeft Truus aangemeld voor deze dienst." in client.get(url).content.decode()
    with committed():
        response = client.post(url)
    assert "Truus is afgemeld" in response.content.decode()
    signup.refresh_from_db()
    assert (signup.status, signup.name, signup.phone, signup.assisted_by, signup.consent_explained) == (
        Signup.CANCELLED, "", "", None, ""
    )
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 0


def test_a_cancelled_shift_and_the_organisers_message_reach_the_connector(shift, connector, committed):
    assist(shift, connector, notify=False)
    with committed():
        services.mail_volunteers(shift.initiative, shift.initiative.owner, "Koffie", "Neem een mok mee.")
        services.cancel_shift(shift)
    assert {tuple(message.to) for message in mail.outbox} == {(connector.email,)}
    (cancelled,) = [message for message in mail.outbox if "Gaat niet door" in message.subject]
    assert "Wilt u Truus bellen en dit vertellen?" in cancelled.body
    (note,) = [message for message in mail.outbox if message.subject.endswith("Bericht voor Truus: Koffie")]
    assert "stuurt een bericht aan Truus" in note.body and "Neem een mok mee." in note.body


# Call list -----------------------------------------------------------------------------------


def test_the_call_list_shows_only_the_connectors_own_residents_of_that_day(client, initiative, connector):
    other = make_user("verbinder2", CONNECTORS_GROUP)
    shift = make_shift(initiative, days=2, task="Soep koken")
    later = make_shift(initiative, days=4, task="Afwassen")
    assist(shift, connector, name="Truus", phone="0612345601", notify=False)
    assist(later, connector, name="Gerrit", phone="0412123402", notify=False)
    assist(shift, other, name="Riet", phone="0612345603", notify=False)
    services.sign_up(shift, "Ans", "ans@example.org", notify=False)
    client.force_login(connector)

    response = client.get(reverse("initiatives:call_list"), {"dag": day_of(shift)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Truus" in html and "0612345601" in html and "Soep koken" in html
    assert "aangemeld" in html and timezone.localtime(shift.start).strftime("%H:%M") in html
    assert "Gerrit" not in html and "Riet" not in html and "Ans" not in html
    assert "css/call_list.css" in html  # one A4 in print
    assert reverse("initiatives:call_list") in client.get(reverse("initiatives:connector_residents")).content.decode()


@pytest.mark.parametrize("bad", ["morgen", "2026-13-45", "0000-00-00", "x" * 500])
def test_a_bad_day_gets_a_dutch_message_not_an_error(client, connector, bad):
    client.force_login(connector)
    response = client.get(reverse("initiatives:call_list"), {"dag": bad})
    assert response.status_code == 400
    assert "Deze datum klopt niet." in response.content.decode()


# Privacy: export and erasure ----------------------------------------------------------------


def test_the_connectors_download_holds_their_residents_and_matches_the_schema(client, shift, connector):
    import jsonschema

    from wijkplatform import personal_data

    assist(shift, connector, notify=False)
    other = make_user("verbinder2", CONNECTORS_GROUP)
    assist(shift, other, name="Riet", phone="0612345603", notify=False)
    client.force_login(connector)
    data = json.loads(client.get(reverse("my_data_download")).content)
    schema = json.loads(personal_data.SCHEMA_FILE.read_text())
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    (resident,) = data["aanmeldingen_voor_bewoners"]
    assert (resident["naam"], resident["telefoon"], resident["uitgelegd"]) == ("Truus", "0612345678", EXPLAINED)
    assert data["vrijwilligersdiensten"] == []  # the connector's own sign-ups stay apart
    assert all(personal_data.has_label(key) for key in ["aanmeldingen_voor_bewoners", *resident])
    page = client.get(reverse("my_data")).content.decode()
    assert "Bewoners die u aanmeldde als verbinder" in page and "Truus" in page


def test_the_connector_removes_a_resident_who_asks_and_only_their_own(client, shift, connector, committed):
    mine = assist(shift, connector, notify=False).signup
    other = make_user("verbinder2", CONNECTORS_GROUP)
    theirs = assist(shift, other, name="Riet", phone="0612345603", notify=False).signup
    client.force_login(connector)
    assert client.get(reverse("initiatives:remove_resident", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("initiatives:remove_resident", args=[theirs.pk])).status_code == 404

    with committed():
        response = client.post(reverse("initiatives:remove_resident", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.erased_at and (mine.name, mine.phone, mine.assisted_by, mine.consent_at) == ("", "", None, None)
    assert mine.status == Signup.CANCELLED
    theirs.refresh_from_db()
    assert theirs.name == "Riet" and theirs.erased_at is None
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1


def test_retention_wipes_assisted_sign_ups_with_their_consent(shift, connector, settings):
    signup = assist(shift, connector, notify=False).signup
    later = shift.end + timedelta(days=settings.SIGNUP_RETENTION_DAYS + 1)
    assert services.erase_expired_personal_data(now=later) == 1
    signup.refresh_from_db()
    assert (signup.name, signup.phone, signup.assisted_by, signup.consent_at, signup.consent_explained) == (
        "", "", None, None, ""
    )


def test_deleting_a_connectors_account_first_wipes_their_residents(shift, connector):
    signup = assist(shift, connector, notify=False).signup
    assert [line.key for line in deletion_summary(connector) if line.key == "assisted_signups"] == ["assisted_signups"]
    delete_account(connector, keep_stories=False)
    signup.refresh_from_db()
    assert signup.erased_at and signup.status == Signup.CANCELLED and signup.name == ""
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 0


def test_the_organiser_sees_name_and_phone_as_for_any_volunteer(client, shift, connector, resident):
    assist(shift, connector, notify=False)
    client.force_login(resident)
    html = client.get(reverse("initiatives:manage", args=[shift.initiative_id])).content.decode()
    assert "Truus" in html and "0612345678" in html and "aangemeld door een verbinder" in html


# The seat rule in parallel -------------------------------------------------------------------

ATTEMPTS = 24
CAPACITY = 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mixed_assisted_and_normal_parallel_sign_ups_never_overbook(settings):
    settings.RATELIMIT_ENABLE = False
    connectors = [make_user(f"verbinder{number}", CONNECTORS_GROUP) for number in range(ATTEMPTS // 2)]
    shift = make_shift(make_initiative(make_user("organisator")), capacity=CAPACITY)

    def attempt(number):
        client = Client()
        if number % 2:
            return status_of(client.post(signup_url(shift), signup_data(name=f"P{number}", email=f"p{number}@example.org")))
        client.force_login(connectors[number // 2])
        return status_of(client.post(assisted_url(shift), assisted_data(name=f"B{number}", phone=f"06123456{number:02d}")))

    statuses = run_in_parallel(ATTEMPTS, attempt)

    assert statuses.count("confirmed") == CAPACITY, statuses
    assert statuses.count("full") == ATTEMPTS - CAPACITY, statuses
    assert Shift.objects.get(pk=shift.pk).confirmed_count == CAPACITY
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == CAPACITY
