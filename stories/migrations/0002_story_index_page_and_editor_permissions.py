"""
/verhalen/ after `migrate` alone: the StoryIndexPage under the home page, and
the resident editors' permissions on reports ("Meld dit") in the admin.

The index page is added with a manual treebeard path after the home page's
current last child, as other apps add their own section pages concurrently.
"""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
INTRO = (
    "<p>Verhalen van bewoners over wat er gebeurt in de Ruwaard. De bewonersredactie van het "
    "wijkmagazine Rucreant leest elk verhaal voordat het hier komt.</p>"
)


def next_step(last_path):
    number = int(last_path[-STEPLEN:], 36) + 1 if last_path else 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    StoryIndexPage = apps.get_model("stories.StoryIndexPage")

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is not None and not StoryIndexPage.objects.exists():
        last_child = Page.objects.filter(path__startswith=home.path, depth=3).order_by("-path").first()
        now = timezone.now()
        StoryIndexPage.objects.create(
            title="Verhalen",
            draft_title="Verhalen",
            seo_title="Verhalen uit de Ruwaard",
            slug="verhalen",
            content_type=ContentType.objects.get_or_create(app_label="stories", model="storyindexpage")[0],
            path=home.path + next_step(last_child.path if last_child else ""),
            depth=3,
            numchild=0,
            url_path=home.url_path + "verhalen/",
            locale_id=home.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            first_published_at=now,
            last_published_at=now,
            intro=INTRO,
        )
        Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=3).count())

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
