"""The read side of the money: lists across the funding models."""

from __future__ import annotations

from django.db.models import QuerySet

from lotse.accounts.models import Role, User
from lotse.funding.models import Fb3Proposal

S = Fb3Proposal.Status


def fb3_proposals_waiting_for(user: User) -> QuerySet[Fb3Proposal]:
    """FB III proposals waiting for this person: the drafts of her districts, or for the
    LKS the votes and federal decisions to record."""
    proposals = Fb3Proposal.objects.select_related("measure__district").defer(
        "measure__district__boundary"
    )
    if user.has_role(Role.STATE_COORDINATOR):
        return proposals.filter(status__in=[S.SUBMITTED, S.FEDERAL_REVIEW])
    return proposals.filter(
        status=S.DRAFT, measure__district__in=user.districts(role=Role.NETWORK_COORDINATOR)
    )
