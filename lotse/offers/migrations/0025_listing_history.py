import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def open_periods(apps, schema_editor):
    """Every offer findable now gets a period from the day of its last check: it was
    findable at least since then (the history before is unknown)."""
    Offer = apps.get_model("offers", "Offer")
    ListingPeriod = apps.get_model("offers", "ListingPeriod")
    today = timezone.localdate()
    periods = []
    for offer_id, verified_at in Offer.objects.filter(
        status="active", approval="approved", verified_at__isnull=False
    ).values_list("pk", "verified_at"):
        fresh_until = timezone.localdate(verified_at + settings.LOTSE_OFFER_STALE_AFTER)
        if fresh_until >= today:
            periods.append(
                ListingPeriod(
                    offer_id=offer_id,
                    started_on=min(timezone.localdate(verified_at), today),
                    fresh_until=fresh_until,
                )
            )
    ListingPeriod.objects.bulk_create(periods, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0024_load_helplines"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListingPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("started_on", models.DateField()),
                ("ended_on", models.DateField(blank=True, null=True)),
                ("fresh_until", models.DateField()),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="listing_periods",
                        to="offers.offer",
                    ),
                ),
            ],
            options={
                "ordering": ["offer", "started_on"],
                "indexes": [
                    models.Index(fields=["started_on", "fresh_until"], name="listing_by_day")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("ended_on__isnull", True)),
                        fields=("offer",),
                        name="one_open_listing_per_offer",
                    )
                ],
            },
        ),
        migrations.RunPython(open_periods, migrations.RunPython.noop),
    ]
