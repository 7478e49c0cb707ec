"""Drop-in hours point at places.Place; the model leaves this app's state (its table is places_place now)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_place_in_places_app"),
        ("dropins", "0004_place_table_to_places_app"),
        ("initiatives", "0006_place_in_places_app"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="dropinpage",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="dropins", to="places.place", verbose_name="plek"
            ),
        ),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Place")]),
    ]
