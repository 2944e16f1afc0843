"""Gatekeepers for districts and social areas.

Outside the scope: 404, as if the object did not exist. Inside but not allowed: 403.
"""

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.regions.models import District, SocialArea


def get_district_for_user(user: User, ags: str) -> District:
    """The district whose workspace the user may enter."""
    return get_object_or_404(District.objects.visible_to(user), ags=ags)


def get_social_area_for_user(user: User, district: District, pk: int) -> SocialArea:
    return get_object_or_404(
        SocialArea.objects.visible_to(user).select_related("district"), district=district, pk=pk
    )


def can_manage_social_areas(user: User, district: District) -> bool:
    """The district's network coordinator and the LKS define social areas."""
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()
