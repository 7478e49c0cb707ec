"""Reporting a story ("Meld dit"): the editors hear of it once per person and can take it offline in one action."""

import pytest
from django.core import mail
from django.urls import reverse

from stories.models import StoryPage, StoryReport
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def report(client, story, reason="kwetsend", explanation="", **request_extra):
    data = {"reason": reason, "explanation": explanation, "website": ""}
    return client.post(reverse("stories:report", args=[story.pk]), data, **request_extra)


def test_every_published_story_has_a_report_form(client, published_story):
    html = client.get(published_story.url).content.decode()
    assert f'action="{reverse("stories:report", args=[published_story.pk])}"' in html
    assert "Meld dit" in html


def test_a_report_is_stored_and_mailed_to_the_editors_with_links(
    client, published_story, editor, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = report(client, published_story, explanation="Er staat een naam in.")
    assert response.status_code == 302 and response["Location"] == published_story.url
    stored = StoryReport.objects.get()
    assert stored.reason == "kwetsend" and stored.explanation == "Er staat een naam in."
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "Samen lopen door de wijk" in message.subject
    assert "http://testserver/admin/meldingen/" in message.body
    assert f"http://testserver/admin/meldingen/{stored.pk}/offline/" in message.body
    assert "Er staat een naam in." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="http://testserver/admin/meldingen/{stored.pk}/offline/"' in html


def test_repeated_reports_by_the_same_person_count_once(
    client, published_story, resident, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(client, published_story)
        report(client, published_story, reason="onjuist")
    assert StoryReport.objects.count() == 1
    assert len(mail.outbox) == 1

    client.force_login(resident)
    report(client, published_story)
    report(client, published_story)
    assert StoryReport.objects.count() == 2
    assert StoryReport.objects.filter(reporter=resident).count() == 1


def test_reports_from_different_addresses_count_separately(client, published_story):
    report(client, published_story, REMOTE_ADDR="10.0.0.1")
    report(client, published_story, REMOTE_ADDR="10.0.0.2")
    assert StoryReport.objects.count() == 2
    assert not StoryReport.objects.filter(reporter_key__contains="10.0.0").exists()


def test_invalid_report_shows_a_dutch_message(client, published_story):
    response = report(client, published_story, reason="")
    assert response.status_code == 400
    assert "Kies wat er mis is." in response.content.decode()
    assert not StoryReport.objects.exists()


def test_unpublished_story_cannot_be_reported(client, story_index):
    from tests.stories.conftest import make_story

    story = make_story(story_index, "Concept", publish=False, image=False)
    assert report(client, story).status_code == 404


def test_report_form_is_rate_limited(client, published_story):
    statuses = [report(client, published_story, reason="").status_code for _ in range(31)]
    assert statuses[-1] in (403, 429)


def test_editor_sees_reports_in_the_admin_and_unpublishes_in_one_action(client, published_story, editor):
    report(client, published_story, explanation="Niet aardig.")
    stored = StoryReport.objects.get()
    client.force_login(editor)
    listing = client.get("/admin/meldingen/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Samen lopen door de wijk" in html and "Niet aardig." in html
    unpublish_url = reverse("stories_reports:unpublish", args=[stored.pk])
    assert unpublish_url in html

    assert client.get(unpublish_url).status_code == 200
    response = client.post(unpublish_url)
    assert response.status_code == 302
    assert not StoryPage.objects.get(pk=published_story.pk).live
    assert StoryReport.objects.get().handled
    client.logout()
    assert client.get("/verhalen/samen-lopen-door-de-wijk/").status_code == 404


def test_residents_cannot_see_reports_or_unpublish(client, published_story, resident):
    report(client, published_story)
    stored = StoryReport.objects.get()
    client.force_login(resident)
    assert client.get("/admin/meldingen/").status_code in (302, 403)
    client.post(reverse("stories_reports:unpublish", args=[stored.pk]))
    assert StoryPage.objects.get(pk=published_story.pk).live


def test_professional_with_admin_access_cannot_unpublish(client, published_story, professional):
    report(client, published_story)
    client.force_login(professional)
    response = client.post(reverse("stories_reports:unpublish", args=[StoryReport.objects.get().pk]))
    assert response.status_code in (302, 403)
    assert StoryPage.objects.get(pk=published_story.pk).live


def test_one_report_per_person_is_a_database_rule(published_story):
    from django.db import IntegrityError, transaction

    StoryReport.objects.create(story=published_story, reason="anders", reporter_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryReport.objects.create(story=published_story, reason="kwetsend", reporter_key="k")


def test_editor_without_email_is_skipped_and_inactive_editors_get_nothing(
    client, published_story, editor, django_capture_on_commit_callbacks
):
    from wijkplatform.moderation import EDITORS_GROUP

    make_user("oud-redacteur", EDITORS_GROUP).__class__.objects.filter(username="oud-redacteur").update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        report(client, published_story)
    assert [message.to for message in mail.outbox] == [[editor.email]]
