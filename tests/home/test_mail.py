"""The one way the platform sends e-mail: clean headers, text and HTML, the reader's language, retries, links."""

import logging
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site
from wagtail.users.models import UserProfile

from home.seed import site_follows_base_url
from initiatives import services
from stories.models import StoryIndexPage
from stories.services import report_story
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url
from tests.stories.conftest import make_story
from wijkplatform import mail as platform_mail
from wijkplatform.mail import MAX_ATTEMPTS, absolute_url, clean_header, deliver, language_for, send_templated
from wijkplatform.moderation import EDITORS_GROUP

pytestmark = pytest.mark.django_db

BASE_URL = "https://wijk.example.nl"


class FailingBackend(LocmemBackend):
    """Refuses every message, as an SMTP server that is down would."""

    attempts = 0

    def send_messages(self, messages):
        FailingBackend.attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(LocmemBackend):
    """Refuses the first message it is given, then delivers."""

    attempts = 0

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts == 1:
            raise smtplib.SMTPRecipientsRefused({})
        return super().send_messages(messages)


class RefusesHenk(LocmemBackend):
    """Refuses every message to one address."""

    def send_messages(self, messages):
        if any("henk@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"henk@example.org": (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def templates(settings, tmp_path):
    """A tiny `test/hello` mail template set, for testing send_templated on its own."""
    folder = tmp_path / "templates" / "test"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text('{% load i18n %}{% translate "Beste redactie," %} {{ subject_part }}\n')
    (folder / "hello.txt").write_text("Tekst: {{ body }} {{ base_url }}/pad/ {{ site_name }}\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path / "templates")]}
    ]
    return "test/hello"


@pytest.fixture
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL + "/"
    return BASE_URL


def test_clean_header_makes_one_short_line():
    assert clean_header("Zaterdag\r\nBcc: iedereen@example.org") == "Zaterdag Bcc: iedereen@example.org"
    assert clean_header("  a\tb\x00c\u2028d\x1b  ") == "a b c d"
    assert clean_header(None) == ""
    assert len(clean_header("x" * 500)) == 200


def test_absolute_url_prefixes_site_paths_and_keeps_full_urls(base_url):
    assert absolute_url("/verhalen/") == BASE_URL + "/verhalen/"
    assert absolute_url("agenda/") == BASE_URL + "/agenda/"
    assert absolute_url("https://elders.example.org/x") == "https://elders.example.org/x"
    assert absolute_url("") == BASE_URL + "/"


def test_language_for_reads_the_profile_and_falls_back_to_dutch(resident, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert language_for(resident) == "nl"
    assert language_for(None) == "nl" and language_for(AnonymousUser()) == "nl"
    UserProfile.objects.update_or_create(user=resident, defaults={"preferred_language": "en"})
    assert language_for(django_user_model.objects.get(pk=resident.pk)) == "en"
    UserProfile.objects.filter(user=resident).update(preferred_language="tlh")
    assert language_for(django_user_model.objects.get(pk=resident.pk)) == "nl"


def test_subject_and_addresses_lose_line_breaks_and_mail_has_text_and_html(
    templates, base_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(
            templates,
            {"subject_part": "Zaterdag\r\nBcc: x@example.org", "body": "<b>Koffie</b> & thee"},
            ["ans@example.org\r\n"],
            reply_to="henk@example.org\nCc: x@example.org",
            attachments=[("dienst.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    (message,) = mail.outbox
    assert message.subject == "[Wij(k) de Ruwaard] Beste redactie, Zaterdag Bcc: x@example.org"
    assert message.to == ["ans@example.org"]
    assert message.reply_to == ["henk@example.org Cc: x@example.org"]
    assert "\n" not in message.message()["Subject"]
    assert message.body == f"Tekst: <b>Koffie</b> & thee {BASE_URL}/pad/ Wij(k) de Ruwaard\n"
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert "&lt;b&gt;Koffie&lt;/b&gt; &amp; thee" in html
    assert f'<a href="{BASE_URL}/pad/"' in html
    assert '<html lang="nl">' in html and "U krijgt deze e-mail van Wij(k) de Ruwaard" in html
    assert message.attachments[0] == ("dienst.ics", "BEGIN:VCALENDAR", "text/calendar")


def test_mail_is_rendered_in_the_language_given(templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(templates, {"subject_part": "", "body": ""}, ["ans@example.org"], language="en")
    (message,) = mail.outbox
    assert message.subject == "[Wij(k) de Ruwaard] Dear editors,"
    assert '<html lang="en">' in message.alternatives[0][0]


def test_nothing_is_sent_for_a_rolled_back_change(templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            send_templated(templates, {"body": "x"}, ["ans@example.org"])
            raise RuntimeError("rolled back")
    assert mail.outbox == []


def test_a_failing_smtp_server_is_retried_logged_and_never_raises_into_the_request(
    settings, templates, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    FailingBackend.attempts = 0
    with caplog.at_level(logging.WARNING, logger="wijkplatform.mail"), django_capture_on_commit_callbacks(execute=True):
        send_templated(templates, {"body": "x"}, ["ans@example.org"])
    assert FailingBackend.attempts == MAX_ATTEMPTS
    levels = [record.levelno for record in caplog.records if record.name == "wijkplatform.mail"]
    assert levels == [logging.WARNING] * (MAX_ATTEMPTS - 1) + [logging.ERROR]
    assert all(record.exc_info for record in caplog.records if record.name == "wijkplatform.mail")


def test_a_failed_send_that_works_on_retry_arrives_once(settings, templates, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = 0
    with django_capture_on_commit_callbacks(execute=True):
        send_templated(templates, {"body": "x"}, ["ans@example.org"])
    assert FlakyBackend.attempts == 2
    assert [message.to for message in mail.outbox] == [["ans@example.org"]]


def test_the_last_failure_is_reported_as_a_failed_task_not_as_success(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    message = {"subject": "s", "text": "t", "html": "<p>t</p>", "to": ["ans@example.org"]}
    result = deliver.enqueue(message)
    assert result.status == "FAILED"
    assert result.errors[-1].exception_class_path == "smtplib.SMTPServerDisconnected"


def test_a_worker_backend_retries_later_with_a_growing_delay(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    message = {"subject": "s", "text": "t", "html": "<p>t</p>", "to": ["ans@example.org"]}
    before = timezone.now()
    with pytest.raises(smtplib.SMTPException):
        deliver.call(message)
    with pytest.raises(smtplib.SMTPException):
        deliver.call(message, 2)
    with pytest.raises(smtplib.SMTPException):
        deliver.call(message, MAX_ATTEMPTS)
    retries = deliver.get_backend().results
    assert [result.args for result in retries] == [[message, 2], [message, 3]]
    first, second = (result.task.run_after - before for result in retries)
    assert timedelta(seconds=platform_mail.RETRY_DELAYS[0]) <= first < second


def test_organiser_message_with_a_line_break_in_the_subject_reaches_every_volunteer(
    client, resident, django_capture_on_commit_callbacks
):
    initiative = make_initiative(resident)
    shift = make_shift(initiative)
    for name in ("Ans", "Henk", "Kees"):
        services.sign_up(shift, name, f"{name.lower()}@example.org")
    mail.outbox.clear()
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/initiatieven/beheer/{initiative.pk}/bericht/",
            {"subject": "Zaterdag\r\nBcc: iedereen@example.org", "message": "Neem een schort mee."},
            follow=True,
        )
    assert "Uw bericht wordt verstuurd naar 3 vrijwilligers." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ans@example.org",
        "henk@example.org",
        "kees@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {"[Wij(k) de Ruwaard] Zaterdag Bcc: iedereen@example.org"}


def test_organiser_message_failing_for_one_volunteer_still_reaches_the_others(
    settings, client, resident, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesHenk"
    initiative = make_initiative(resident)
    shift = make_shift(initiative)
    for name in ("Ans", "Henk", "Kees"):
        services.sign_up(shift, name, f"{name.lower()}@example.org")
    mail.outbox.clear()
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/initiatieven/beheer/{initiative.pk}/bericht/", {"subject": "Zaterdag", "message": "Tot dan."}
        )
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["ans@example.org", "kees@example.org"]


def test_organiser_message_with_only_control_characters_as_subject_gets_a_dutch_error(client, resident):
    initiative = make_initiative(resident)
    client.force_login(resident)
    response = client.post(f"/initiatieven/beheer/{initiative.pk}/bericht/", {"subject": "\x1b\x07", "message": "Hoi"})
    assert response.status_code == 400
    assert "Schrijf een onderwerp." in response.content.decode()
    assert mail.outbox == []


def test_language_switch_is_remembered_and_mail_comes_in_that_language(
    client, resident, django_capture_on_commit_callbacks
):
    shift = make_shift(make_initiative(resident))
    volunteer = make_user("vrijwilliger")
    client.force_login(volunteer)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert UserProfile.objects.get(user=volunteer).preferred_language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(shift), signup_data(email=volunteer.email))
    (message,) = mail.outbox
    assert message.subject == "[Wij(k) de Ruwaard] You are signed up: Koffie schenken"
    assert '<html lang="en">' in message.alternatives[0][0]


def test_language_switch_without_login_stores_nothing_and_rejects_unknown_languages(client, resident):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert not UserProfile.objects.exists()
    client.force_login(resident)
    client.post("/i18n/setlang/", {"language": "tlh", "next": "/"})
    assert language_for(resident) == "nl"


URL = re.compile(r"https?://[^\s\"'<>]+")


def test_every_platform_mail_has_text_and_html_and_links_start_with_base_url(
    base_url, client, resident, editor, django_capture_on_commit_callbacks
):
    initiative = make_initiative(resident)
    start = timezone.now() + timedelta(hours=20)
    shift = make_shift(initiative, capacity=1, start=start, place_note="Ons Huis", note="Geen ervaring nodig.")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sign_up(shift, "Ans", "ans@example.org").signup
        services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True)
        services.send_reminders()
        services.cancel(first)
        services.mail_volunteers(initiative, resident, "Zaterdag", "Zie https://elders.example.org/ook")
        services.cancel_shift(shift)
        report_story(make_story(StoryIndexPage.objects.get()), reason="kwetsend", key="k")
    assert sorted(message.subject.removeprefix("[Wij(k) de Ruwaard] ") for message in mail.outbox) == [
        "Afgemeld: Koffie schenken",
        "Er is plaats voor u: Koffie schenken",
        "Gaat niet door: Koffie schenken",
        'Melding over het verhaal "Koffie in de wijk"',
        "Morgen: Koffie schenken",
        "U bent aangemeld: Koffie schenken",
        "U staat op de wachtlijst: Koffie schenken",
        "Zaterdag",
    ]
    for message in mail.outbox:
        assert message.subject.startswith("[Wij(k) de Ruwaard] ")
        assert message.body.strip()
        (html, mimetype) = message.alternatives[0]
        assert mimetype == "text/html" and "<html" in html
        links = URL.findall(message.body) + re.findall(r'href="([^"]+)"', html)
        assert links, message.subject
        for link in links:
            assert link.startswith(BASE_URL) or link.startswith("https://elders.example.org/"), (message.subject, link)


def test_seed_points_the_wagtail_site_at_base_url(settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://192.168.1.20:8080"
    site = site_follows_base_url()
    assert (site.hostname, site.port) == ("192.168.1.20", 8080)
    assert home.specific.full_url == "http://192.168.1.20:8080/"
    settings.WAGTAILADMIN_BASE_URL = "https://wijkderuwaard.nl"
    site_follows_base_url()
    assert Site.objects.get(is_default_site=True).root_url == "https://wijkderuwaard.nl"


def test_report_mail_goes_to_each_editor_in_their_own_language(editor, django_capture_on_commit_callbacks):
    other = make_user("english-editor", EDITORS_GROUP)
    UserProfile.objects.update_or_create(user=other, defaults={"preferred_language": "en"})
    story = make_story(StoryIndexPage.objects.get(), "Samen lopen")
    with django_capture_on_commit_callbacks(execute=True):
        report_story(story, reason="kwetsend", key="k")
    by_address = {message.to[0]: message.subject for message in mail.outbox}
    assert by_address == {
        editor.email: '[Wij(k) de Ruwaard] Melding over het verhaal "Samen lopen"',
        other.email: '[Wij(k) de Ruwaard] Report about the story "Samen lopen"',
    }
