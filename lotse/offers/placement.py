"""Which district looks after an offer: its network coordinator approves and follows it up."""

from __future__ import annotations

from lotse.offers import search_index
from lotse.offers.models import Location, Offer
from lotse.regions.geo import place_at
from lotse.regions.models import District


def responsible_district(offer: Offer) -> District | None:
    """Where the first venue lies; else the district the service area belongs to; else the
    provider's seat. An online-only offer of a provider without a seat has none (the LKS)."""
    venues = Location.objects.filter(
        service_at_locations__offer=offer, location_type=Location.Kind.PHYSICAL
    ).order_by("service_at_locations__id")
    for venue in venues:
        place = place_at(venue.latitude, venue.longitude)
        if place:
            return District.objects.filter(ags=place[1]).first()
    area = offer.service_areas.exclude(ags="").order_by("ags").first()
    if area:
        return District.objects.filter(ags=area.ags[:5]).first()
    for area in offer.service_areas.filter(ags=""):
        lat = (area.min_lat + area.max_lat) / 2
        lon = (area.min_lon + area.max_lon) / 2
        place = place_at(lat, lon)
        if place:
            return District.objects.filter(ags=place[1]).first()
    return offer.organization.district


def place_offer(offer: Offer) -> None:
    """After the offer's venues and areas are saved: store its responsible district and
    refresh its rows of the search table."""
    offer.district = responsible_district(offer)
    Offer.objects.filter(pk=offer.pk).update(district=offer.district)
    search_index.refresh([offer.pk])
