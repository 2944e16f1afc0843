"""Unmet demand: searches that found nothing nearby, counted anonymously.

Kept: the day, the postcode (if the parent typed one) or the municipality, an age band and
the topic. Never an IP address, a time of day or free text, so no search can be traced to
a family.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from lotse.offers.models import UnmetSearch
from lotse.offers.search import SearchCriteria, SearchResult


def age_band(criteria: SearchCriteria) -> str:
    if criteria.pregnant:
        return "pregnant"
    if criteria.age_months is None:
        return ""
    if criteria.age_months < 12:
        return "0-11"
    if criteria.age_months < 24:
        return "12-23"
    if criteria.age_months < 36:
        return "24-35"
    return "36+"


@dataclass(frozen=True)
class UnmetKey:
    """What is counted of a search that found nothing nearby (the day is added on counting)."""

    postcode: str
    municipality_ags: str
    age_band: str
    topic: str
    district_ags: str


def unmet_key(
    criteria: SearchCriteria, result: SearchResult, *, postcode: str = ""
) -> UnmetKey | None:
    """The key to count under, or None if the search found something nearby (or has no place)."""
    if result.found_nearby or not (postcode or result.municipality_ags):
        return None
    return UnmetKey(
        postcode=postcode or "",
        municipality_ags="" if postcode else result.municipality_ags,
        age_band=age_band(criteria),
        topic=criteria.topics[0] if len(criteria.topics) == 1 else "",
        district_ags=result.district_ags or "",
    )


def count(unmet: UnmetKey) -> None:
    """One more unmet search today (also on a cached answer, see lotse/public_cache.py)."""
    key = {
        "day": timezone.localdate(),
        "postcode": unmet.postcode,
        "municipality_ags": unmet.municipality_ags,
        "age_band": unmet.age_band,
        "topic": unmet.topic,
    }
    updated = UnmetSearch.objects.filter(**key).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                UnmetSearch.objects.create(**key, district_ags=unmet.district_ags, count=1)
        except IntegrityError:  # a parallel search created the row first
            UnmetSearch.objects.filter(**key).update(count=F("count") + 1)


def count_if_unmet(
    criteria: SearchCriteria, result: SearchResult, *, postcode: str = ""
) -> UnmetKey | None:
    """Count the search if nothing is nearby; returns what was counted, if anything."""
    unmet = unmet_key(criteria, result, postcode=postcode)
    if unmet is not None:
        count(unmet)
    return unmet
