"""The write side of the grant procedure outside its workflow steps (grants/workflow.py)."""

from __future__ import annotations

from django.db import transaction

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.funding.models import FundYear
from lotse.grants.models import GrantDocument, GrantProcedure
from lotse.regions.models import District


@transaction.atomic
def open_procedures(fund_year: FundYear, *, by: User) -> list[GrantProcedure]:
    """Open the fund year's grant procedure for every district that has none yet, each
    with its four documents; returns the procedures opened now."""
    existing = set(
        GrantProcedure.objects.filter(fund_year=fund_year).values_list("district_id", flat=True)
    )
    opened = []
    for district in District.objects.without_boundaries().order_by("ags"):
        if district.pk in existing:
            continue
        procedure = GrantProcedure.objects.create(district=district, fund_year=fund_year)
        GrantDocument.objects.bulk_create(
            GrantDocument(procedure=procedure, kind=kind) for kind in GrantDocument.ORDER
        )
        audit.record_creation(
            actor=by, obj=procedure, fields=["district", "fund_year"], district=district
        )
        opened.append(procedure)
    return opened
