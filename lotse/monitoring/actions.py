"""The write side of monitoring: targets (audited)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.monitoring.models import Indicator, Target


@transaction.atomic
def save_targets(indicator: Indicator, year: int, values: dict, *, by: User) -> None:
    """`values`: district (None for the state) → target or None (no target)."""
    for district, value in values.items():
        current = Target.objects.filter(indicator=indicator, year=year, district=district).first()
        before = str(current.value) if current else None
        if value is None:
            if current:
                current.delete()
        else:
            Target.objects.update_or_create(
                indicator=indicator,
                year=year,
                district=district,
                defaults={"value": Decimal(value)},
            )
        after = None if value is None else str(Decimal(value))
        if before != after:
            audit.record(
                actor=by,
                obj=indicator,
                action="update",
                changes={f"Ziel {year} {district or 'MV'}": [before, after]},
                district=district,
            )
