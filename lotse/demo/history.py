"""Demo only: a past for the generated directory, so the indicators of past years count
the offers findable then (lotse/offers/listing_history.py) and show a trend.

The generator writes every offer today; here the findable ones get a first day spread over
the last three years, and the few stale ones a period that ended when their last check
ran out. Invented, like the offers themselves.
"""

from __future__ import annotations

import datetime
import random

from lotse.offers.listing_history import fresh_until, is_listed
from lotse.offers.models import ListingPeriod, Offer


def give_the_directory_a_past(today: datetime.date, *, seed: int = 2026) -> None:
    """Once, right after the directory was generated (all periods begin today)."""
    if ListingPeriod.objects.filter(started_on__lt=today).exists():
        return
    rng = random.Random(seed)
    first = datetime.date(today.year - 3, 1, 1)
    span = (today - first).days
    periods = list(ListingPeriod.objects.order_by("offer_id"))
    for period in periods:
        period.started_on = first + datetime.timedelta(days=rng.randrange(span))
    ListingPeriod.objects.bulk_update(periods, ["started_on"], batch_size=500)

    with_period = ListingPeriod.objects.values("offer_id")
    past = []
    for offer in Offer.objects.exclude(pk__in=with_period).order_by("pk"):
        last_day = fresh_until(offer)
        if not is_listed(offer) or last_day is None or last_day >= today:
            continue
        started = first + datetime.timedelta(days=rng.randrange(max((last_day - first).days, 1)))
        past.append(
            ListingPeriod(
                offer=offer,
                started_on=min(started, last_day),
                ended_on=last_day + datetime.timedelta(days=1),
                fresh_until=last_day,
            )
        )
    ListingPeriod.objects.bulk_create(past, batch_size=500)
