"""Ship the default allocation key (an assumption, docs/domain.md §8): the Bundesinitiative's
thirds — population (as the Königsteiner Schlüssel's stand-in), children under 3,
children under 3 in SGB II households — applied to the districts; no base amount."""

from django.db import migrations

NAME = "Drittelschlüssel nach Bundesinitiative (Annahme)"


def create(apps, schema_editor):
    AllocationKey = apps.get_model("funding", "AllocationKey")
    AllocationComponent = apps.get_model("funding", "AllocationComponent")
    key, created = AllocationKey.objects.get_or_create(
        name=NAME,
        defaults={
            "description": (
                "Annahme: Wie die Bundesinitiative Frühe Hilfen das Geld unter den Ländern "
                "verteilte, je ein Drittel nach Einwohnerzahl (statt Königsteiner Schlüssel), "
                "Kindern unter 3 Jahren und Kindern unter 3 Jahren in SGB-II-"
                "Bedarfsgemeinschaften. Die tatsächliche Regel des Landes ist nicht öffentlich."
            ),
            "is_assumption": True,
        },
    )
    if created:
        for position, (kind, year) in enumerate(
            (("population", 2022), ("children_under_3", 2021), ("sgb2_children_under_3", 2021))
        ):
            AllocationComponent.objects.create(
                key=key, kind=kind, weight=1, statistics_year=year, position=position
            )


def remove(apps, schema_editor):
    apps.get_model("funding", "AllocationKey").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
