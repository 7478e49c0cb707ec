"""Roles and moderation exist after `migrate` alone, and only resident editors publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, PagePermissionTester, Workflow, WorkflowPage, get_page_models

from home.models import ContentPage
from tests.helpers import approve, make_user, reject
from wijkplatform.moderation import (
    EDITORS_GROUP,
    PROFESSIONALS_GROUP,
    RESIDENTS_GROUP,
    WORKFLOW_NAME,
    contribution_status,
    submit_for_review,
)

pytestmark = pytest.mark.django_db

ROLES = {
    # group: may create and submit, may publish/unpublish/approve
    RESIDENTS_GROUP: (True, False),
    PROFESSIONALS_GROUP: (True, False),
    EDITORS_GROUP: (True, True),
}
PAGE_MODELS = [model for model in get_page_models() if model is not Page]


def make_draft(author, home, title="Koffieochtend"):
    page = ContentPage(title=title, body="<p>Iedereen is welkom.</p>")
    submit_for_review(page, author, parent=home)
    return Page.objects.get(pk=page.pk).specific


def test_groups_and_the_one_workflow_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) == {RESIDENTS_GROUP, PROFESSIONALS_GROUP, EDITORS_GROUP}
    workflow = Workflow.objects.get(active=True)
    assert workflow.name == WORKFLOW_NAME
    [task] = [wt.task.specific for wt in workflow.workflow_tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert WorkflowPage.objects.get(workflow=workflow).page.depth == 1  # the root: the whole tree


def test_default_moderators_workflow_is_no_way_around_the_editors():
    assert not Workflow.objects.filter(active=True).exclude(name=WORKFLOW_NAME).exists()
    assert WorkflowPage.objects.count() == 1
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
    assert set(publishers.values_list("group__name", flat=True)) == {EDITORS_GROUP}


@pytest.mark.parametrize("group", ROLES)
@pytest.mark.parametrize("page_model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_permission_matrix_per_page_type(group, page_model, home):
    may_create, may_publish = ROLES[group]
    user = make_user(f"user-{group.lower()}", group)
    parents = [page for page in Page.objects.exclude(depth=1).specific() if page_model.can_create_at(page)]
    for parent in parents:
        assert PagePermissionTester(user, parent).can_add_subpage() is may_create

    unsent = ContentPage(title="Nog niet verstuurd", body="<p>Tekst</p>", live=False, owner=user)
    home.add_child(instance=unsent)
    assert PagePermissionTester(user, unsent).can_submit_for_moderation() is may_create

    own_draft = make_draft(user, home)
    tester = PagePermissionTester(user, own_draft)
    assert tester.can_publish() is may_publish
    assert PagePermissionTester(user, home).can_unpublish() is may_publish
    task = own_draft.current_workflow_state.current_task_state.task.specific
    assert bool(task.get_actions(own_draft, user)) is may_publish

    for existing in page_model.objects.all():
        existing_tester = PagePermissionTester(user, existing)
        assert existing_tester.can_publish() is may_publish
        assert existing_tester.can_unpublish() is (may_publish and existing.live)


def test_residents_and_professionals_cannot_edit_someone_elses_page(resident, professional, home):
    draft = make_draft(resident, home)
    assert PagePermissionTester(resident, draft).can_edit() is True
    assert PagePermissionTester(professional, draft).can_edit() is False


def test_professionals_draft_goes_live_only_after_an_editor_approves(professional, editor, home):
    draft = make_draft(professional, home, title="Inloop schuldhulp")
    assert not draft.live
    assert contribution_status(draft).code == "in_review"
    assert PagePermissionTester(professional, draft).can_publish() is False
    approve(draft, editor)
    assert draft.live
    assert contribution_status(draft).code == "published"


def test_rejected_page_shows_the_comment_and_can_be_sent_again(resident, editor, home):
    draft = make_draft(resident, home)
    reject(draft, editor, comment="Zet er ook de tijd bij.")
    status = contribution_status(draft)
    assert status.code == "needs_changes"
    assert status.comment == "Zet er ook de tijd bij."
    draft.title = "Koffieochtend om 10 uur"
    submit_for_review(draft, resident)
    draft.refresh_from_db()
    assert contribution_status(draft).code == "in_review"
    approve(draft, editor)
    assert draft.live and draft.title == "Koffieochtend om 10 uur"


def test_editors_are_emailed_when_something_is_sent_in(resident, editor, home, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_draft(resident, home)
    assert any(editor.email in message.to for message in mailoutbox)
