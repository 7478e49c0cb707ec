"""
Adding a wijk to the installation (see wijkplatform/wijken.py for why a wijk is a Wagtail Site).

`add_wijk` makes the wijk's home page with its sections, its Site, its resident editors and their workflow:

- the group "Bewonersredactie <wijk>" gets the model and collection permissions of Ruwaard's `Bewonersredactie`
  and the editors' page permissions on the wijk's home page only; the wijk's workflow, on that page, has one
  `EditorApprovalTask` of that group. Editors of one wijk so never see, edit, approve or publish another wijk's
  pages. With a second wijk, Ruwaard's editors' page permissions move from the tree root to Ruwaard's home page.
- Organisations and places serve all of Oss: their changes go to a workflow of their own whose task belongs to
  the editors of every wijk (any of them may decide). Residents and professionals keep their rights everywhere.

Idempotent: run again, it repairs what is missing and changes nothing else.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from agenda.models import AgendaPage
from dropins.models import DropInIndexPage, SocialMapPage
from home.models import HomePage, PrivacyPage
from initiatives.models import InitiativeIndexPage
from moderation.models import EditorApprovalTask
from stories.models import StoryIndexPage
from wijkplatform.moderation import EDITORS_GROUP, WORKFLOW_NAME

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
TOWN_WIDE_WORKFLOW = "Goedkeuring organisaties en plekken (heel Oss)"
TOWN_WIDE_TASK = "Goedkeuring door een bewonersredactie van Oss"


def sections(name):
    """(page model, slug, title, SEO title, in the menu) of a new wijk's sections, as Ruwaard has them."""
    return [
        (AgendaPage, "agenda", "Agenda", f"Agenda van {name}", True),
        (StoryIndexPage, "verhalen", "Verhalen", f"Verhalen uit {name}", True),
        (InitiativeIndexPage, "initiatieven", "Initiatieven", "", True),
        (DropInIndexPage, "inloop", "Inloopspreekuren", "", True),
        (SocialMapPage, "wie-doet-wat", "Wie doet wat", "", True),
        (PrivacyPage, "privacy", "Privacy", "Privacyverklaring", False),
    ]


def editors_group_name(name):
    return f"{EDITORS_GROUP} {name}"


@transaction.atomic
def add_wijk(name, hostname, port=80, *, intro=""):
    """The wijk `name` at `hostname`:`port`: its Site, home page and sections, editors group and workflow."""
    site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
    if site is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=f"Wij(k) {name}", slug=slugify(name), intro=intro, seo_title=f"Wij(k) {name}")
        )
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=f"Wij(k) {name}")
    home = site.root_page
    for model, slug, title, seo_title, in_menu in sections(name):
        if not home.get_children().filter(slug=slug).exists():
            home.add_child(instance=model(title=title, slug=slug, seo_title=seo_title, show_in_menus=in_menu))
    group = _editors(name, home)
    _workflow(name, home, group)
    _town_wide_snippets(group)
    return site


def _editors(name, home):
    ruwaard = Group.objects.get(name=EDITORS_GROUP)
    group, _created = Group.objects.get_or_create(name=editors_group_name(name))
    group.permissions.add(*ruwaard.permissions.all())
    for grant in GroupCollectionPermission.objects.filter(group=ruwaard):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=grant.collection, permission=grant.permission)
    # Ruwaard's editors keep their rights on Ruwaard only.
    default_home = Site.objects.get(is_default_site=True).root_page
    for grant in GroupPagePermission.objects.filter(group=ruwaard, page__depth=1):
        GroupPagePermission.objects.get_or_create(group=ruwaard, page=default_home, permission=grant.permission)
        grant.delete()
    for grant in GroupPagePermission.objects.filter(group=ruwaard, page=default_home):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=grant.permission)
    return group


def _workflow(name, home, group):
    task, _created = EditorApprovalTask.objects.get_or_create(name=f"Goedkeuring bewonersredactie {name}")
    task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=f"{WORKFLOW_NAME} {name}", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def _town_wide_snippets(group):
    """Organisations and places (all snippets under Ruwaard's workflow) go to every wijk's editors."""
    task, _created = EditorApprovalTask.objects.get_or_create(name=TOWN_WIDE_TASK)
    task.groups.add(Group.objects.get(name=EDITORS_GROUP), group)
    workflow, _created = Workflow.objects.get_or_create(name=TOWN_WIDE_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.filter(workflow__name=WORKFLOW_NAME).update(workflow=workflow)
