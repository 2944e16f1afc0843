"""What the maps show: the searched point and radius, and the venues of the listed offers.

The map repeats the list for sighted users (the list stays the content); it is drawn by
static/js/offer-map.js from this data, over the district outlines (no tile server).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from lotse.offers.models import Location, Offer
from lotse.offers.search import Hit, SearchCriteria


def _venues(offer: Offer) -> list[dict]:
    """Physical venues from the prefetched service_at_locations (no extra query)."""
    return [
        {
            "lat": sal.location.latitude,
            "lon": sal.location.longitude,
            "name": offer.name,
            "place": sal.location.city,
            "url": offer.get_absolute_url(),
        }
        for sal in offer.service_at_locations.all()
        if sal.location.location_type == Location.Kind.PHYSICAL
    ]


def finder_map(criteria: SearchCriteria, cards: Iterable[tuple[Offer, Hit]]) -> dict:
    return {
        "boundaries": reverse("api:district_boundaries"),
        "center": [criteria.latitude, criteria.longitude],
        "radius_km": criteria.radius_km,
        "markers": [
            marker for offer, hit in cards if hit.reach == "nearby" for marker in _venues(offer)
        ],
    }


def offer_map(offer: Offer) -> dict | None:
    markers = _venues(offer)
    if not markers:
        return None
    return {"boundaries": reverse("api:district_boundaries"), "center": None, "markers": markers}
