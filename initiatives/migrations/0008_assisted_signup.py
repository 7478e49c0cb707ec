"""
Assisted sign-up: a connector signs up a resident without e-mail by name and phone, with the resident's
consent (who, when, what was explained); and the group Verbinders, the connectors' own role.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CONNECTORS_GROUP = "Verbinders"


def create_connectors_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.get_or_create(name=CONNECTORS_GROUP)


def remove_connectors_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=CONNECTORS_GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0007_signup_language'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='signup',
            name='one_active_signup_per_email_per_shift',
        ),
        migrations.AddField(
            model_name='signup',
            name='assisted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assisted_signups', to=settings.AUTH_USER_MODEL, verbose_name='aangemeld door (verbinder)'),
        ),
        migrations.AddField(
            model_name='signup',
            name='consent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='toestemming gegeven op'),
        ),
        migrations.AddField(
            model_name='signup',
            name='consent_explained',
            field=models.CharField(blank=True, max_length=300, verbose_name='wat is uitgelegd'),
        ),
        migrations.AlterField(
            model_name='signup',
            name='email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='e-mailadres'),
        ),
        migrations.AddConstraint(
            model_name='signup',
            constraint=models.UniqueConstraint(condition=models.Q(('erased_at__isnull', True), ('status__in', ['confirmed', 'waitlisted']), models.Q(('email', ''), _negated=True)), fields=('shift', 'email'), name='one_active_signup_per_email_per_shift'),
        ),
        migrations.AddConstraint(
            model_name='signup',
            constraint=models.UniqueConstraint(condition=models.Q(('email', ''), ('erased_at__isnull', True), ('status__in', ['confirmed', 'waitlisted'])), fields=('shift', 'phone'), name='one_active_assisted_signup_per_phone_per_shift'),
        ),
        migrations.AddConstraint(
            model_name='signup',
            constraint=models.CheckConstraint(condition=models.Q(('erased_at__isnull', False), models.Q(('email', ''), _negated=True), models.Q(models.Q(('phone', ''), _negated=True), ('assisted_by__isnull', False)), _connector='OR'), name='signup_can_be_reached'),
        ),
        migrations.AddConstraint(
            model_name='signup',
            constraint=models.CheckConstraint(condition=models.Q(('assisted_by__isnull', True), models.Q(('consent_at__isnull', False), models.Q(('consent_explained', ''), _negated=True)), _connector='OR'), name='assisted_signup_has_consent'),
        ),
        migrations.RunPython(create_connectors_group, remove_connectors_group),
    ]
