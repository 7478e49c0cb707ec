"""
The agenda page at /agenda/, so the URL works after `migrate` alone.

Added with a manual treebeard path after the home page's last child, computed
at run time because other apps add their section pages in parallel.
"""

import uuid

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

INTRO = "Alles wat er gebeurt in de Ruwaard: wat bewoners doen, wat organisaties doen, en waar hulp nodig is."


def next_step(step):
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEPLEN):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    AgendaPage = apps.get_model("agenda.AgendaPage")

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or AgendaPage.objects.exists():
        return
    if Page.objects.filter(depth=3, path__startswith=home.path, slug="agenda").exists():
        return
    last_child = Page.objects.filter(path__startswith=home.path, depth=3).order_by("-path").first()
    step = next_step(last_child.path[-STEPLEN:]) if last_child else "0001"
    AgendaPage.objects.create(
        title="Agenda",
        draft_title="Agenda",
        seo_title="Agenda van de Ruwaard",
        slug="agenda",
        content_type=ContentType.objects.get_or_create(app_label="agenda", model="agendapage")[0],
        path=home.path + step,
        depth=3,
        numchild=0,
        url_path=home.url_path + "agenda/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        intro=INTRO,
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=3).count())


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("home", "0002_site_structure_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
