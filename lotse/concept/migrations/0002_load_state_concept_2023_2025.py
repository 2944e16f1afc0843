"""Ship the Landeskonzept Frühe Hilfen MV 2023–2025 as data."""

from django.db import migrations


def load(apps, schema_editor):
    from lotse.concept.editions import FIRST_EDITION_FILE, EditionModels, load_edition, read_edition_file

    models = EditionModels(
        StateConcept=apps.get_model("concept", "StateConcept"),
        FundingArea=apps.get_model("concept", "FundingArea"),
        StateConceptItem=apps.get_model("concept", "StateConceptItem"),
    )
    load_edition(read_edition_file(FIRST_EDITION_FILE), models)


def unload(apps, schema_editor):
    apps.get_model("concept", "StateConcept").objects.filter(code="2023-2025").delete()


class Migration(migrations.Migration):
    dependencies = [("concept", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
