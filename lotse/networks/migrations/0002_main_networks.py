"""Every district has its Netzwerk Frühe Hilfen from the start."""

import secrets

from django.db import migrations


def create_main_networks(apps, schema_editor):
    District = apps.get_model("regions", "District")
    Network = apps.get_model("networks", "Network")
    for district in District.objects.all():
        Network.objects.get_or_create(
            district=district,
            parent=None,
            defaults={
                "name": f"Netzwerk Frühe Hilfen {district.name}",
                "calendar_token": secrets.token_urlsafe(24),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial"), ("regions", "0002_load_reference_data")]

    operations = [migrations.RunPython(create_main_networks, migrations.RunPython.noop)]
