"""
A story's main photo description moves from the shared image to the story (`main_image_alt`), so a change to
it is part of the story's next revision and waits for the editors. Existing stories and their revisions get
the description their image has now, so pages, drafts and pending changes keep their alt text.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Substr, Trim

MAX_LENGTH = 250


def copy_image_descriptions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Image = apps.get_model("wagtailimages.Image")
    Revision = apps.get_model("wagtailcore.Revision")
    StoryPage = apps.get_model("stories.StoryPage")

    descriptions = {
        pk: (description or "").strip()[:MAX_LENGTH] for pk, description in Image.objects.values_list("pk", "description")
    }
    description = Image.objects.filter(pk=OuterRef("main_image_id")).values("description")
    StoryPage.objects.filter(main_image__isnull=False).update(
        main_image_alt=Coalesce(Substr(Trim(Subquery(description)), 1, MAX_LENGTH), Value(""))
    )

    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is None:
        return
    for revision in Revision.objects.filter(content_type=story_type).iterator():
        content = revision.content or {}
        if "main_image_alt" in content:
            continue
        content["main_image_alt"] = descriptions.get(content.get("main_image"), "")
        Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_story_index_page_and_editor_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="storypage",
            name="main_image_alt",
            field=models.CharField(
                blank=True,
                help_text="Voor wie de foto niet kan zien. Leeg: de beschrijving van de foto zelf.",
                max_length=MAX_LENGTH,
                verbose_name="wat staat er op de hoofdfoto?",
            ),
        ),
        migrations.AlterField(
            model_name="storypage",
            name="main_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
                verbose_name="hoofdfoto",
            ),
        ),
        migrations.RunPython(copy_image_descriptions, migrations.RunPython.noop),
    ]
