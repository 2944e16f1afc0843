"""Unmet demand: searches that found nothing nearby, counted anonymously.

Kept: the day, the postcode (if the parent typed one) or the municipality, an age band and
the topic. Never an IP address, a time of day or free text, so no search can be traced to
a family.
"""

from __future__ import annotations

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


def count_if_unmet(criteria: SearchCriteria, result: SearchResult, *, postcode: str = "") -> bool:
    """Count the search if nothing is nearby. Returns whether it was counted."""
    if result.found_nearby or not (postcode or result.municipality_ags):
        return False
    key = {
        "day": timezone.localdate(),
        "postcode": postcode or "",
        "municipality_ags": "" if postcode else result.municipality_ags,
        "age_band": age_band(criteria),
        "topic": criteria.topics[0] if len(criteria.topics) == 1 else "",
    }
    updated = UnmetSearch.objects.filter(**key).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                UnmetSearch.objects.create(**key, district_ags=result.district_ags or "", count=1)
        except IntegrityError:  # a parallel search created the row first
            UnmetSearch.objects.filter(**key).update(count=F("count") + 1)
    return True
