import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUS = [
    ("draft", "Entwurf"),
    ("submitted", "wartet auf Freigabe"),
    ("returned", "zurückgegeben"),
    ("approved", "übernommen"),
    ("withdrawn", "zurückgezogen"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0025_listing_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OfferChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=STATUS, default="draft", max_length=10, verbose_name="Stand"
                    ),
                ),
                ("proposal", models.JSONField(verbose_name="vorgeschlagene Fassung")),
                ("revision", models.PositiveIntegerField(default=1)),
                (
                    "return_note",
                    models.TextField(blank=True, verbose_name="Hinweis der Netzwerkkoordination"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes",
                        to="offers.offer",
                        verbose_name="Angebot",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Änderung eines Angebots",
                "verbose_name_plural": "Änderungen von Angeboten",
                "ordering": ["-created_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["draft", "submitted", "returned"])),
                        fields=("offer",),
                        name="one_open_change_per_offer",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OfferChangeStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("by_label", models.CharField(max_length=254)),
                ("at", models.DateTimeField(auto_now_add=True)),
                ("note", models.TextField(blank=True)),
                ("from_status", models.CharField(choices=STATUS, max_length=10)),
                ("to_status", models.CharField(choices=STATUS, max_length=10)),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "change",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="offers.offerchange",
                    ),
                ),
            ],
            options={"ordering": ["change", "at", "pk"]},
        ),
    ]
