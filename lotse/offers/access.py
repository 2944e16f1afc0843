"""Who may look after which offers.

- Provider editors: the offers of their organisations (create, edit, confirm).
- Network coordinators: every offer their district looks after (and approve them).
- The LKS: all offers. The ministry reads the public directory only.
Outside the scope: 404, as if the offer did not exist; inside but not allowed: 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from lotse.accounts.models import Role, User
from lotse.core.identifiers import uuid_or_404
from lotse.offers.models import Offer, OfferChange
from lotse.organizations.models import Organization
from lotse.regions.models import District


def manageable_offers(user: User) -> QuerySet[Offer]:
    if user.has_role(Role.STATE_COORDINATOR):
        return Offer.objects.all()
    scope = Q(pk__in=[])
    districts = user.districts(role=Role.NETWORK_COORDINATOR)
    if user.has_role(Role.NETWORK_COORDINATOR):
        scope |= Q(district__in=districts)
    if user.has_role(Role.PROVIDER_EDITOR):
        scope |= Q(organization__in=user.organizations())
    return Offer.objects.filter(scope)


def can_look_after_offers(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR, Role.NETWORK_COORDINATOR, Role.PROVIDER_EDITOR)


def get_offer_for_user(user: User, offer_id: str) -> Offer:
    key = uuid_or_404(offer_id)
    offer = manageable_offers(user).select_related("organization", "district").filter(pk=key)
    found = offer.first()
    if found is None:
        raise Http404
    return found


def can_approve(user: User, offer: Offer) -> bool:
    """The coordinator of the offer's district, or the LKS."""
    if user.has_role(Role.STATE_COORDINATOR):
        return True
    return (
        offer.district_id is not None
        and user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=offer.district_id).exists()
    )


def edits_wait_for_review(user: User, offer: Offer) -> bool:
    """A live offer edited by someone who cannot approve it: what parents rely on waits for
    the coordinator (change_review.py); the approved version stays public meanwhile."""
    return offer.approval == Offer.Approval.APPROVED and not can_approve(user, offer)


def can_resubmit(user: User, offer: Offer) -> bool:
    """The provider's editors: submit a returned new offer again (approval.py)."""
    return user.organizations().filter(pk=offer.organization_id).exists()


def can_propose_change(user: User, change: OfferChange) -> bool:
    """The provider's editors: submit, resubmit or withdraw their proposal."""
    return user.organizations().filter(pk=change.offer.organization_id).exists()


def can_review_change(user: User, change: OfferChange) -> bool:
    """The coordinator of the offer's district, or the LKS: take it over or send it back."""
    return can_approve(user, change.offer)


# Confirming the FB II.2 funding conditions is the coordinator's check, like approving.
can_confirm_funding = can_approve


def organizations_for(user: User) -> QuerySet[Organization]:
    """The providers a person may create offers for."""
    if user.has_role(Role.STATE_COORDINATOR):
        return Organization.objects.all()
    scope = Q(pk__in=user.organizations().values("pk"))
    if user.has_role(Role.NETWORK_COORDINATOR):
        districts = user.districts(role=Role.NETWORK_COORDINATOR)
        scope |= Q(district__in=districts) | Q(offers__district__in=districts)
    return Organization.objects.filter(scope).distinct()


def can_import(user: User) -> bool:
    """Bulk upload: the LKS and the district coordinators."""
    return user.has_role(Role.STATE_COORDINATOR, Role.NETWORK_COORDINATOR)


def contact_point_districts(user: User) -> QuerySet[District]:
    """The districts whose contact point (Anlaufstelle) the user keeps: a coordinator her
    own, the LKS every district."""
    if user.has_role(Role.STATE_COORDINATOR):
        return District.objects.all()
    return user.districts(role=Role.NETWORK_COORDINATOR)


def can_keep_contact_point(user: User, district: District) -> bool:
    return contact_point_districts(user).filter(pk=district.pk).exists()


def can_keep_helplines(user: User) -> bool:
    """The statewide helplines are the LKS's."""
    return user.has_role(Role.STATE_COORDINATOR)
