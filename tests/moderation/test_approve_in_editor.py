"""An editor approves in the page or snippet editor what they saw there, their own changes included."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from moderation.models import EditorApprovalTask
from stories.models import StoryPage
from tests.helpers import approve
from tests.moderation.conftest import admin_form_data, change_snippet, send_in_story
from wijkplatform.moderation import EDITORS_GROUP, WORKFLOW_NAME, submit_for_review

pytestmark = pytest.mark.django_db


def approve_in_editor(client, url, **changes):
    data = admin_form_data(client, url)
    if "body-count" not in data and url.startswith("/admin/pages/"):
        # The StreamField editor is drawn by JavaScript; post the body as it would.
        paragraph = rich_text("<p>Veertien kinderen sneden pompoen.</p>")
        data.update(nested_form_data({"body": streamfield([("paragraph", paragraph)])}))
    data.update(changes)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"})
    return client.post(url, data)


def test_the_editors_workflow_task_is_an_editor_approval_task_with_the_editors_group():
    from wagtail.models import Workflow

    [task] = [workflow_task.task.specific for workflow_task in Workflow.objects.get(name=WORKFLOW_NAME).workflow_tasks.all()]
    assert isinstance(task, EditorApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS_GROUP]


def test_approve_in_the_page_editor_with_a_changed_title_publishes_the_editors_version(client, resident, editor):
    story = send_in_story(resident)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])

    response = approve_in_editor(client, url, title="Soep voor de hele straat in de Ruwaard")

    assert response.status_code == 302
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.title == "Soep voor de hele straat in de Ruwaard"
    assert story.live_revision_id == story.latest_revision_id
    assert story.current_workflow_state is None
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_APPROVED
    approved = state.task_states.get()
    assert approved.status == TaskState.STATUS_APPROVED and approved.revision_id == story.live_revision_id
    assert client.get(story.url).status_code == 200


def test_approve_in_the_page_editor_without_changes_publishes(client, resident, editor):
    story = send_in_story(resident)
    client.force_login(editor)

    approve_in_editor(client, reverse("wagtailadmin_pages:edit", args=[story.pk]))

    story.refresh_from_db()
    assert story.live and story.current_workflow_state is None


def test_a_residents_new_version_is_what_the_editor_sees_and_approves(client, resident, editor):
    story = send_in_story(resident)
    draft = story.get_latest_revision_as_object()
    draft.title = "Soep voor de straat, met foto's"
    submit_for_review(draft, resident)
    client.force_login(editor)

    approve_in_editor(client, reverse("wagtailadmin_pages:edit", args=[story.pk]))

    story.refresh_from_db()
    assert story.live and story.title == "Soep voor de straat, met foto's"


def test_a_residents_change_the_editor_has_not_seen_still_waits(client, resident, editor):
    story = send_in_story(resident)
    task_state = story.current_workflow_state.current_task_state
    seen_by_editor = story.latest_revision_id
    # The resident changes the story after the editor opened it, then the editor approves the version they saw.
    draft = story.get_latest_revision_as_object()
    draft.title = "Soep, en de naam van de school"
    submit_for_review(draft, resident)

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_CANCELLED and task_state.revision_id == seen_by_editor
    story.refresh_from_db()
    waiting = story.current_workflow_state.current_task_state
    assert waiting.status == TaskState.STATUS_IN_PROGRESS and waiting.revision_id == story.latest_revision_id
    assert not story.live


def test_approving_an_older_version_from_a_list_leaves_a_residents_unseen_change_waiting(resident, editor):
    story = send_in_story(resident)
    task_state = story.current_workflow_state.current_task_state
    # A newer revision by someone who may not approve (as if saved without resubmitting).
    draft = story.get_latest_revision_as_object()
    draft.title = "Soep, en de naam van de school"
    draft.save_revision(user=resident)

    task_state.task.specific.on_action(task_state, editor, "approve")

    story.refresh_from_db()
    assert not story.live
    waiting = story.current_workflow_state.current_task_state
    assert waiting.status == TaskState.STATUS_IN_PROGRESS and waiting.revision_id == story.latest_revision_id


def test_another_editors_saved_draft_counts_as_seen_by_the_editors(resident, editor):
    from tests.helpers import make_user

    colleague = make_user("redacteur2", EDITORS_GROUP)
    story = send_in_story(resident)
    draft = story.get_latest_revision_as_object()
    draft.title = "Soep voor de hele straat (verbeterd)"
    draft.save_revision(user=colleague)

    approve(story, editor)

    assert story.live and story.title == "Soep voor de hele straat (verbeterd)"


def test_approve_in_the_snippet_editor_publishes_the_editors_version(client, professional, editor, organisation):
    change_snippet(professional, organisation, helps_with="Hulp bij geld en post.")
    client.force_login(editor)
    url = reverse("wagtailsnippets_dropins_organisation:edit", args=[organisation.pk])

    response = approve_in_editor(client, url, helps_with="Hulp bij geld, post en formulieren.")

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.helps_with == "Hulp bij geld, post en formulieren."
    assert organisation.live_revision_id == organisation.latest_revision_id
    assert organisation.current_workflow_state is None


def test_the_send_back_form_asks_for_the_editors_words():
    task = EditorApprovalTask.objects.get()
    form = task.get_form_for_action("reject")({"comment": ""})
    assert not form.is_valid() and "comment" in form.errors
    assert task.get_form_for_action("approve")({"comment": ""}).is_valid()


def test_approve_in_the_place_editor_publishes_the_editors_version(client, professional, editor):
    from places.models import Place

    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss")
    place.save_revision().publish()
    change_snippet(professional, Place.objects.get(pk=place.pk), opening_notes="Elke dag open.")
    client.force_login(editor)
    url = reverse("wagtailsnippets_places_place:edit", args=[place.pk])

    approve_in_editor(client, url, opening_notes="Elke dag open, ook op zondag.")

    place.refresh_from_db()
    assert place.opening_notes == "Elke dag open, ook op zondag."
    assert place.current_workflow_state is None
