import django.db.models.deletion
from django.db import migrations, models

import lotse.core.contact_details


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0022_easy_read_digest"),
        ("regions", "0002_load_reference_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="Helpline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                (
                    "phone",
                    models.CharField(
                        max_length=40,
                        validators=[lotse.core.contact_details.validate_phone_number],
                        verbose_name="Telefon",
                    ),
                ),
                (
                    "hours",
                    models.CharField(
                        max_length=200,
                        validators=[lotse.core.contact_details.validate_opening_hours],
                        verbose_name="Erreichbarkeit",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="Wofür")),
                ("is_free", models.BooleanField(default=True, verbose_name="kostenfrei")),
                (
                    "for_crisis",
                    models.BooleanField(default=True, verbose_name="in Krise und Notfall zeigen"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge"),
                ),
                ("last_checked", models.DateField(verbose_name="zuletzt geprüft am")),
            ],
            options={
                "verbose_name": "Hilfetelefon",
                "verbose_name_plural": "Hilfetelefone",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="ContactPoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("office", models.CharField(max_length=200, verbose_name="Stelle")),
                (
                    "phone",
                    models.CharField(
                        max_length=40,
                        validators=[lotse.core.contact_details.validate_phone_number],
                        verbose_name="Telefon",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        max_length=254,
                        validators=[lotse.core.contact_details.validate_email_address],
                        verbose_name="E-Mail",
                    ),
                ),
                ("address", models.CharField(max_length=300, verbose_name="Anschrift")),
                (
                    "hours",
                    models.CharField(
                        max_length=200,
                        validators=[lotse.core.contact_details.validate_opening_hours],
                        verbose_name="Sprechzeiten",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="zuletzt geändert"),
                ),
                (
                    "district",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_point",
                        to="regions.district",
                        verbose_name="Landkreis",
                    ),
                ),
            ],
            options={
                "verbose_name": "Anlaufstelle Frühe Hilfen",
                "verbose_name_plural": "Anlaufstellen Frühe Hilfen",
            },
        ),
    ]
