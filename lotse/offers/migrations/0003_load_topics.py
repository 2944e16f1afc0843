"""The Lotse taxonomy `lotse-themen` as data."""

import csv
from pathlib import Path

from django.db import migrations

TOPICS_FILE = Path(__file__).resolve().parent.parent / "data" / "lotse-themen.csv"


def load(apps, schema_editor):
    Topic = apps.get_model("offers", "Topic")
    with TOPICS_FILE.open(encoding="utf-8") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            Topic.objects.update_or_create(code=row["code"], defaults={"label": row["label"], "position": position})


def unload(apps, schema_editor):
    apps.get_model("offers", "Topic").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_offer_directory")]
    operations = [migrations.RunPython(load, unload)]
