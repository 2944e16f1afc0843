"""Where an offer's venues lie: placed on the map or taken from the provider's venues.

Nobody types coordinates. The offer form shows a map per venue (static/js/venue-map.js):
search a place or postcode of MV (the regions' lookup, no external geocoder), then click
or drag the pin. Or take one of the provider's venues, with its point. Without a pin the
form takes a known venue at the same address, else the middle of the postcode.
A point outside Mecklenburg-Vorpommern is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from lotse.offers import maps
from lotse.offers.models import Location
from lotse.regions.geo import place_at

KNOWN_AT_MOST = 300


def lies_in_mv(latitude: float, longitude: float) -> bool:
    """Inside a municipality or district outline of MV (regions.geo.place_at)."""
    return place_at(latitude, longitude) is not None


def known_venues(organization_ids: Iterable) -> list[Location]:
    """The providers' venues, each address once (imports give each offer its own row)."""
    found: dict[tuple, Location] = {}
    locations = Location.objects.filter(
        location_type=Location.Kind.PHYSICAL,
        service_at_locations__offer__organization__in=list(organization_ids),
    ).order_by("city", "address_1", "name", "pk")
    for location in locations[: KNOWN_AT_MOST * 3]:
        key = (location.name, location.address_1, location.postal_code, location.city)
        found.setdefault(key, location)
    return list(found.values())[:KNOWN_AT_MOST]


def venue_label(location: Location) -> str:
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    return ", ".join(part for part in (location.name, location.address_1, town) if part)


def same_address(venues: Iterable[Location], address: str, postal_code: str) -> Location | None:
    """A known venue at this street address and postcode (spelling as typed, any case)."""
    wanted = (" ".join(address.lower().split()), postal_code.strip())
    for venue in venues:
        if (" ".join(venue.address_1.lower().split()), venue.postal_code.strip()) == wanted:
            return venue
    return None


def picker_data(venues: Iterable[Location]) -> dict:
    """What venue-map.js needs: the basemap, the marker images, the lookup's address and the
    known venues with their points (the words it shows are in the page)."""
    return {
        **maps.base(),
        "lookup": reverse("api:lookup"),
        "known": {
            str(venue.pk): {
                "name": venue.name,
                "address_1": venue.address_1,
                "postal_code": venue.postal_code,
                "city": venue.city,
                "accessibility": venue.accessibility,
                "lat": venue.latitude,
                "lon": venue.longitude,
            }
            for venue in venues
        },
    }
