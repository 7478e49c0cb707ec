"""
"Mijn aanmeldingen" for volunteers without an account (see, download, erase), end to end through the
mails; cancelling erases at once and tells the organiser; the calendar file in the mails.
"""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.core import mail, signing
from django.utils import timezone

from initiatives import services
from initiatives.models import InitiativePage, Shift, Signup
from places.models import Place
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REQUEST_URL = "/account/mijn-aanmeldingen/"
MAIL_LINK = re.compile(r"http://testserver(/account/mijn-aanmeldingen/aanvragen/[^/\s\"]+/)")
VIEW_LINK = re.compile(r"http://testserver(/account/mijn-aanmeldingen/bekijken/[^/\s\"]+/)")
SAME_ANSWER = "Als wij gegevens van dit adres hebben, krijgt u binnen enkele minuten een e-mail"


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


@pytest.fixture
def shift(initiative):
    return make_shift(initiative, capacity=1, task="Koffie schenken")


def sign_up(client, committed, shift, **data):
    with committed():
        response = client.post(signup_url(shift), signup_data(**data))
    assert response.status_code == 200
    return Signup.objects.get(shift=shift, email=data.get("email", "ans@example.org"))


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message, pattern):
    (html, _mimetype) = message.alternatives[0]
    found = pattern.search(message.body)
    assert found and pattern.search(html), message.subject
    return found.group(1)


def main_of(response):
    """The page's <main>, without the header's per-request CSRF token."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def open_data(client, committed, address, mail_link):
    """Follow the mail link, ask for the e-mail, and return the short-lived link in it."""
    mail.outbox.clear()
    with committed():
        client.post(mail_link)
    (message,) = mail.outbox
    assert message.to == [address]
    return link_in(message, VIEW_LINK)


def test_every_mail_to_a_volunteer_links_to_mijn_aanmeldingen(initiative, shift, committed):
    with committed():
        first = services.sign_up(shift, "Ans", "ans@example.org").signup
        services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True)
        services.send_reminders(now=shift.start - timedelta(hours=20))
        services.mail_volunteers(initiative, initiative.owner, "Zaterdag", "Neem een schort mee.")
        services.cancel(first)
        services.cancel_shift(shift)
    volunteer_mails = [message for message in mail.outbox if message.to != [initiative.owner.email]]
    assert {message.subject.removeprefix("[Wij(k) de Ruwaard] ") for message in volunteer_mails} == {
        "U bent aangemeld: Koffie schenken",
        "U staat op de wachtlijst: Koffie schenken",
        "Morgen: Koffie schenken",
        "Zaterdag",
        "Er is plaats voor u: Koffie schenken",
        "Gaat niet door: Koffie schenken",
    }
    for message in volunteer_mails:
        path = link_in(message, MAIL_LINK)
        assert "Mijn aanmeldingen" in message.body
        token = path.rstrip("/").rsplit("/", 1)[1]
        assert signing.loads(token, salt="initiatives.volunteer_data.mail_link") == message.to[0]


def test_volunteer_without_account_sees_downloads_and_erases_all_their_signups(client, initiative, shift, committed):
    other = make_shift(make_initiative(initiative.owner, title="Deelwerf"), task="Gereedschap uitlenen", capacity=4)
    signup = sign_up(client, committed, shift, phone="0612345678")
    sign_up(client, committed, other, phone="0612345678")
    waiting = services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True).signup
    assert "_auth_user_id" not in client.session  # no account, no login
    view_link = open_data(client, committed, "ans@example.org", link_in(mails_to("ans@example.org")[0], MAIL_LINK))

    page = client.get(view_link)
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    html = main_of(page)
    for text in ("Ans", "ans@example.org", "0612345678", "Koffie schenken", "Gereedschap uitlenen", "Deelwerf"):
        assert text in html
    assert "http://testserver/initiatieven/repair-cafe/" in html
    assert "henk@example.org" not in html

    download = client.get(view_link + "mijn-aanmeldingen.json")
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    assert data["formaat"] == "wijkderuwaard.mijn-aanmeldingen/1" and data["emailadres"] == "ans@example.org"
    by_task = {record["dienst"]["taak"]: record for record in data["aanmeldingen"]}
    assert set(by_task) == {"Koffie schenken", "Gereedschap uitlenen"}
    record = by_task["Koffie schenken"]
    assert {key: record[key] for key in ("naam", "email", "telefoon", "status", "status_tekst")} == {
        "naam": "Ans",
        "email": "ans@example.org",
        "telefoon": "0612345678",
        "status": "confirmed",
        "status_tekst": "aangemeld",
    }
    assert record["initiatief"] == {"titel": "Repair Café", "adres": "http://testserver/initiatieven/repair-cafe/"}
    assert datetime.fromisoformat(record["dienst"]["begint"]) == shift.start
    assert datetime.fromisoformat(record["aangemeld_op"]) == signup.created_at
    assert record["afgemeld_op"] is None and record["dienst"]["gaat_niet_door"] is False

    readable = client.get(view_link + "mijn-aanmeldingen.html")
    assert readable["Content-Type"].startswith("text/html") and "attachment" in readable["Content-Disposition"]
    readable = readable.content.decode()
    assert readable.startswith("<!DOCTYPE html>") and "<script" not in readable
    for text in ("Ans", "0612345678", "Koffie schenken", "Gereedschap uitlenen", "Aangemeld"):
        assert text in readable

    question = client.get(view_link + "verwijderen/")
    assert question.status_code == 200 and "Ja, verwijder mijn gegevens" in question.content.decode()
    assert Signup.objects.filter(email="ans@example.org").count() == 2  # asking erases nothing
    mail.outbox.clear()
    with committed():
        done = client.post(view_link + "verwijderen/")
    assert "Uw gegevens zijn gewist" in done.content.decode()

    assert not Signup.objects.filter(name="Ans").exists()
    assert not Signup.objects.filter(phone="0612345678").exists()
    assert not Signup.objects.filter(email="ans@example.org").exists()
    signup.refresh_from_db()
    assert signup.status == Signup.CANCELLED and signup.erased_at and (signup.name, signup.email) == ("", "")
    waiting.refresh_from_db()
    assert waiting.status == Signup.CONFIRMED  # the seat went to the waitlist
    assert Shift.objects.get(pk=other.pk).confirmed_count == 0
    (promoted,) = mails_to("henk@example.org")
    assert promoted.subject == "[Wij(k) de Ruwaard] Er is plaats voor u: Koffie schenken"
    assert len(mails_to(initiative.owner.email)) == 2  # the organiser hears of both shifts
    assert not mails_to("ans@example.org")
    assert "Wij bewaren geen aanmeldingen" in main_of(client.get(view_link))


def test_a_forwarded_mail_link_shows_nothing_and_only_mails_the_address_in_it(client, shift, committed):
    sign_up(client, committed, shift, name="Annegreet", phone="0612345678")
    link = link_in(mails_to("ans@example.org")[0], MAIL_LINK)
    mail.outbox.clear()

    page = client.get(link)
    assert page.status_code == 200
    html = main_of(page)
    assert "a…@example.org" in html
    for secret in ("ans@example.org", "Annegreet", "0612345678", "Koffie schenken", "/bekijken/"):
        assert secret not in html
    assert mail.outbox == []  # a GET (a mail scanner) sends nothing

    with committed():
        answer = client.post(link)
    assert SAME_ANSWER in answer.content.decode()
    assert "/bekijken/" not in answer.content.decode()
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert "30 minuten" in message.body


def test_bad_or_expired_links_get_a_dutch_page_with_a_way_to_ask_again(client, shift, committed, monkeypatch):
    sign_up(client, committed, shift)
    view_link = open_data(client, committed, "ans@example.org", link_in(mails_to("ans@example.org")[0], MAIL_LINK))

    later = signing.time.time() + 31 * 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    expired = [
        client.get(view_link),
        client.get(view_link + "mijn-aanmeldingen.json"),
        client.post(view_link + "verwijderen/"),
    ]
    for response in expired:
        assert response.status_code == 410
        html = main_of(response)
        assert "Deze link is verlopen" in html
        assert 'action="/account/mijn-aanmeldingen/"' in html and 'name="email"' in html  # ask for a new one here
    assert Signup.objects.get(shift=shift).name == "Ans"  # the expired erase did nothing

    broken_links = [view_link[:-6] + "/", f"{REQUEST_URL}aanvragen/niet-echt/", f"{REQUEST_URL}bekijken/x:y:z/"]
    for broken in broken_links:
        response = client.get(broken)
        assert response.status_code == 400
        assert "Deze link werkt niet" in main_of(response)
    forged = signing.dumps("ans@example.org", salt="iets anders")
    assert client.get(f"/account/mijn-aanmeldingen/bekijken/{forged}/").status_code == 400


def test_the_short_lived_link_lasts_as_long_as_the_setting(client, shift, committed, monkeypatch, settings):
    settings.VOLUNTEER_DATA_LINK_MINUTES = 5
    sign_up(client, committed, shift)
    view_link = open_data(client, committed, "ans@example.org", link_in(mails_to("ans@example.org")[0], MAIL_LINK))
    assert "5 minuten" in mail.outbox[0].body
    start = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: start + 4 * 60)
    assert client.get(view_link).status_code == 200
    monkeypatch.setattr(signing.time, "time", lambda: start + 6 * 60)
    assert client.get(view_link).status_code == 410


def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(client, shift, committed, settings):
    services.sign_up(shift, "Ans", "ans@example.org")
    mail.outbox.clear()

    with committed():
        known = client.post(REQUEST_URL, {"email": "Ans@Example.org", "website": ""}, REMOTE_ADDR="10.0.0.1")
        unknown = client.post(REQUEST_URL, {"email": "niemand@example.org", "website": ""}, REMOTE_ADDR="10.0.0.2")
    assert known.status_code == unknown.status_code == 200
    assert main_of(known) == main_of(unknown)
    assert SAME_ANSWER in main_of(known)
    assert [message.to for message in mail.outbox] == [["ans@example.org"]]

    # With a worker (as in production) the request only queues one task, whatever the address.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from initiatives.volunteer_data import send_data_link

    queued = send_data_link.get_backend().results
    client.post(REQUEST_URL, {"email": "ans@example.org"}, REMOTE_ADDR="10.0.0.3")
    client.post(REQUEST_URL, {"email": "niemand@example.org"}, REMOTE_ADDR="10.0.0.4")
    assert [result.args[0] for result in queued] == ["ans@example.org", "niemand@example.org"]


def test_request_form_refuses_bad_input_with_a_dutch_message(client):
    assert client.get(REQUEST_URL).status_code == 200
    response = client.post(REQUEST_URL, {"email": "geen-adres"})
    assert response.status_code == 400 and "Dit is geen goed e-mailadres." in response.content.decode()
    response = client.post(REQUEST_URL, {"email": ""})
    assert response.status_code == 400 and "Vul uw e-mailadres in." in response.content.decode()
    assert client.post(REQUEST_URL, {"email": "bot@example.org", "website": "spam"}).status_code == 400
    assert mail.outbox == []


def test_asking_is_rate_limited_per_address_and_per_ip(client, shift, committed):
    services.sign_up(shift, "Ans", "ans@example.org")
    with committed():
        answers = [
            client.post(REQUEST_URL, {"email": "ans@example.org"}, REMOTE_ADDR=f"10.0.1.{number}").status_code
            for number in range(3)
        ]
        answers.append(client.post(REQUEST_URL, {"email": "ANS@example.org"}, REMOTE_ADDR="10.0.1.9").status_code)
    assert answers == [200, 200, 200, 429]
    assert len(mail.outbox) == 3

    answers = [
        client.post(REQUEST_URL, {"email": f"iemand{number}@example.org"}, REMOTE_ADDR="10.0.2.1").status_code
        for number in range(11)
    ]
    assert answers == [200] * 10 + [429]
    limited = client.post(REQUEST_URL, {"email": "x@example.org"}, REMOTE_ADDR="10.0.2.1")
    assert "Even wachten" in limited.content.decode()


def test_the_mail_link_shares_the_per_address_limit(client, shift, committed):
    with committed():
        services.sign_up(shift, "Ans", "ans@example.org")
    link = link_in(mail.outbox[0], MAIL_LINK)
    answers = [client.post(link, REMOTE_ADDR=f"10.0.3.{number}").status_code for number in range(3)]
    answers.append(client.post(REQUEST_URL, {"email": "ans@example.org"}, REMOTE_ADDR="10.0.3.9").status_code)
    assert answers == [200, 200, 200, 429]


def test_cancelling_through_the_mail_link_erases_at_once_and_tells_the_organiser(client, initiative, shift, committed):
    signup = sign_up(client, committed, shift, phone="0612345678")
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    mail.outbox.clear()

    with committed():
        response = client.post(signup.cancel_path())
    assert "U bent afgemeld" in response.content.decode()

    signup.refresh_from_db()
    assert signup.status == Signup.CANCELLED and signup.cancelled_at and signup.erased_at
    assert (signup.name, signup.email, signup.phone, signup.user_id) == ("", "", "", None)
    shift.refresh_from_db()
    assert shift.confirmed_count == 0
    (message,) = mail.outbox
    assert message.to == [initiative.owner.email]
    assert message.subject == "[Wij(k) de Ruwaard] Afgemeld: Koffie schenken"
    assert "Er is nu 1 plek vrij." in message.body
    assert f"http://testserver/initiatieven/beheer/{initiative.pk}/" in message.body
    assert "Ans" not in message.body and "ans@example.org" not in message.body
    assert "al afgemeld" in client.get(signup.cancel_path()).content.decode()


def test_organiser_hears_the_seat_went_to_the_waitlist_and_nothing_of_a_waitlist_cancel(initiative, shift, committed):
    first = services.sign_up(shift, "Ans", "ans@example.org").signup
    second = services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True).signup
    third = services.sign_up(shift, "Fatma", "fatma@example.org", join_waitlist=True).signup
    mail.outbox.clear()
    with committed():
        services.erase_signup(third)
    assert mail.outbox == []
    with committed():
        services.erase_signup(first)
    (notice,) = mails_to(initiative.owner.email)
    assert "De plek is naar iemand van de wachtlijst gegaan." in notice.body
    second.refresh_from_db()
    assert second.status == Signup.CONFIRMED


def test_erasing_a_signup_of_a_shift_that_has_begun_keeps_it_counted(initiative, committed):
    shift = make_shift(initiative, start=timezone.now() - timedelta(hours=1), hours=3)
    signup = Signup.objects.create(shift=shift, name="Ans", email="ans@example.org", status=Signup.CONFIRMED)
    Shift.objects.filter(pk=shift.pk).update(confirmed_count=1)
    with committed():
        assert services.erase_signup(signup) is True
        assert services.erase_signup(signup) is False
    signup.refresh_from_db()
    assert signup.status == Signup.CONFIRMED and signup.erased_at and signup.email == ""
    assert Shift.objects.get(pk=shift.pk).confirmed_count == 1
    assert mail.outbox == []


# The calendar file in the mails ---------------------------------------------------------


def calendar_of(message):
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    return content.decode() if isinstance(content, bytes) else content


@pytest.mark.parametrize("own_place", [False, True], ids=["place-of-the-initiative", "place-of-the-shift"])
def test_calendar_file_has_the_street_address_and_local_time_with_time_zone(initiative, committed, own_place):
    house = Place.objects.create(name="Ons Huis van de Wijk (test)", address="Ruwaardsingel 1, Oss")
    InitiativePage.objects.filter(pk=initiative.pk).update(place=house, place_note="")
    start = datetime(timezone.localdate().year + 1, 7, 4, 10, 30, tzinfo=AMSTERDAM)  # summer time: UTC+2
    shift = make_shift(initiative, start=start, hours=2)
    if own_place:
        Shift.objects.filter(pk=shift.pk).update(
            place=Place.objects.create(name="Trappenhuis (test)", address="Kerkstraat 9, Oss"), place_note="achterom"
        )
    with committed():
        services.sign_up(shift, "Ans", "ans@example.org")
    ics = calendar_of(mail.outbox[0])
    address = "Kerkstraat 9, Oss" if own_place else "Ruwaardsingel 1, Oss"

    parsed = icalendar.Calendar.from_ical(ics)
    (zone,) = parsed.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Amsterdam"
    (event,) = parsed.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(start.year, 7, 4, 10, 30)
    assert event.decoded("DTSTART") == start and event.decoded("DTEND") == start + timedelta(hours=2)
    assert address in str(event["LOCATION"])
    assert "DTSTART;TZID=Europe/Amsterdam:" in ics and f"{start.year}0704T083000Z" not in ics

    card = vobject.readOne(ics)
    assert card.vevent.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/Amsterdam"]
    local = card.vevent.dtstart.value
    assert (local.hour, local.minute) == (10, 30) and local.utcoffset() == timedelta(hours=2)
    assert address in card.vevent.location.value
    assert address in mail.outbox[0].body  # and in the mail itself
