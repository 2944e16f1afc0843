"""Who may see and change a district's measures and money.

The district's network coordinator keeps them (with their yearly results and
Sachberichte, plans and spending, FB III proposals); the LKS and the ministry read all,
area coordinators their district's. The LKS alone keeps fund years and allocation keys
and decides on FB III proposals. Outside the scope: 404; inside but not allowed: 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.funding.models import Fb3Proposal, Measure
from lotse.regions.models import District


def get_measure_for_user(user: User, district: District, pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("district", "funding_area", "provider", "state_concept"),
        district=district,
        pk=pk,
    )


def can_edit_measures(user: User, district: District) -> bool:
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()


def can_manage_funds(user: User) -> bool:
    """Fund years, allocation keys and the allocation itself are the LKS's."""
    return user.has_role(Role.STATE_COORDINATOR)


def can_see_state_finances(user: User) -> bool:
    """The statewide money pages: the LKS and the ministry."""
    return user.is_state_wide()


def can_edit_fb3_proposal(user: User, district: District, proposal: Fb3Proposal | None) -> bool:
    """The district writes its FB III proposal until it goes to the LKS."""
    if proposal is not None and proposal.status != Fb3Proposal.Status.DRAFT:
        return False
    return can_edit_measures(user, district)


def can_propose_fb3(user: User, proposal: Fb3Proposal) -> bool:
    """Handing an FB III proposal to the LKS is the district's step (funding/fb3.py)."""
    return (
        user.districts(role=Role.NETWORK_COORDINATOR)
        .filter(pk=proposal.measure.district_id)
        .exists()
    )


def can_decide_fb3(user: User, proposal: Fb3Proposal) -> bool:
    """The vote and the recording of the federal decision are the LKS's steps."""
    return user.has_role(Role.STATE_COORDINATOR)
