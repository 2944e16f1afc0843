# A sub-network's written linking measures (FB-I-E3) become agreements of their own kind,
# edited, reviewed and retired like quality standards, instead of a free text on the network.

from django.db import migrations, models


def text_to_agreements(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    QualityStandard = apps.get_model("networks", "QualityStandard")
    for network in Network.objects.exclude(linking_measures="").order_by("pk"):
        if not network.linking_measures.strip():
            continue
        QualityStandard.objects.create(
            network=network,
            kind="linking_measure",
            title="Verbindende Maßnahmen",
            text=network.linking_measures.strip(),
            adopted_on=network.created_at.date(),
        )


def agreements_to_text(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    QualityStandard = apps.get_model("networks", "QualityStandard")
    measures = QualityStandard.objects.filter(kind="linking_measure", retired_on__isnull=True)
    for network in Network.objects.filter(pk__in=measures.values("network_id")):
        texts = measures.filter(network=network).order_by("adopted_on", "pk")
        network.linking_measures = "\n\n".join(m.text for m in texts)
        network.save(update_fields=["linking_measures"])
    QualityStandard.objects.filter(kind="linking_measure").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0011_item_status_per_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="qualitystandard",
            name="kind",
            field=models.CharField(
                choices=[
                    ("standard", "Qualitätsstandard"),
                    ("linking_measure", "Verbindende Maßnahme (Teilnetzwerke)"),
                ],
                default="standard",
                max_length=20,
                verbose_name="Art",
            ),
        ),
        migrations.RunPython(text_to_agreements, agreements_to_text),
        migrations.RemoveField(model_name="network", name="linking_measures"),
    ]
