"""
An initiative's themes become rows (InitiativeTheme) instead of a JSON list, so filtering on a theme is one
query that works the same on SQLite and PostgreSQL. The lists are copied into rows, and the themes in saved
revisions (drafts waiting for the editors, history) are rewritten to the rows' form so they still load.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

THEMES = [
    ("geld", "Geld en schulden"),
    ("werk", "Werk en inkomen"),
    ("zorg", "Zorg en hulp thuis"),
    ("bewegen", "Bewegen en sport"),
    ("gezondheid", "Gezondheid"),
    ("opvoeden", "Opvoeden en gezin"),
    ("wonen", "Wonen"),
    ("ontmoeten", "Ontmoeten"),
    ("taal", "Taal en lezen"),
    ("eten", "Koken en eten"),
    ("buurt", "Groen en schoon in de buurt"),
    ("veiligheid", "Veiligheid"),
    ("cultuur", "Kunst en cultuur"),
]
VALUES = {value for value, _label in THEMES}


def known(values):
    """The valid theme values of a stored list, once each, in their order."""
    return [value for value in dict.fromkeys(values or ()) if isinstance(value, str) and value in VALUES]


def page_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="initiatives", model="initiativepage").first()
    return Revision.objects.filter(content_type=content_type) if content_type else Revision.objects.none()


def lists_to_rows(apps, schema_editor):
    InitiativePage = apps.get_model("initiatives", "InitiativePage")
    InitiativeTheme = apps.get_model("initiatives", "InitiativeTheme")
    InitiativeTheme.objects.bulk_create(
        InitiativeTheme(initiative_id=pk, theme=value)
        for pk, themes in InitiativePage.objects.values_list("pk", "themes")
        for value in known(themes)
    )
    for revision in page_revisions(apps).iterator():
        themes = revision.content.get("themes")
        if isinstance(themes, list) and all(isinstance(value, str) for value in themes):
            initiative = int(revision.object_id)
            revision.content["themes"] = [
                {"pk": None, "initiative": initiative, "theme": value} for value in known(themes)
            ]
            revision.save(update_fields=["content"])


def rows_to_lists(apps, schema_editor):
    InitiativePage = apps.get_model("initiatives", "InitiativePage")
    InitiativeTheme = apps.get_model("initiatives", "InitiativeTheme")
    lists = {}
    for initiative_id, value in InitiativeTheme.objects.order_by("pk").values_list("initiative_id", "theme"):
        lists.setdefault(initiative_id, []).append(value)
    for page in InitiativePage.objects.filter(pk__in=lists):
        page.themes = lists[page.pk]
        page.save(update_fields=["themes"])
    for revision in page_revisions(apps).iterator():
        themes = revision.content.get("themes")
        if isinstance(themes, list) and all(isinstance(row, dict) for row in themes):
            revision.content["themes"] = known(row.get("theme") for row in themes)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatives", "0003_organiser_changes_and_hiding"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="InitiativeTheme",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("theme", models.CharField(choices=THEMES, max_length=20, verbose_name="thema")),
                (
                    "initiative",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="themes",
                        to="initiatives.initiativepage",
                    ),
                ),
            ],
            options={"verbose_name": "thema van een initiatief", "ordering": ["pk"]},
        ),
        migrations.AddConstraint(
            model_name="initiativetheme",
            constraint=models.UniqueConstraint(fields=("initiative", "theme"), name="initiative_theme_once"),
        ),
        migrations.RunPython(lists_to_rows, rows_to_lists),
    ]
