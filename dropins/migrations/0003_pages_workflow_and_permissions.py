"""
So that `migrate` alone gives working /inloop/ and /wie-doet-wat/ pages:

- the DropInIndexPage (slug "inloop") and SocialMapPage (slug "wie-doet-wat")
  under the home page, added by hand as home/0002 does, after whatever
  children other apps' migrations added before;
- places and organisations go through the resident editors' workflow;
- professionals may propose changes to places and to their own organisation
  (the admin limits them to their own); only the resident editors publish.
"""

import uuid

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
WORKFLOW_NAME = "Goedkeuring door de bewonersredactie"

PAGES = [
    (
        "dropinindexpage",
        "inloop",
        "Inloopspreekuren",
        "Hier vindt u hulp in de wijk. U kunt gewoon binnenlopen, u hoeft geen afspraak te maken. "
        "Het is gratis.",
    ),
    (
        "socialmappage",
        "wie-doet-wat",
        "Wie doet wat",
        "Wie helpt u met wat? Hier staan de organisaties en de bewonersinitiatieven van de Ruwaard.",
    ),
]


def _next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        number = 1
    else:
        number = int(last.path[-STEPLEN:], 36) + 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    home = Page.objects.filter(depth=2, slug="home").first() or Page.objects.filter(depth=2).order_by("path").first()
    if home is not None:
        for model_name, slug, title, intro in PAGES:
            if Page.objects.filter(path__startswith=home.path, depth=3, slug=slug).exists():
                continue
            model = apps.get_model("dropins", model_name)
            model.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                intro=intro,
                content_type=ContentType.objects.get_or_create(app_label="dropins", model=model_name)[0],
                path=_next_child_path(Page, home),
                depth=3,
                numchild=0,
                url_path=f"{home.url_path}{slug}/",
                locale_id=home.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
            )
            Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=3).count())

    def permission(model_name, action):
        content_type = ContentType.objects.get_or_create(app_label="dropins", model=model_name)[0]
        return Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model_name}",
            defaults={"name": f"Can {action} {model_name}"},
        )[0]

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        for model_name in ("place", "organisation"):
            content_type = ContentType.objects.get_or_create(app_label="dropins", model=model_name)[0]
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})

    grants = {
        "Wijkprofessionals": [("place", "add"), ("place", "change"), ("organisation", "change")],
        "Bewonersredactie": [
            (model_name, action)
            for model_name in ("place", "organisation")
            for action in ("add", "change", "delete", "publish")
        ],
    }
    for group_name, perms in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*[permission(model_name, action) for model_name, action in perms])


class Migration(migrations.Migration):
    dependencies = [
        ("dropins", "0002_schedules_snippets_and_pages"),
        ("home", "0002_site_structure_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
