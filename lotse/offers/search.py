"""The parents' search: which findable offers fit a place, a child's age and the filters.

Reach, in this order (issue "offer finder"):
- nearby: a venue within the radius (great-circle); ordered by the nearest venue's distance,
- area: no venue nearby, but a service area covers the point (its municipality or district
  by AGS, or a GeoJSON extent containing it),
- online: neither, but the offer has a virtual location (online or phone).
Ties by name, then id. The finder page and /api/v1/offers both call `search()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from lotse.offers.models import (
    Location,
    Offer,
    OfferLanguage,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
)
from lotse.regions.geo import bounding_box, contains, distance_km, municipality_at

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class SearchCriteria:
    """A parent's question, already validated (forms.py and schemas.py build it)."""

    latitude: float
    longitude: float
    radius_km: float = 10
    age_months: int | None = None
    pregnant: bool = False
    topics: tuple[str, ...] = ()
    language: str | None = None
    free_only: bool = False
    weekday: str | None = None


@dataclass(frozen=True)
class Hit:
    offer_id: object
    reach: str  # "nearby" | "area" | "online"
    distance_km: float | None
    sort_name: str


@dataclass
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    municipality_ags: str | None = None
    district_ags: str | None = None

    @property
    def count(self) -> int:
        return len(self.hits)

    def page(self, number: int, per_page: int) -> list[Hit]:
        start = (number - 1) * per_page
        return self.hits[start : start + per_page]

    def has_nearby(self) -> bool:
        return any(hit.reach == "nearby" for hit in self.hits)


def matching_offers(criteria: SearchCriteria) -> QuerySet[Offer]:
    """Findable offers that pass every filter except the place."""
    offers = Offer.objects.findable()
    if criteria.pregnant:
        offers = offers.filter(pregnancy_eligible=True)
    elif criteria.age_months is not None:
        offers = offers.filter(age_min_months__lte=criteria.age_months).filter(
            Q(age_max_months__isnull=True) | Q(age_max_months__gte=criteria.age_months)
        )
    if criteria.topics:
        offers = offers.filter(topics__code__in=criteria.topics)
    if criteria.language:
        speaks = Exists(OfferLanguage.objects.filter(offer=OuterRef("pk"), code=criteria.language))
        if criteria.language == "de":
            # An offer that lists no language is held in German.
            speaks = speaks | ~Exists(OfferLanguage.objects.filter(offer=OuterRef("pk")))
        offers = offers.filter(speaks)
    if criteria.free_only:
        offers = offers.filter(is_free=True)
    if criteria.weekday:
        offers = offers.filter(
            Exists(
                Schedule.objects.filter(
                    offer=OuterRef("pk"), freq="WEEKLY", byday__contains=criteria.weekday
                )
            )
        )
    return offers


def search(criteria: SearchCriteria) -> SearchResult:
    """All hits in order; the caller pages through them."""
    offers = matching_offers(criteria)
    if criteria.topics:
        offers = offers.distinct()
    offer_ids = offers.values("pk")
    lat, lon = criteria.latitude, criteria.longitude

    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, criteria.radius_km)
    venues = ServiceAtLocation.objects.filter(
        offer__in=offer_ids,
        location__location_type=Location.Kind.PHYSICAL,
        location__latitude__range=(min_lat, max_lat),
        location__longitude__range=(min_lon, max_lon),
    ).values_list("offer_id", "offer__name", "location__latitude", "location__longitude")
    nearest: dict[object, tuple[float, str]] = {}
    for offer_id, name, venue_lat, venue_lon in venues:
        km = distance_km(lat, lon, venue_lat, venue_lon)
        if km <= criteria.radius_km and (offer_id not in nearest or km < nearest[offer_id][0]):
            nearest[offer_id] = (km, name)
    hits = [
        Hit(offer_id, "nearby", km, name)
        for offer_id, (km, name) in sorted(
            nearest.items(), key=lambda item: (item[1][0], item[1][1], str(item[0]))
        )
    ]

    place = municipality_at(lat, lon)
    municipality_ags, district_ags = place if place else (None, None)
    by_ags = Q(ags__in=[a for a in (municipality_ags, district_ags) if a])
    by_extent = Q(
        extent__isnull=False, min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
    )
    areas = (
        ServiceArea.objects.filter(offer__in=offer_ids)
        .filter(by_ags | by_extent)
        .exclude(offer_id__in=list(nearest))
        .values_list("offer_id", "offer__name", "ags", "extent")
    )
    covering: dict[object, str] = {}
    for offer_id, name, ags, extent in areas:
        if ags or contains(extent, lat, lon):
            covering[offer_id] = name
    hits += [
        Hit(offer_id, "area", None, name)
        for offer_id, name in sorted(covering.items(), key=lambda item: (item[1], str(item[0])))
    ]

    online = (
        Offer.objects.filter(pk__in=offer_ids)
        .filter(service_at_locations__location__location_type=Location.Kind.VIRTUAL)
        .exclude(pk__in=list(nearest) + list(covering))
        .order_by("name", "id")
        .values_list("pk", "name")
        .distinct()
    )
    hits += [Hit(offer_id, "online", None, name) for offer_id, name in online]
    return SearchResult(hits=hits, municipality_ags=municipality_ags, district_ags=district_ags)


def offers_for_hits(hits: list[Hit]) -> list[tuple[Offer, Hit]]:
    """The page's offers with what their cards show (a fixed number of queries)."""
    offers = Offer.objects.for_list().in_bulk([hit.offer_id for hit in hits])
    return [(offers[hit.offer_id], hit) for hit in hits]
