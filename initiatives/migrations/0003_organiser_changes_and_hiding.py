"""
The log of organisers' changes to shifts and activities (OrganiserChange), the editors' hiding of a shift or
activity (`hidden_at`, `hidden_by`), and the permission to review both, given to the Bewonersredactie.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

REVIEW_CODENAME = "review_organiserchange"
REVIEW_NAME = "Kan wijzigingen van organisatoren zien en verbergen"


def grant_review_to_editors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")

    # Permissions are normally made after all migrations; make this one now.
    content_type = ContentType.objects.get_or_create(app_label="initiatives", model="organiserchange")[0]
    permission = Permission.objects.get_or_create(
        content_type=content_type, codename=REVIEW_CODENAME, defaults={"name": REVIEW_NAME}
    )[0]
    editors = Group.objects.filter(name="Bewonersredactie").first()
    if editors is not None:
        editors.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_initiative_index_page'),
        ('home', '0002_site_structure_roles_and_workflow'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='hidden_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='verborgen door de redactie op'),
        ),
        migrations.AddField(
            model_name='activity',
            name='hidden_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='shift',
            name='hidden_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='verborgen door de redactie op'),
        ),
        migrations.AddField(
            model_name='shift',
            name='hidden_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='OrganiserChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('added', 'toegevoegd'), ('changed', 'aangepast'), ('closed', 'aanmelden gesloten'), ('opened', 'aanmelden weer open'), ('cancelled', 'gaat niet door'), ('deleted', 'verwijderd')], max_length=12, verbose_name='soort wijziging')),
                ('subject', models.CharField(max_length=250, verbose_name='wat')),
                ('summary', models.TextField(verbose_name='wat is er veranderd')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='wanneer')),
                ('activity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='organiser_changes', to='initiatives.activity', verbose_name='activiteit')),
                ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organiser_changes', to='initiatives.initiativepage', verbose_name='initiatief')),
                ('shift', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='organiser_changes', to='initiatives.shift', verbose_name='dienst')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
            ],
            options={
                'verbose_name': 'wijziging door een organisator',
                'verbose_name_plural': 'wijzigingen door organisatoren',
                'ordering': ['-created_at', '-pk'],
                'permissions': [('review_organiserchange', 'Kan wijzigingen van organisatoren zien en verbergen')],
                'indexes': [models.Index(fields=['-created_at'], name='organiser_change_newest')],
                'constraints': [models.CheckConstraint(condition=models.Q(('shift__isnull', True), ('activity__isnull', True), _connector='OR'), name='organiser_change_one_object')],
            },
        ),
        migrations.RunPython(grant_review_to_editors, migrations.RunPython.noop),
    ]
