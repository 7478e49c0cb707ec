"""
So that `migrate` alone gives working /inloop/ and /wie-doet-wat/ pages:

- the DropInIndexPage (slug "inloop") and SocialMapPage (slug "wie-doet-wat")
  under the home page (wijkplatform.section_pages);
- places and organisations go through the resident editors' workflow;
- professionals may propose changes to places and to their own organisation
  (the admin limits them to their own); only the resident editors publish.
"""

from django.db import migrations

from wijkplatform.section_pages import add_section_page

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


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    for model_name, slug, title, intro in PAGES:
        add_section_page(apps, "dropins", model_name, slug=slug, title=title, intro=intro)

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
