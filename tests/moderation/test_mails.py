"""Our own e-mail for every step of the moderation loop; no stock Wagtail notification reaches anyone."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from moderation import signals
from moderation.models import EditorPreference
from tests.helpers import approve, make_user, reject
from tests.moderation.conftest import change_snippet, send_in_story
from wijkplatform.moderation import EDITORS_GROUP, submit_for_review

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def links(message):
    return LINK.findall(message.body) + LINK.findall(html_of(message))


def assert_our_links(message):
    found = [link for link in links(message) if "w3.org" not in link]
    assert found, message.body
    assert all(link == BASE_URL or link.startswith(BASE_URL + "/") for link in found), found


def test_the_resident_gets_a_receipt_in_dutch_with_a_link_to_mijn_bijdragen(resident, committed):
    with committed():
        send_in_story(resident)

    [message] = mails_to(resident)
    assert message.subject == "[Wij(k) de Ruwaard] We hebben het ontvangen: Soep voor de hele straat"
    assert "We hebben uw verhaal \"Soep voor de hele straat\" goed ontvangen." in message.body
    assert "De redactie kijkt ernaar." in message.body
    assert f"{BASE_URL}{reverse('my_contributions')}" in message.body
    assert "Soep voor de hele straat" in html_of(message) and 'lang="nl"' in html_of(message)
    assert_our_links(message)
    assert "/admin/" not in message.body + html_of(message)


def test_a_resident_who_chose_english_gets_english(resident, committed):
    UserProfile.objects.update_or_create(user=resident, defaults={"preferred_language": "en"})
    resident.refresh_from_db()
    with committed():
        send_in_story(resident)

    [message] = mails_to(resident)
    assert 'lang="en"' in html_of(message)


def test_the_editors_hear_at_once_with_a_link_to_the_editor_and_the_list(resident, editor, committed):
    with committed():
        story = send_in_story(resident)

    [message] = mails_to(editor)
    assert message.subject == "[Wij(k) de Ruwaard] Te beoordelen: Soep voor de hele straat"
    assert "bewoner1 heeft iets ingestuurd." in message.body
    assert f"{BASE_URL}/admin/pages/{story.pk}/edit/" in message.body
    assert f"{BASE_URL}{reverse('moderation:list')}" in message.body
    assert f'href="{BASE_URL}/admin/pages/{story.pk}/edit/"' in html_of(message)
    assert_our_links(message)


def test_approval_mail_has_the_public_link_and_the_editors_comment(resident, editor, committed):
    story = send_in_story(resident)
    mail.outbox.clear()
    task_state = story.current_workflow_state.current_task_state
    with committed():
        task_state.task.specific.on_action(task_state, editor, "approve", comment="Mooi verhaal!")

    [message] = mails_to(resident)
    story.refresh_from_db()
    assert story.live
    assert message.subject == "[Wij(k) de Ruwaard] Het staat op de site: Soep voor de hele straat"
    assert f"{BASE_URL}{story.url}" in message.body and story.url.startswith("/verhalen/")
    assert "Mooi verhaal!" in message.body and "Mooi verhaal!" in html_of(message)
    assert f'href="{BASE_URL}{story.url}"' in html_of(message)
    assert_our_links(message)
    assert mails_to(editor) == []


def test_send_back_mail_has_the_editors_words_and_the_sites_own_edit_form(resident, editor, committed):
    story = send_in_story(resident)
    mail.outbox.clear()
    with committed():
        reject(story, editor, comment="Wilt u de naam van de school weglaten?")

    [message] = mails_to(resident)
    assert message.subject == "[Wij(k) de Ruwaard] Wilt u nog iets aanpassen? Soep voor de hele straat"
    assert "Wilt u de naam van de school weglaten?" in message.body
    assert "Wilt u de naam van de school weglaten?" in html_of(message)
    edit_url = f"{BASE_URL}{reverse('stories:edit', args=[story.pk])}"
    assert edit_url in message.body and f'href="{edit_url}"' in html_of(message)
    assert "/admin/" not in message.body + html_of(message)
    assert_our_links(message)


def test_a_resent_story_gets_a_new_receipt_and_the_editors_hear_again(resident, editor, committed):
    story = send_in_story(resident)
    reject(story, editor, comment="Zet er de datum bij.")
    mail.outbox.clear()
    draft = story.get_latest_revision_as_object()
    draft.title = "Soep voor de hele straat, op 3 oktober"
    with committed():
        submit_for_review(draft, resident)

    assert [m.subject for m in mails_to(resident)] == ["[Wij(k) de Ruwaard] We hebben het ontvangen: Soep voor de hele straat, op 3 oktober"]
    assert [m.subject for m in mails_to(editor)] == ["[Wij(k) de Ruwaard] Te beoordelen: Soep voor de hele straat, op 3 oktober"]


def test_a_professionals_snippet_mails_link_to_the_admin_they_may_use(professional, editor, organisation, committed):
    with committed():
        change_snippet(professional, organisation, helps_with="Hulp bij geld en post.")
    [receipt] = mails_to(professional)
    assert "organisatie" in receipt.body
    admin_edit = f"{BASE_URL}{reverse('wagtailsnippets_dropins_organisation:edit', args=[organisation.pk])}"
    assert admin_edit in receipt.body
    [to_editor] = mails_to(editor)
    assert admin_edit in to_editor.body

    mail.outbox.clear()
    organisation.refresh_from_db()
    with committed():
        reject(organisation, editor, comment="Zet er ook het telefoonnummer bij.")
    [sent_back] = mails_to(professional)
    assert "Zet er ook het telefoonnummer bij." in sent_back.body and admin_edit in sent_back.body

    change_snippet(professional, organisation, phone="0412 123 456")
    mail.outbox.clear()
    organisation.refresh_from_db()
    with committed():
        approve(organisation, editor)
    [approved] = mails_to(professional)
    assert "Uw wijziging staat nu op de site" in approved.body
    assert_our_links(approved)


def test_a_title_with_a_line_break_does_not_break_the_editors_mail(resident, editor, committed):
    with committed():
        send_in_story(resident, title="Soep\nBcc: iedereen@example.org")

    [message] = mails_to(editor)
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject == "[Wij(k) de Ruwaard] Te beoordelen: Soep Bcc: iedereen@example.org"
    assert message.to == [editor.email] and not message.bcc
    message.message()  # the headers are valid: no BadHeaderError


def test_no_stock_wagtail_notification_is_connected_or_sent(resident, editor, superuser, committed):
    for signal, sender, dispatch_uid, receiver in signals.RECEIVERS:
        connected = [ref() for key, ref, *_ in signal.receivers if key[0] == dispatch_uid]
        assert connected == [receiver]
    assert all(
        "wagtail.admin" not in getattr(ref(), "__module__", "") and "Notifier" not in type(ref()).__name__
        for signal in (task_submitted, workflow_submitted, workflow_approved, workflow_rejected)
        for key, ref, *_ in signal.receivers
        if ref() is not None
    )

    with committed():
        story = send_in_story(resident)
        reject(story, editor, comment="Graag een kortere titel.")
        draft = story.get_latest_revision_as_object()
        draft.title = "Soep"
        submit_for_review(draft, resident)
        approve(story, editor)

    subjects = [message.subject for message in mail.outbox]
    assert all(subject.startswith("[Wij(k) de Ruwaard] ") for subject in subjects), subjects
    assert mails_to(superuser) == []
    assert len(mails_to(resident)) == 4  # receipt, sent back, receipt, approved


def test_an_editor_who_chose_the_daily_digest_gets_no_mail_at_once(resident, editor, committed):
    EditorPreference.objects.create(user=editor, frequency=EditorPreference.DAILY)
    other = make_user("redacteur2", EDITORS_GROUP)
    with committed():
        send_in_story(resident)

    assert mails_to(editor) == []
    assert len(mails_to(other)) == 1


def test_wagtails_own_switch_turns_the_editors_mail_off(resident, editor, committed):
    UserProfile.objects.update_or_create(user=editor, defaults={"submitted_notifications": False})
    with committed():
        send_in_story(resident)

    assert mails_to(editor) == []


def test_links_follow_base_url(settings, resident, editor, committed):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    with committed():
        story = send_in_story(resident)
        reject(story, editor, comment="Graag een foto erbij.")

    for message in mail.outbox:
        found = [link for link in links(message) if "w3.org" not in link]
        assert found and all(link.startswith("http://127.0.0.1:8123") for link in found), found
