"""Places move to their own app (places/0001): first their table takes that app's name, rows and ids unchanged."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dropins", "0003_pages_workflow_and_permissions"),
    ]

    operations = [
        migrations.AlterModelTable(name="place", table="places_place"),
    ]
