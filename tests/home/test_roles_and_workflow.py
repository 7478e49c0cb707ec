"""Roles and moderation exist after `migrate` alone, and only resident editors publish."""

from datetime import date, time

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, PagePermissionTester, Workflow, WorkflowPage, get_page_models
from wagtail.rich_text import RichText

from agenda.models import ActivityPage
from dropins.models import DropInPage
from home.models import ContentPage, HomePage
from initiatives.models import CONNECTORS_GROUP, InitiativePage
from places.models import Place
from stories.models import MagazineIssuePage, StoryPage
from tests.helpers import approve, make_user, reject
from wijkplatform.moderation import (
    EDITORS_GROUP,
    PROFESSIONALS_GROUP,
    RESIDENTS_GROUP,
    WORKFLOW_NAME,
    contribution_status,
    submit_for_review,
)
from wijkplatform.themes import Theme

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
    assert set(Group.objects.values_list("name", flat=True)) == {
        RESIDENTS_GROUP, PROFESSIONALS_GROUP, EDITORS_GROUP, CONNECTORS_GROUP
    }
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


def new_page(model, title, **kwargs):
    """An unsaved page of `model` with the fields it needs; a new page type fails here until it is added."""
    if model is DropInPage:
        organisation = model._meta.get_field("organisation").related_model.objects.create(
            name=f"Organisatie {title}", helps_with="Hulp bij geld."
        )
        place = Place.objects.create(name=f"Plek {title}", address="Wijkplein 1, Oss")
    fields = {
        ContentPage: lambda: {"body": "<p>Iedereen is welkom.</p>"},
        StoryPage: lambda: {"author_name": "Ans", "body": [("paragraph", RichText("<p>Soep voor de straat.</p>"))]},
        MagazineIssuePage: lambda: {"issue_number": 100 + MagazineIssuePage.objects.count()},
        InitiativePage: lambda: {"aim": "Samen repareren", "description": "Elke maand.", "organiser_name": "Ans"},
        DropInPage: lambda: {
            "organisation": organisation,
            "place": place,
            "theme": Theme.MONEY,
            "weekday": 1,
            "starts_on": date(2026, 1, 1),
            "start_time": time(9, 30),
            "end_time": time(11, 30),
            "intro": "Vragen over geld? Loop binnen.",
        },
        ActivityPage: lambda: {
            "date": date(2026, 5, 1), "start_time": time(10), "description": "Koffie.", "organiser": "Ons Huis"
        },
    }[model]()
    return model(title=title, **fields, **kwargs)


def real_parent(page_model):
    """The one page of the first type `page_model` may be created under (the root for the home page)."""
    parent_model = page_model.allowed_parent_page_models()[0]
    return Page.objects.get(depth=1) if parent_model is Page else parent_model.objects.get()


@pytest.mark.parametrize("group", ROLES)
@pytest.mark.parametrize("page_model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_permission_matrix_per_page_type(group, page_model, editor):
    may_create, may_publish = ROLES[group]
    user = make_user(f"user-{group.lower()}", group)
    parent = real_parent(page_model)
    # Under the root (a new site) only the technical admin adds pages.
    assert PagePermissionTester(user, parent).can_add_subpage() is (may_create and not parent.is_root())

    one_per_wijk = page_model is HomePage or page_model.max_count_per_parent == 1
    if one_per_wijk:
        live = page_model.objects.get()  # made by a migration; a second one in the wijk cannot be made
        assert not page_model.can_create_at(parent)
    else:
        live = new_page(page_model, "Al gepubliceerd", owner=editor)
        parent.add_child(instance=live)
        assert live.live and page_model.can_create_at(parent)
    tester = PagePermissionTester(user, live)
    assert tester.can_edit() is may_publish
    assert tester.can_publish() is may_publish
    assert tester.can_unpublish() is may_publish
    assert tester.can_delete() is may_publish
    if one_per_wijk:
        return

    own = new_page(page_model, "Nog niet verstuurd", live=False, owner=user)
    parent.add_child(instance=own)
    tester = PagePermissionTester(user, own)
    assert tester.can_edit() and tester.can_delete()
    assert tester.can_submit_for_moderation() is may_create
    submit_for_review(own, user)
    own = Page.objects.get(pk=own.pk).specific
    assert PagePermissionTester(user, own).can_publish() is may_publish
    task = own.current_workflow_state.current_task_state.task.specific
    assert bool(task.get_actions(own, user)) is may_publish
    approve(own, editor)
    assert own.live and not own.has_unpublished_changes


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
