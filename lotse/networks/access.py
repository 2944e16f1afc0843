"""Who may see and change which network.

- The district's network coordinator: everything of her district's networks.
- An area coordinator: reads the district network, runs her social area's sub-network.
- The LKS: everything; the ministry reads everything.
Outside the scope: 404; inside but not allowed: 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.networks.models import Network
from lotse.regions.models import District


def get_network_for_user(user: User, district: District, network_id: int) -> Network:
    return get_object_or_404(
        Network.objects.visible_to(user).select_related("district", "parent", "social_area"),
        district=district,
        pk=network_id,
    )


def can_edit_network(user: User, network: Network) -> bool:
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    if user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=network.district_id).exists():
        return True
    return (
        network.social_area_id is not None
        and user.social_areas(role=Role.AREA_COORDINATOR).filter(pk=network.social_area_id).exists()
    )


def can_create_sub_network(user: User, district: District) -> bool:
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()


def can_see_all_districts(user: User) -> bool:
    return user.is_state_wide()


def can_record_parent_topics(user: User) -> bool:
    """Recording what parents raise is network work, not administration: the coordinators
    of districts and social areas and the LKS (the ministry only reads)."""
    return user.has_role(Role.STATE_COORDINATOR, Role.NETWORK_COORDINATOR, Role.AREA_COORDINATOR)


def can_read_free_texts(user: User, network: Network) -> bool:
    """Free texts (parents' topics, survey answers) only for the district's coordinator
    and the LKS."""
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=network.district_id).exists()


def networks_for_partner_staff(user: User):
    """Networks in which one of the person's organisations is an active partner, and the
    networks she coordinates: where she may record what parents raise."""
    from django.db.models import Q

    scope = Q(partners__organization__in=user.organizations(), partners__left_on__isnull=True)
    if can_record_parent_topics(user):
        scope |= Q(pk__in=Network.objects.visible_to(user).values("pk"))
    return (
        Network.objects.filter(scope)
        .select_related("district")
        .distinct()
        .order_by("district__ags", "parent_id", "name")
    )


def can_manage_social_areas(user: User, district: District) -> bool:
    """The district's network coordinator and the LKS define social areas."""
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()


def can_keep_standards(user: User, network: Network) -> bool:
    """Adopting, editing, reviewing and retiring a network's quality standards is the
    district's network coordinator's work: the network's own agreements."""
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=network.district_id).exists()


def can_read_sectors(user: User) -> bool:
    """The sector list: the coordinators (their partners' sectors), the LKS and the
    ministry."""
    return user.is_state_wide() or user.has_role(Role.NETWORK_COORDINATOR, Role.AREA_COORDINATOR)


def can_keep_sectors(user: User) -> bool:
    """The LKS sets the sectors (the Landeskonzept names none)."""
    return user.has_role(Role.STATE_COORDINATOR)
