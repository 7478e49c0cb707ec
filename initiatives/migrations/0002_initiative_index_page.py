"""Create /initiatieven/ under the home page, so the section exists after `migrate` alone."""

import uuid

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_step(step):
    value = 0
    for char in step:
        value = value * len(ALPHABET) + ALPHABET.index(char)
    value += 1
    digits = ""
    for _position in range(STEPLEN):
        value, remainder = divmod(value, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    InitiativeIndexPage = apps.get_model("initiatives.InitiativeIndexPage")

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or InitiativeIndexPage.objects.exists():
        return
    last = Page.objects.filter(path__startswith=home.path, depth=3).order_by("-path").first()
    step = next_step(last.path[-STEPLEN:]) if last else "0001"
    InitiativeIndexPage.objects.create(
        title="Initiatieven",
        draft_title="Initiatieven",
        seo_title="Initiatieven van bewoners in de Ruwaard",
        slug="initiatieven",
        intro="Bewoners zetten zich in voor de wijk. Kijk wat er gebeurt, steun een initiatief, of help een paar uur mee.",
        content_type=ContentType.objects.get_or_create(app_label="initiatives", model="initiativeindexpage")[0],
        path=home.path + step,
        depth=3,
        numchild=0,
        url_path=f"{home.url_path}initiatieven/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=3).count())


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("home", "0002_site_structure_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
