from django.db import migrations

from lotse.offers.helplines import load_helplines


def load(apps, schema_editor):
    load_helplines(apps.get_model("offers", "Helpline"))


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0023_contact_points_and_helplines"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
