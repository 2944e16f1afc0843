"""Load the districts, municipalities, postcodes and place names of MV (reference data)."""

from django.db import migrations


def load(apps, schema_editor):
    from lotse.regions.reference_data import load_reference_data

    load_reference_data(
        District=apps.get_model("regions", "District"),
        Municipality=apps.get_model("regions", "Municipality"),
        Postcode=apps.get_model("regions", "Postcode"),
        Place=apps.get_model("regions", "Place"),
        Statistic=apps.get_model("regions", "Statistic"),
    )


def unload(apps, schema_editor):
    for name in ("Statistic", "Place", "Postcode", "Municipality", "District"):
        apps.get_model("regions", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
