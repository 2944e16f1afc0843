"""Ship a first checklist (Anlage 1) for every stored edition, derived from its chapters."""

from django.db import migrations


def create(apps, schema_editor):
    from lotse.concept.checklist import create_default_checklist

    StateConcept = apps.get_model("concept", "StateConcept")
    for edition in StateConcept.objects.all():
        create_default_checklist(
            edition, apps.get_model("concept", "FundingArea"), apps.get_model("concept", "ChecklistItem")
        )


def remove(apps, schema_editor):
    apps.get_model("concept", "ChecklistItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("concept", "0003_regional_documents")]
    operations = [migrations.RunPython(create, remove)]
