"""The read side of the offer directory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    import datetime

from lotse.accounts.models import User


def fresh_since(now: datetime.datetime | None = None) -> datetime.datetime:
    """Checked after this, an offer is still found (LOTSE_OFFER_STALE_AFTER, 12 months):
    unconfirmed for a year is probably outdated, and a parent should not travel to it."""
    return (now or timezone.now()) - settings.LOTSE_OFFER_STALE_AFTER


def reminder_due_before(now: datetime.datetime | None = None) -> datetime.datetime:
    """Checked before this, the editor is reminded (LOTSE_OFFER_REMIND_AFTER, 6 months)."""
    return (now or timezone.now()) - settings.LOTSE_OFFER_REMIND_AFTER


def findable_condition(now: datetime.datetime | None = None) -> Q:
    """Offers parents can find: active, approved, and confirmed by the provider recently."""
    return Q(status="active", approval="approved", verified_at__gte=fresh_since(now))


def published_condition() -> Q:
    """Offers the public has been shown: approved by the district coordinator. Approval is
    never withdrawn, so this reads "is or was published"; the status and the last check
    say whether the offer still runs (lotse.offers.hsds.public_status)."""
    return Q(approval="approved")


def went_stale_condition(since: datetime.datetime, now: datetime.datetime | None = None) -> Q:
    """Offers whose last check turned a year old between `since` and now: nothing is written
    when that happens, so a list of changes must ask for it."""
    return Q(
        verified_at__gte=since - settings.LOTSE_OFFER_STALE_AFTER,
        verified_at__lt=fresh_since(now),
    )


class OfferQuerySet(models.QuerySet):
    def findable(self) -> Self:
        return self.filter(findable_condition())

    def published(self) -> Self:
        return self.filter(published_condition())

    def changed_for_the_public_since(self, since: datetime.datetime) -> Self:
        """Offers written or confirmed since `since` (a confirmation is no write of the
        offer's text, but it changes its assured date and may make it active again), or
        that parents stopped finding since then because their check became too old."""
        return self.filter(
            Q(last_modified__gte=since) | Q(verified_at__gte=since) | went_stale_condition(since)
        )

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
