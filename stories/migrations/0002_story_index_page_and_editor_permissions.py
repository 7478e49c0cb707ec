"""
/verhalen/ after `migrate` alone: the StoryIndexPage under the home page, and
the resident editors' permissions on reports ("Meld dit") in the admin.

The index page goes after the home page's last child (wijkplatform.section_pages).
"""

from django.db import migrations

from wijkplatform.section_pages import add_section_page

INTRO = (
    "<p>Verhalen van bewoners over wat er gebeurt in de Ruwaard. De bewonersredactie van het "
    "wijkmagazine Rucreant leest elk verhaal voordat het hier komt.</p>"
)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")

    add_section_page(
        apps, "stories", "StoryIndexPage", slug="verhalen", title="Verhalen", seo_title="Verhalen uit de Ruwaard", intro=INTRO
    )

    report_type = ContentType.objects.get_or_create(app_label="stories", model="storyreport")[0]
    editors = Group.objects.filter(name="Bewonersredactie").first()
    if editors is not None:
        for codename, name in [("view_storyreport", "Can view melding"), ("change_storyreport", "Can change melding")]:
            permission, _ = Permission.objects.get_or_create(content_type=report_type, codename=codename, defaults={"name": name})
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("home", "0002_site_structure_roles_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
