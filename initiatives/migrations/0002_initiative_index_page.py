"""Create /initiatieven/ under the home page, so the section exists after `migrate` alone."""

from django.db import migrations

from wijkplatform.section_pages import add_section_page


def forwards(apps, schema_editor):
    add_section_page(
        apps,
        "initiatives",
        "InitiativeIndexPage",
        slug="initiatieven",
        title="Initiatieven",
        seo_title="Initiatieven van bewoners in de Ruwaard",
        intro="Bewoners zetten zich in voor de wijk. Kijk wat er gebeurt, steun een initiatief, of help een paar uur mee.",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("home", "0002_site_structure_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
