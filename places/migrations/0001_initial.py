"""
Places move from the dropins app to their own, with their rows, ids, revisions and permissions:
dropins/0004 renamed the table, this migration takes the model over in Django's state and moves
the content type (and with it the permissions, revisions and workflow of places) to this app.
"""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="dropins", target="places"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="place").exists():
        ContentType.objects.filter(app_label=source, model="place").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="places", target="dropins")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("dropins", "0004_place_table_to_places_app"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Place',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('name', models.CharField(max_length=120, unique=True, verbose_name='naam')),
                        ('address', models.CharField(max_length=200, verbose_name='adres')),
                        ('opening_notes', models.TextField(blank=True, verbose_name='openingstijden en bijzonderheden')),
                        ('wheelchair_access', models.BooleanField(default=False, verbose_name='toegankelijk met rolstoel')),
                        ('hearing_loop', models.BooleanField(default=False, verbose_name='ringleiding')),
                        ('parking', models.BooleanField(default=False, verbose_name='parkeren bij de deur')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                    ],
                    options={
                        'verbose_name': 'plek',
                        'verbose_name_plural': 'plekken',
                        'ordering': ['name'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
