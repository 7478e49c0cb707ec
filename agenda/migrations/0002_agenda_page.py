"""
The agenda page at /agenda/, so the URL works after `migrate` alone.

Added after the home page's last child, whichever app's migration came first.
"""

from django.db import migrations

from wijkplatform.section_pages import add_section_page

INTRO = "Alles wat er gebeurt in de Ruwaard: wat bewoners doen, wat organisaties doen, en waar hulp nodig is."


def forwards(apps, schema_editor):
    add_section_page(apps, "agenda", "AgendaPage", slug="agenda", title="Agenda", seo_title="Agenda van de Ruwaard", intro=INTRO)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("home", "0002_site_structure_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
