"""Which offers parents could find on a past day: the listing history.

An offer row knows only its present state, so a figure for a past year would otherwise be
counted from today's directory. Every write of an offer passes through
`search_index.refresh()`, which calls `keep_up()`: it opens a `ListingPeriod` when an offer
becomes findable (active, approved, checked within LOTSE_OFFER_STALE_AFTER), moves the
period's `fresh_until` forward when the offer is checked again, and closes it when the
offer is withdrawn or closed. An offer that went stale without a write needs no entry:
its period's `fresh_until` already ends it. `findable_on(day)` reads the history.

The history starts with the first write after this module came in; the migration that
added it opened a period for every offer findable then, from the day of its last check.
A deleted offer takes its history with it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from lotse.offers.models import ListingPeriod, Offer


def fresh_until(offer: Offer) -> datetime.date | None:
    """The last day the offer's newest check keeps it findable (None: never checked)."""
    if offer.verified_at is None:
        return None
    return timezone.localdate(offer.verified_at + settings.LOTSE_OFFER_STALE_AFTER)


def is_listed(offer: Offer) -> bool:
    """Active and approved: what the provider and the coordinator decide (the check's age is
    kept apart, in `fresh_until`)."""
    return offer.status == Offer.Status.ACTIVE and offer.approval == Offer.Approval.APPROVED


def keep_up(offers: Iterable[Offer], today: datetime.date | None = None) -> None:
    """Bring the periods of these offers in step with their present state (a fixed number
    of queries per call)."""
    today = today or timezone.localdate()
    offers = list(offers)
    open_periods = {
        period.offer_id: period
        for period in ListingPeriod.objects.filter(
            offer__in=[offer.pk for offer in offers], ended_on__isnull=True
        )
    }
    to_create, to_update = [], []
    for offer in offers:
        period = open_periods.get(offer.pk)
        fresh = fresh_until(offer)
        findable = is_listed(offer) and fresh is not None and fresh >= today
        if period is not None and (not findable or period.fresh_until < today):
            # Withdrawn or closed today, or stale in between: a stale period ends the day
            # after its last fresh day.
            stale = period.fresh_until < today
            period.ended_on = period.fresh_until + datetime.timedelta(days=1) if stale else today
            to_update.append(period)
            period = None
        if not findable:
            continue
        if period is None:
            to_create.append(ListingPeriod(offer=offer, started_on=today, fresh_until=fresh))
        elif period.fresh_until != fresh:
            period.fresh_until = fresh
            to_update.append(period)
    if to_update:
        ListingPeriod.objects.bulk_update(to_update, ["ended_on", "fresh_until"])
    if to_create:
        ListingPeriod.objects.bulk_create(to_create)


def findable_on_condition(day: datetime.date, prefix: str = "listing_periods__") -> Q:
    """Offers (or, with prefix "", periods) findable on `day` by their history."""
    return Q(
        **{f"{prefix}started_on__lte": day, f"{prefix}fresh_until__gte": day},
    ) & (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day}))


def findable_on(day: datetime.date) -> QuerySet[Offer]:
    """The offers parents could find on `day`, by the listing history."""
    offer_ids = ListingPeriod.objects.filter(findable_on_condition(day, prefix="")).values(
        "offer_id"
    )
    return Offer.objects.filter(pk__in=offer_ids)
