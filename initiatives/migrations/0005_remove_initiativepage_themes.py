from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_initiative_themes_as_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="initiativepage", name="themes"),
    ]
