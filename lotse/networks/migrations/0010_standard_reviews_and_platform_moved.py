# Quality standards can be retired and reviewed; the LKS's platform is no longer a kind of
# network meeting (its meetings move to lotse.statewide, see statewide 0002).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0009_organization_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="qualitystandard",
            name="retired_on",
            field=models.DateField(blank=True, null=True, verbose_name="außer Kraft seit"),
        ),
        migrations.AddConstraint(
            model_name="qualitystandard",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("retired_on__isnull", True),
                    ("retired_on__gte", models.F("adopted_on")),
                    _connector="OR",
                ),
                name="standard_retired_after_adoption",
            ),
        ),
        migrations.CreateModel(
            name="StandardReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reviewed_on", models.DateField(verbose_name="überprüft am")),
                (
                    "reviewed_by",
                    models.CharField(
                        help_text="z. B. die Netzwerkkonferenz",
                        max_length=200,
                        verbose_name="überprüft von",
                    ),
                ),
                (
                    "result",
                    models.CharField(
                        choices=[
                            ("confirmed", "bestätigt, gilt unverändert"),
                            ("revised", "überarbeitet"),
                            ("to_retire", "nicht mehr nötig"),
                        ],
                        max_length=20,
                        verbose_name="Ergebnis",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="Anmerkung")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "standard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reviews",
                        to="networks.qualitystandard",
                    ),
                ),
            ],
            options={
                "verbose_name": "Überprüfung eines Qualitätsstandards",
                "verbose_name_plural": "Überprüfungen von Qualitätsstandards",
                "ordering": ["-reviewed_on", "-pk"],
            },
        ),
        migrations.AlterField(
            model_name="meeting",
            name="kind",
            field=models.CharField(
                choices=[
                    ("network_meeting", "Netzwerktreffen"),
                    ("sub_network_meeting", "Treffen des Teilnetzwerks"),
                    ("quality_circle", "Interprofessioneller Qualitätszirkel (IQZ)"),
                    ("qualification", "Systemübergreifende Qualifizierung"),
                ],
                max_length=30,
                verbose_name="Art",
            ),
        ),
    ]
