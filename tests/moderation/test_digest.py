"""The daily digest for editors who chose it: everything that waits, and never the same item twice."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from moderation.models import EditorNotification, EditorPreference
from tests.helpers import approve, make_user
from tests.moderation.conftest import send_in_story
from wijkplatform.moderation import EDITORS_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily_editor(db):
    editor = make_user("redacteur-dag", EDITORS_GROUP)
    EditorPreference.objects.create(user=editor, frequency=EditorPreference.DAILY)
    return editor


def run_digest(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_editor_digest", stdout=out)
    return out.getvalue()


def digests_to(user):
    return [message for message in mail.outbox if message.to == [user.email] and "Te beoordelen:" in message.subject]


def test_the_digest_lists_what_waits_once_and_then_only_what_is_new(
    resident, daily_editor, editor, django_capture_on_commit_callbacks
):
    first = send_in_story(resident, "Soep voor de hele straat")
    second = send_in_story(resident, "Een bankje bij de vijver")
    mail.outbox.clear()

    assert "Overzichten verstuurd: 1" in run_digest(django_capture_on_commit_callbacks)
    [digest] = digests_to(daily_editor)
    assert digest.subject == "[Wij(k) de Ruwaard] Te beoordelen: 2 bijdragen"
    for story in (first, second):
        assert story.title in digest.body and f"http://testserver/admin/pages/{story.pk}/edit/" in digest.body
    html, _ = digest.alternatives[0]
    assert f'href="http://testserver/admin/pages/{first.pk}/edit/"' in html
    assert digests_to(editor) == []  # heard at once already

    mail.outbox.clear()
    assert "Overzichten verstuurd: 0" in run_digest(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    third = send_in_story(resident, "Stoptober begint weer")
    approve(second, editor)
    mail.outbox.clear()
    run_digest(django_capture_on_commit_callbacks)
    [digest] = digests_to(daily_editor)
    assert digest.subject == "[Wij(k) de Ruwaard] Te beoordelen: 1 bijdrage"
    assert third.title in digest.body and first.title not in digest.body and second.title not in digest.body


def test_an_item_decided_before_the_digest_is_not_in_it(resident, daily_editor, editor, django_capture_on_commit_callbacks):
    story = send_in_story(resident)
    approve(story, editor)
    mail.outbox.clear()

    run_digest(django_capture_on_commit_callbacks)

    assert digests_to(daily_editor) == []


def test_a_digest_editor_is_never_told_twice_even_when_switching(resident, daily_editor, django_capture_on_commit_callbacks):
    send_in_story(resident)
    run_digest(django_capture_on_commit_callbacks)
    EditorPreference.objects.filter(user=daily_editor).update(frequency=EditorPreference.AT_ONCE)
    EditorPreference.objects.filter(user=daily_editor).update(frequency=EditorPreference.DAILY)
    mail.outbox.clear()

    run_digest(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert EditorNotification.objects.filter(user=daily_editor, in_digest=True).count() == 1


def test_the_digest_is_in_the_editors_language(resident, daily_editor, django_capture_on_commit_callbacks):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=daily_editor, defaults={"preferred_language": "en"})
    send_in_story(resident)
    mail.outbox.clear()

    run_digest(django_capture_on_commit_callbacks)

    [digest] = [message for message in mail.outbox if message.to == [daily_editor.email]]
    assert 'lang="en"' in digest.alternatives[0][0]
