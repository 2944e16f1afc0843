"""The read side of the offer directory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from lotse.accounts.models import User


class OfferQuerySet(models.QuerySet):
    def findable(self) -> Self:
        """Offers parents can find: active, approved, and confirmed by the provider recently."""
        # Unconfirmed for a year is probably outdated; a parent should not travel to it.
        fresh_since = timezone.now() - settings.LOTSE_OFFER_STALE_AFTER
        return self.filter(status="active", approval="approved", verified_at__gte=fresh_since)

    def visible_to(self, user: User) -> Self:
        """The public directory, plus everything inside the user's scope."""
        if not user.is_authenticated:
            return self.findable()
        if user.is_state_wide():
            return self
        in_scope = Q(organization__in=user.organizations()) | Q(district__in=user.districts())
        return self.filter(Q(pk__in=self.findable().values("pk")) | in_scope)

    def for_list(self) -> Self:
        return self.select_related("organization").prefetch_related(
            "topics", "languages", "service_at_locations__location"
        )
