"""One status per district × Landeskonzept item × year, with its history.

The network's statuses (per network and item code, without a year) move to the district
and the current year, matched to the item of the edition in force; each keeps who set it
and when as its first change. A "nicht zutreffend" without a comment gets a note that it
came without a reason. The concepts' and reports' statuses follow in the documents app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

NO_REASON = "Aus der früheren Erfassung übernommen, dort ohne Begründung."


def _edition_for(StateConcept, year):
    public = StateConcept.objects.filter(status__in=["published", "superseded"])
    covering = (
        public.filter(valid_from__year__lte=year, valid_until__year__gte=year)
        .order_by("-valid_from")
        .first()
    )
    return covering or public.filter(status="published").order_by("-valid_from").first()


def move_network_statuses(apps, schema_editor):
    RequirementStatus = apps.get_model("networks", "RequirementStatus")
    ItemStatus = apps.get_model("networks", "ItemStatus")
    ItemStatusChange = apps.get_model("networks", "ItemStatusChange")
    StateConcept = apps.get_model("concept", "StateConcept")
    StateConceptItem = apps.get_model("concept", "StateConceptItem")
    year = timezone.localdate().year
    edition = _edition_for(StateConcept, year)
    if edition is None:
        return
    items = {i.code: i for i in StateConceptItem.objects.filter(state_concept=edition)}
    # The district's own network first; a sub-network's status only where it has none.
    rows = RequirementStatus.objects.select_related("network", "set_by").order_by(
        "network__parent_id", "pk"
    )
    for row in rows:
        item = items.get(row.item_code)
        district_id = row.network.district_id
        if (
            item is None
            or ItemStatus.objects.filter(district_id=district_id, item=item, year=year).exists()
        ):
            continue
        reason = row.comment.strip()
        if row.status == "not_applicable" and not reason:
            reason = NO_REASON
        status = ItemStatus.objects.create(
            district_id=district_id,
            item=item,
            year=year,
            status=row.status,
            reason=reason,
            updated_at=row.set_at,
            updated_by=row.set_by,
        )
        change = ItemStatusChange.objects.create(
            item_status=status,
            from_status="",
            to_status=row.status,
            by=row.set_by,
            by_label=row.set_by.email if row.set_by else "",
            note=reason,
        )
        ItemStatusChange.objects.filter(pk=change.pk).update(at=row.set_at)


def restore_network_statuses(apps, schema_editor):
    """Back to one status per network and item code: this year's, on the district's network."""
    RequirementStatus = apps.get_model("networks", "RequirementStatus")
    ItemStatus = apps.get_model("networks", "ItemStatus")
    Network = apps.get_model("networks", "Network")
    networks = {n.district_id: n for n in Network.objects.filter(parent=None)}
    year = timezone.localdate().year
    for status in ItemStatus.objects.filter(year=year).select_related("item"):
        network = networks.get(status.district_id)
        if network is not None:
            RequirementStatus.objects.create(
                network=network,
                item_code=status.item.code,
                status=status.status,
                comment=status.reason,
                set_by=status.updated_by,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("concept", "0007_checklist_named_as_the_lks_reading"),
        ("networks", "0010_standard_reviews_and_platform_moved"),
        ("regions", "0002_load_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ItemStatus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="Jahr")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "nicht begonnen"),
                            ("planned", "geplant"),
                            ("in_progress", "in Umsetzung"),
                            ("achieved", "erreicht"),
                            ("not_applicable", "nicht zutreffend"),
                        ],
                        max_length=20,
                        verbose_name="Stand",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="Begründung oder Kommentar")),
                ("goals", models.TextField(blank=True, verbose_name="Ziele")),
                ("updated_at", models.DateTimeField()),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="item_statuses",
                        to="regions.district",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="statuses",
                        to="concept.stateconceptitem",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Stand eines Elements des Landeskonzepts",
                "verbose_name_plural": "Stand der Elemente des Landeskonzepts",
                "ordering": ["district", "year", "item__funding_area__position", "item__position"],
            },
        ),
        migrations.CreateModel(
            name="ItemStatusChange",
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
                (
                    "from_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("not_started", "nicht begonnen"),
                            ("planned", "geplant"),
                            ("in_progress", "in Umsetzung"),
                            ("achieved", "erreicht"),
                            ("not_applicable", "nicht zutreffend"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("not_started", "nicht begonnen"),
                            ("planned", "geplant"),
                            ("in_progress", "in Umsetzung"),
                            ("achieved", "erreicht"),
                            ("not_applicable", "nicht zutreffend"),
                        ],
                        max_length=20,
                    ),
                ),
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
                    "item_status",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes",
                        to="networks.itemstatus",
                    ),
                ),
            ],
            options={
                "ordering": ["item_status", "at", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="itemstatus",
            constraint=models.UniqueConstraint(
                fields=("district", "item", "year"), name="one_status_per_district_item_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="itemstatus",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "not_applicable"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="item_not_applicable_needs_a_reason",
            ),
        ),
        migrations.RunPython(move_network_statuses, restore_network_statuses),
        migrations.DeleteModel(
            name="RequirementStatus",
        ),
    ]
