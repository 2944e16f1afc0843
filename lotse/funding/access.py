"""Who may see and change a district's measures.

The district's network coordinator keeps them (with their yearly results and
Sachberichte); the LKS and the ministry read all, area coordinators their district's.
Outside the scope: 404; inside but not allowed: 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.funding.models import Measure
from lotse.regions.models import District


def get_measure_for_user(user: User, district: District, pk: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("district", "funding_area", "provider", "state_concept"),
        district=district,
        pk=pk,
    )


def can_edit_measures(user: User, district: District) -> bool:
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()
