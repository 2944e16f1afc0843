"""The sectors the LKS sets: which are offered, how many count, and the LKS's changes.

One home for the list: the partner form, the sector coverage (evidence.Coverage), the key
figures (key_figures.partners_by_sector) and the LKS's sector page read it here.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.text import slugify

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.networks.models import Partner, Sector

AUDITED = ("name", "position", "is_health_care", "retired_on")


def active_sectors() -> list[Sector]:
    """The sectors partners are given and coverage counts, in the LKS's order."""
    return list(Sector.objects.active())


def sector_total() -> int:
    """How many sectors are in use: the "von …" of every sector coverage."""
    return Sector.objects.active().count()


def health_care_codes() -> frozenset[str]:
    """The active sectors the LKS counts as health care (FB-I-E6)."""
    return frozenset(
        Sector.objects.active().filter(is_health_care=True).values_list("code", flat=True)
    )


def sector_choices(keep: str = "") -> list[tuple[str, str]]:
    """The partner form's choices: the active sectors, and `keep` (a partner's current
    sector) even when it has been retired, so editing a partner does not drop it."""
    sectors = Sector.objects.filter(Q(retired_on__isnull=True) | Q(code=keep))
    return list(sectors.order_by("position", "name").values_list("code", "name"))


def partner_counts() -> dict[str, int]:
    """Active partners per sector code, across the state."""
    rows = Partner.objects.active().values("sector").annotate(n=Count("pk")).order_by()
    return {row["sector"]: row["n"] for row in rows}


def partners_keeping(sector: Sector) -> int:
    """Active partners that name the sector."""
    return Partner.objects.active().filter(sector=sector.code).count()


def new_code(name: str) -> str:
    """A code for a new sector, from its name, unique among all sectors."""
    base = slugify(name).replace("-", "_")[:24] or "sector"
    code, number = base, 1
    while Sector.objects.filter(code=code).exists():
        number += 1
        code = f"{base}_{number}"
    return code


def next_position() -> int:
    return (Sector.objects.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def save_sector(*, sector: Sector, retired: bool, by: User, today: datetime.date) -> Sector:
    """Store the LKS's new or changed sector, retiring or reviving it, with an audit entry."""
    creating = sector.pk is None
    before = None if creating else audit.snapshot(Sector.objects.get(pk=sector.pk), AUDITED)
    if creating:
        sector.code = new_code(sector.name)
    if retired and sector.retired_on is None:
        sector.retired_on = today
    elif not retired:
        sector.retired_on = None
    sector.save()
    if creating:
        audit.record_creation(actor=by, obj=sector, fields=("code", *AUDITED))
    else:
        audit.record_changes(actor=by, obj=sector, before=before)
    return sector
