""""Te beoordelen" in the admin: every waiting page and snippet, decided in one click by those who may."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from moderation.models import EditorPreference
from stories.models import StoryPage
from tests.helpers import make_user
from tests.moderation.conftest import change_snippet, send_in_story
from wijkplatform.moderation import PROFESSIONALS_GROUP, contribution_status

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/te-beoordelen/"


def decide_url(task_state):
    return reverse("moderation:decide", args=[task_state.pk])


def waiting_task_state(obj):
    obj.refresh_from_db()
    return obj.current_workflow_state.current_task_state


def test_the_list_has_its_dutch_address():
    assert reverse("moderation:list") == LIST_URL


def test_the_editor_sees_every_waiting_page_and_snippet_with_who_and_how_long(client, resident, professional, editor, organisation):
    story = send_in_story(resident)
    change_snippet(professional, organisation, helps_with="Hulp bij geld en post.")
    client.force_login(editor)

    response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-moderation-item=") == 2
    assert "Soep voor de hele straat" in html and "Schuldhulp Maasland" in html
    assert "Verhaal" in html and "Organisatie" in html
    assert "bewoner1" in html and "professional1" in html
    assert "<time datetime=" in html
    assert reverse("wagtailadmin_pages:workflow_preview", args=[story.pk, waiting_task_state(story).task_id]) in html
    assert reverse("wagtailadmin_pages:edit", args=[story.pk]) in html
    assert "Vergelijk met wat nu op de site staat" in html  # the organisation is live, its change waits
    assert html.count('name="csrfmiddlewaretoken"') >= 2
    assert html.count('value="approve"') == 2 and html.count('value="reject"') == 2


def test_the_list_and_its_menu_item_are_for_editors_only(client, resident, professional, editor, superuser):
    send_in_story(resident)
    client.force_login(professional)
    assert client.get(LIST_URL).status_code in (302, 403)
    assert "te-beoordelen" not in client.get("/admin/").content.decode()
    client.force_login(resident)
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/admin/te-beoordelen/" not in response.get("Location", "")[:20]
    for user in (editor, superuser):
        client.force_login(user)
        assert client.get(LIST_URL).status_code == 200
        assert LIST_URL in client.get("/admin/").content.decode()


def test_a_professional_cannot_decide_by_posting(client, resident, professional):
    story = send_in_story(resident)
    client.force_login(professional)

    response = client.post(decide_url(waiting_task_state(story)), {"action": "approve"})

    assert response.status_code in (302, 403)
    story.refresh_from_db()
    assert not story.live


def test_approve_in_one_click_publishes_and_tells_the_writer(client, resident, editor, django_capture_on_commit_callbacks):
    story = send_in_story(resident)
    client.force_login(editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(waiting_task_state(story)), {"action": "approve", "comment": ""}, follow=True)

    story.refresh_from_db()
    assert story.live
    assert "Goedgekeurd." in response.content.decode()
    assert any(message.to == [resident.email] and story.url in message.body for message in mail.outbox)


def test_send_back_in_one_click_carries_the_editors_words_to_the_writer(
    client, resident, editor, django_capture_on_commit_callbacks
):
    story = send_in_story(resident)
    client.force_login(editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(waiting_task_state(story)), {"action": "reject", "comment": "Graag zonder achternamen."})

    story = StoryPage.objects.get(pk=story.pk)
    assert story.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert contribution_status(story).comment == "Graag zonder achternamen."
    [message] = [message for message in mail.outbox if message.to == [resident.email]]
    assert "Graag zonder achternamen." in message.body
    client.force_login(resident)
    assert "Graag zonder achternamen." in client.get(reverse("my_contributions")).content.decode()


def test_send_back_without_a_comment_is_refused_with_a_clear_message(client, resident, editor):
    story = send_in_story(resident)
    client.force_login(editor)
    task_state = waiting_task_state(story)

    response = client.post(decide_url(task_state), {"action": "reject", "comment": "  "})

    assert response.status_code == 400
    assert "Schrijf erbij wat de schrijver moet aanpassen." in response.content.decode()
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("data", [{}, {"action": "publish"}, {"action": "approve", "comment": "x" * 5000}])
def test_bad_input_gets_a_400_not_a_500(client, resident, editor, data):
    story = send_in_story(resident)
    client.force_login(editor)

    assert client.post(decide_url(waiting_task_state(story)), data).status_code == 400
    story.refresh_from_db()
    assert not story.live


def test_deciding_on_something_that_no_longer_waits_changes_nothing(client, resident, editor):
    story = send_in_story(resident)
    task_state = waiting_task_state(story)
    client.force_login(editor)
    client.post(decide_url(task_state), {"action": "reject", "comment": "Graag een foto."})

    response = client.post(decide_url(task_state), {"action": "approve"}, follow=True)

    assert "wacht niet meer" in response.content.decode()
    story.refresh_from_db()
    assert not story.live
    assert client.post(reverse("moderation:decide", args=[999999]), {"action": "approve"}).status_code == 302


def test_deciding_needs_post_and_a_csrf_token(resident, editor):
    story = send_in_story(resident)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    task_state = waiting_task_state(story)

    assert client.get(decide_url(task_state)).status_code == 405
    assert client.post(decide_url(task_state), {"action": "approve"}).status_code == 403
    story.refresh_from_db()
    assert not story.live


def test_the_editor_chooses_the_daily_digest_on_the_account_page(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'name="moderation-frequency"' in html
    assert EditorPreference.frequency_for(editor) == EditorPreference.AT_ONCE

    data = {
        **account_form_data(client),
        "name_email-first_name": "Ria",
        "name_email-last_name": "de Redacteur",
        "moderation-frequency": EditorPreference.DAILY,
    }
    response = client.post(reverse("wagtailadmin_account"), data)

    assert response.status_code == 302
    assert EditorPreference.frequency_for(editor) == EditorPreference.DAILY


def test_professionals_do_not_see_the_editors_mail_choice(client, db):
    professional = make_user("professional2", PROFESSIONALS_GROUP)
    client.force_login(professional)
    assert 'name="moderation-frequency"' not in client.get(reverse("wagtailadmin_account")).content.decode()


def account_form_data(client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    form = soup.find("input", attrs={"name": "moderation-frequency"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file", "password"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            selected = field.find("option", selected=True)
            data[name] = selected.get("value") if selected else ""
        else:
            data[name] = field.get("value", "")
    return data
