"""Signing up for a shift without an account, the waitlist, cancelling with promotion, and bad input."""

import re

import pytest
from django.core import mail

from initiatives import services
from initiatives.models import Shift, Signup
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_of_cancel_link, signup_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(resident):
    return make_shift(make_initiative(resident), capacity=2)


def status_of(response):
    return re.search(r'data-signup-status="(\w+)"', response.content.decode()).group(1)


def test_initiative_page_shows_each_shift_with_free_places_and_a_signup_form(client, shift):
    html = client.get(shift.initiative.url).content.decode()
    block = html[html.index(f'data-shift="{shift.pk}"') :]
    assert re.search(r"data-seats-left[^>]*>2<", block)
    assert f'data-live="shift-{shift.pk}"' in html
    form = block[block.index("<form") : block.index("</form>")]
    assert "data-signup-form" in form and 'name="name"' in form and 'name="email"' in form


def test_signup_confirms_and_mails_details_calendar_file_and_cancel_link(client, shift, committed):
    with committed():
        response = client.post(signup_url(shift), signup_data())
    assert response.status_code == 200
    assert status_of(response) == "confirmed"
    signup = Signup.objects.get()
    assert signup.status == Signup.CONFIRMED
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert signup_of_cancel_link(message.body) == signup
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content and "Koffie schenken" in content


def test_same_email_cannot_hold_two_places_on_one_shift(client, shift):
    client.post(signup_url(shift), signup_data(email="Ans@Example.org"))
    response = client.post(signup_url(shift), signup_data(email="ans@example.org "))
    assert status_of(response) == "confirmed"
    assert "U stond al op deze dienst" in response.content.decode()
    assert Signup.objects.count() == 1
    shift.refresh_from_db()
    assert shift.confirmed_count == 1


def test_full_shift_answers_full_and_offers_the_waitlist(client, shift):
    for number in range(2):
        client.post(signup_url(shift), signup_data(email=f"p{number}@example.org"))
    response = client.post(signup_url(shift), signup_data(email="late@example.org", waitlist="False"))
    assert status_of(response) == "full"
    assert not Signup.objects.filter(email="late@example.org").exists()
    assert "Zet mij op de wachtlijst" in response.content.decode()
    response = client.post(signup_url(shift), signup_data(email="late@example.org", waitlist="True"))
    assert status_of(response) == "waitlisted"
    assert Signup.objects.get(email="late@example.org").status == Signup.WAITLISTED


def test_each_answer_says_the_free_places_left_and_a_full_one_asks_little_of_the_database(
    client, shift, django_assert_max_num_queries
):
    html = client.post(signup_url(shift), signup_data(email="p0@example.org")).content.decode()
    assert "Nog 1 plek vrij" in html
    client.post(signup_url(shift), signup_data(email="p1@example.org"))
    # Most of a burst is told "full": the shift, one query for the checks and the seat that failed (and the savepoint).
    with django_assert_max_num_queries(5):
        response = client.post(signup_url(shift), signup_data(name="Late", email="late@example.org", phone="0412 123456"))
    html = response.content.decode()
    assert status_of(response) == "full" and re.search(r"data-seats-left[^>]*>0<", html)
    start = html.index("<form", html.index("data-signup-status"))
    form = html[start : html.index("</form>", start)]
    for hidden in ('name="name" value="Late"', 'name="email" value="late@example.org"',
                   'name="phone" value="0412 123456"', 'name="waitlist" value="True"'):
        assert hidden in form


def test_a_full_shift_shows_a_waitlist_form_on_the_page(client, shift):
    for number in range(2):
        services.sign_up(shift, "P", f"p{number}@example.org")
    html = client.get(shift.initiative.url).content.decode()
    assert re.search(r"data-seats-left[^>]*>0<", html)
    assert "Zet mij op de wachtlijst" in html


def test_cancelling_gives_the_seat_to_the_first_on_the_waitlist_and_mails_them(client, shift, committed):
    first = services.sign_up(shift, "Ans", "ans@example.org").signup
    services.sign_up(shift, "Henk", "henk@example.org")
    waiting = services.sign_up(shift, "Fatma", "fatma@example.org", join_waitlist=True).signup
    services.sign_up(shift, "Joop", "joop@example.org", join_waitlist=True)
    mail.outbox.clear()

    page = client.get(first.cancel_path())
    assert page.status_code == 200
    assert Signup.objects.get(pk=first.pk).status == Signup.CONFIRMED  # a GET (mail scanner) changes nothing
    with committed():
        client.post(first.cancel_path())

    assert Signup.objects.get(pk=first.pk).status == Signup.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Signup.CONFIRMED
    assert Signup.objects.get(email="joop@example.org").status == Signup.WAITLISTED
    shift.refresh_from_db()
    assert shift.confirmed_count == 2
    (message,) = [m for m in mail.outbox if m.to == ["fatma@example.org"]]
    assert signup_of_cancel_link(message.body) == waiting
    assert sorted(m.to for m in mail.outbox) == [[shift.initiative.owner.email], ["fatma@example.org"]]  # and the organiser


def test_cancelling_twice_changes_nothing(client, shift):
    signup = services.sign_up(shift, "Ans", "ans@example.org").signup
    client.post(signup.cancel_path())
    response = client.post(signup.cancel_path())
    assert "al afgemeld" in response.content.decode()
    shift.refresh_from_db()
    assert shift.confirmed_count == 0


def test_forged_or_broken_cancel_token_is_not_found(client, shift):
    signup = services.sign_up(shift, "Ans", "ans@example.org").signup
    token = signup.cancel_token
    assert client.get(f"/initiatieven/afmelden/{token[:-2]}xx/").status_code == 404
    assert client.post("/initiatieven/afmelden/123/").status_code == 404
    assert Signup.objects.get().status == Signup.CONFIRMED


def test_logged_in_resident_signs_up_with_one_click_under_their_account(client, shift, resident):
    client.force_login(resident)
    html = client.get(shift.initiative.url).content.decode()
    assert 'type="hidden" name="email"' in html
    response = client.post(signup_url(shift), {"name": "bewoner1", "email": "someone-else@example.org", "waitlist": "False"})
    assert status_of(response) == "confirmed"
    signup = Signup.objects.get()
    assert signup.user == resident and signup.email == resident.email


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "email": "ans@example.org"},
        {"name": "Ans", "email": "geen-adres"},
        {"name": "Ans", "email": "ans@example.org", "phone": "<script>"},
        {"name": "A" * 500, "email": "ans@example.org"},
        {"name": "Ans", "email": "ans@example.org", "website": "http://spam.example"},
    ],
)
def test_bad_input_gives_a_dutch_message_and_no_signup(client, shift, data):
    response = client.post(signup_url(shift), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html and "<title>Fout: " in html
    assert not Signup.objects.exists()


def test_a_rejected_signup_links_each_error_to_its_field_and_keeps_what_was_typed(client, shift):
    html = client.post(signup_url(shift), {"name": "Ans de Vries", "email": "geen-adres"}).content.decode()
    summary = html[html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))]
    assert f'href="#shift{shift.pk}_email"' in summary and "Uw e-mailadres:" in summary
    assert f'id="shift{shift.pk}_email_error"' in html
    assert re.search(rf'aria-describedby="shift{shift.pk}_email_helptext shift{shift.pk}_email_error"', html)
    assert 'value="Ans de Vries"' in html and 'value="geen-adres"' in html
    assert re.search(r"<form [^>]*data-signup-form[^>]*novalidate", html)


@pytest.mark.parametrize(("seats_taken", "sentence"), [(0, "Nog 2 plekken vrij"), (1, "Nog 1 plek vrij"), (2, "Vol")])
def test_free_places_are_a_sentence_that_live_updates_can_rewrite(client, shift, seats_taken, sentence):
    for number in range(seats_taken):
        services.sign_up(shift, f"Helper {number}", f"helper{number}@example.org")
    html = client.get(shift.initiative.url).content.decode()
    seats = html[html.index('class="seats"') : html.index("</p>", html.index('class="seats"'))]
    assert re.search(rf'data-seats-sentence[^>]*>{sentence}<', seats)
    assert 'role="status"' in seats and 'data-many="Nog {n} plekken vrij"' in seats


def test_signup_for_unknown_or_unpublished_shift_is_not_found(client, resident):
    draft = make_shift(make_initiative(resident, title="Concept", live=False))
    assert client.post(signup_url(draft), signup_data()).status_code == 404
    assert client.post("/initiatieven/dienst/999999/aanmelden/", signup_data()).status_code == 404


def test_closed_cancelled_or_past_shift_takes_no_signups_and_says_why(client, resident):
    initiative = make_initiative(resident)
    closed = make_shift(initiative, closed=True)
    cancelled = make_shift(initiative, cancelled=True)
    past = make_shift(initiative, days=-1)
    for shift, status, heading in (
        (closed, "closed", "Aanmelden is gesloten"),
        (cancelled, "cancelled", "Deze dienst gaat niet door"),
        (past, "closed", "Aanmelden is gesloten"),
    ):
        response = client.post(signup_url(shift), signup_data(waitlist="True"))
        assert (status_of(response), f"<h1>{heading}</h1>" in response.content.decode()) == (status, True)
    assert not Signup.objects.exists()


def test_initiative_page_says_a_shift_is_closed_or_cancelled_and_offers_no_form(client, resident):
    initiative = make_initiative(resident)
    closed = make_shift(initiative, closed=True)
    cancelled = make_shift(initiative, cancelled=True)
    html = client.get(initiative.url).content.decode()
    for shift, text in ((closed, "Aanmelden is gesloten."), (cancelled, "Deze dienst gaat niet door.")):
        block = html[html.index(f'data-shift="{shift.pk}"') :].split("</section>")[0]
        assert text in block
        assert "<form" not in block and "Deze dienst is vol" not in block


def test_signups_are_rate_limited_per_client(client, shift, settings):
    settings.RATELIMIT_ENABLE = True
    codes = [client.post(signup_url(shift), signup_data(email=f"p{n}@example.org")).status_code for n in range(12)]
    assert codes[-1] == 429
    assert Shift.objects.get(pk=shift.pk).confirmed_count <= 2


def test_database_refuses_a_confirmed_count_above_capacity(shift):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(confirmed_count=3)


def test_database_refuses_two_active_signups_with_one_email(shift):
    from django.db import IntegrityError, transaction

    Signup.objects.create(shift=shift, name="A", email="a@example.org", status=Signup.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signup.objects.create(shift=shift, name="A", email="a@example.org", status=Signup.WAITLISTED)
    Signup.objects.create(shift=shift, name="A", email="a@example.org", status=Signup.CANCELLED)


def test_a_full_shift_answers_with_one_read_and_no_transaction(client, shift, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 60  # the answer's fixed parts from the fragment cache, as in production
    for number in range(3):
        client.post(signup_url(shift), signup_data(email=f"eerder{number}@example.org"))
    with CaptureQueriesContext(connection) as captured:
        response = client.post(signup_url(shift), signup_data(email="laat@example.org"))
    assert status_of(response) == "full"
    statements = [query["sql"].split()[0] for query in captured]
    # The shift with every check in one SELECT (it also shows the shift): no UPDATE, no lock, no savepoint.
    assert statements == ["SELECT"], captured.captured_queries
