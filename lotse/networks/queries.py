"""The read side of networks: who sees which network, and the figures built from them."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q

from lotse.accounts.models import Role, User


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> Self:
        """The district network for everyone working in the district; a sub-network for
        its district's coordinators and its own area coordinator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_state_wide():
            return self
        coordinated = user.districts(role=Role.NETWORK_COORDINATOR)
        areas = user.social_areas(role=Role.AREA_COORDINATOR)
        return self.filter(
            Q(district__in=coordinated)
            | Q(parent__isnull=True, district__in=user.districts())
            | Q(social_area__in=areas)
        )


class PartnerQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(left_on__isnull=True)

    def with_sector_name(self) -> Self:
        """Each partner's sector name in the same query (Partner.get_sector_display)."""
        from lotse.networks.models import Sector

        return self.annotate(
            sector_name=models.Subquery(
                Sector.objects.filter(code=models.OuterRef("sector")).values("name")[:1]
            )
        )


class SectorQuerySet(models.QuerySet):
    def active(self) -> Self:
        """The sectors partners can be given and coverage counts: not retired."""
        return self.filter(retired_on__isnull=True)


class MeetingQuerySet(models.QuerySet):
    def in_year(self, year: int) -> Self:
        return self.filter(starts_at__year=year)


class QualityStandardQuerySet(models.QuerySet):
    def current(self) -> Self:
        """The standards the network keeps: not retired."""
        return self.filter(retired_on__isnull=True)

    def retired(self) -> Self:
        return self.filter(retired_on__isnull=False)

    def standards(self) -> Self:
        """Quality standards proper (FB-I-M2), not linking measures."""
        return self.filter(kind="standard")

    def linking_measures(self) -> Self:
        """A sub-network's written linking measures (FB-I-E3)."""
        return self.filter(kind="linking_measure")
