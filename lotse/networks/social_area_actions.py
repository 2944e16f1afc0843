"""The write side of social areas: a district's network coordinator defines them and
names their area coordinators."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from lotse.accounts import audit
from lotse.accounts.actions import invite_user
from lotse.accounts.models import Membership, Role, User
from lotse.regions.models import District, Municipality, SocialArea

AUDITED_FIELDS = ("name", "description", "municipalities")


@transaction.atomic
def create_social_area(
    *,
    district: District,
    name: str,
    description: str = "",
    municipalities: Iterable[Municipality],
    by: User | None,
) -> SocialArea:
    """Define a new social area of a district."""
    area = SocialArea.objects.create(district=district, name=name, description=description)
    area.municipalities.set(municipalities)
    audit.record_creation(actor=by, obj=area, fields=AUDITED_FIELDS, district=district)
    return area


@transaction.atomic
def update_social_area(
    *,
    area: SocialArea,
    name: str,
    description: str,
    municipalities: Iterable[Municipality],
    by: User,
) -> SocialArea:
    before = audit.snapshot(area, AUDITED_FIELDS)
    area.name = name
    area.description = description
    area.save(update_fields=["name", "description", "updated_at"])
    area.municipalities.set(municipalities)
    audit.record_changes(actor=by, obj=area, before=before, district=area.district)
    return area


@transaction.atomic
def assign_area_coordinator(*, area: SocialArea, email: str, by: User | None) -> Membership:
    """Make the person with this e-mail coordinator of the area; invite her if she is new."""
    user = User.objects.filter(email__iexact=email).first() or invite_user(email=email, by=by)
    membership, created = Membership.objects.get_or_create(
        user=user, role=Role.AREA_COORDINATOR, social_area=area
    )
    if created:
        audit.record_creation(
            actor=by, obj=membership, fields=("user", "role", "social_area"), district=area.district
        )
    return membership
