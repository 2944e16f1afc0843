"""The parents' search: which findable offers fit a place, a child's age and the filters.

Reach, in this order (issue "offer finder"):
- nearby: a venue within the radius (great-circle); ordered by the nearest venue's distance,
- area: no venue nearby, but a service area covers the point (its municipality or district
  by AGS, or a GeoJSON extent containing it),
- online: neither, but the offer has a virtual location (online or phone).
Ties by name, then id. The finder page and /api/v1/offers both call `search()`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from lotse.offers.models import Offer, OfferLanguage, Schedule, SearchPoint
from lotse.offers.queries import fresh_since
from lotse.regions.geo import bounding_box, contains, distance_km, municipality_at

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Offer ids as the database's text: SQLite stores 32 hex digits, PostgreSQL prints the
# hyphenated form; both sort alike, so ties break the same way on both.
OFFER_ID_TEXT = Cast("offer_id", output_field=CharField())


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


@dataclass
class SearchResult:
    """Nearby and area hits in memory (few, bounded by the place); online hits stay a query.

    Online offers are found from anywhere, so there can be thousands: they are counted and
    sliced in the database, never loaded whole.
    """

    nearby: list[Hit]
    area: list[Hit]
    online: QuerySet
    online_count: int
    municipality_ags: str | None = None
    district_ags: str | None = None

    @property
    def count(self) -> int:
        return len(self.nearby) + len(self.area) + self.online_count

    @property
    def hits(self) -> list[Hit]:
        """Every hit in order (for tests and small results; pages use `page()`)."""
        return self.page(1, max(self.count, 1))

    def page(self, number: int, per_page: int) -> list[Hit]:
        return self.slice((number - 1) * per_page, number * per_page)

    def slice(self, start: int, stop: int) -> list[Hit]:
        """Hits start..stop-1; online hits come from the database only for this window.

        Inside, ids stay the database's text (turning thousands of them into UUIDs
        cost more than the queries); the hits handed out carry UUIDs.
        """
        local = self.nearby + self.area
        hits = local[start:stop]
        # A window past the end is empty without asking the database, whose offsets may not
        # even hold its start (page 10^20 of the API).
        online_start = max(0, start - len(local))
        online_stop = min(max(0, stop - len(local)), self.online_count)
        if online_stop > online_start:
            ids = self.online[online_start:online_stop]
            hits += [Hit(offer_id, "online", None) for offer_id in ids]
        return [Hit(uuid.UUID(str(hit.offer_id)), hit.reach, hit.distance_km) for hit in hits]

    # Django's Paginator pages any object with count() and slicing.
    def __getitem__(self, window: slice) -> list[Hit]:
        return self.slice(window.start or 0, window.stop)

    def __len__(self) -> int:
        return self.count


def point_conditions(criteria: SearchCriteria) -> Q:
    """Findable and passing every filter except the place, on SearchPoint's own columns
    (topics, languages and weekdays through the offer's tables)."""
    condition = Q(listed=True, verified_at__gte=fresh_since())
    if criteria.pregnant:
        condition &= Q(pregnancy_eligible=True)
    elif criteria.age_months is not None:
        condition &= Q(age_min_months__lte=criteria.age_months) & (
            Q(age_max_months__isnull=True) | Q(age_max_months__gte=criteria.age_months)
        )
    offer_ref = OuterRef("offer_id")
    if criteria.topics:
        condition &= Exists(
            Offer.topics.through.objects.filter(offer_id=offer_ref, topic__code__in=criteria.topics)
        )
    if criteria.language:
        speaks = Exists(OfferLanguage.objects.filter(offer_id=offer_ref, code=criteria.language))
        if criteria.language == "de":
            # An offer that lists no language is held in German.
            speaks |= ~Exists(OfferLanguage.objects.filter(offer_id=offer_ref))
        condition &= speaks
    if criteria.free_only:
        condition &= Q(is_free=True)
    if criteria.weekday:
        condition &= Exists(
            Schedule.objects.filter(
                offer_id=offer_ref, freq="WEEKLY", byday__contains=criteria.weekday
            )
        )
    return condition


def areas_covering(
    points: QuerySet, lat: float, lon: float, place: tuple[str, str] | None
) -> Iterator[tuple[object, str, bool]]:
    """(offer id, name, online too) of the area rows in `points` that contain the point: by
    the AGS of its municipality or district (`place`), or by an extent around it."""
    municipality_ags, district_ags = place if place else (None, None)
    yield from points.filter(
        kind=SearchPoint.Kind.AREA,
        ags__in=[ags for ags in (municipality_ags, district_ags) if ags],
    ).values_list(OFFER_ID_TEXT, "name", "is_online")
    by_extent = points.filter(
        kind=SearchPoint.Kind.AREA,
        min_lat__lte=lat,
        max_lat__gte=lat,
        min_lon__lte=lon,
        max_lon__gte=lon,
    ).values_list(OFFER_ID_TEXT, "name", "is_online", "service_area__extent")
    for offer_id, name, online_too, extent in by_extent:
        if contains(extent, lat, lon):
            yield offer_id, name, online_too


def covering_offer_ids(lat: float, lon: float) -> set[object]:
    """Findable offers whose service area contains the point, however near their venues."""
    points = SearchPoint.objects.filter(point_conditions(SearchCriteria(lat, lon)))
    place = municipality_at(lat, lon)
    return {offer_id for offer_id, _name, _online in areas_covering(points, lat, lon, place)}


def search(criteria: SearchCriteria) -> SearchResult:
    """The hits in reach order; the caller pages through them."""
    lat, lon = criteria.latitude, criteria.longitude
    points = SearchPoint.objects.filter(point_conditions(criteria))

    # Venues in the bounding box from the latitude index; the exact circle is cut here.
    # Each row says whether the offer is online too, so the online group can leave it
    # out without a long list of ids (see below).
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, criteria.radius_km)
    venues = points.filter(
        kind=SearchPoint.Kind.VENUE,
        latitude__range=(min_lat, max_lat),
        longitude__range=(min_lon, max_lon),
    ).values_list(OFFER_ID_TEXT, "name", "latitude", "longitude", "is_online")
    nearest: dict[object, tuple[float, str]] = {}
    also_online: set[object] = set()
    radius = criteria.radius_km
    for offer_id, name, venue_lat, venue_lon, online_too in venues:
        km = distance_km(lat, lon, venue_lat, venue_lon)
        if km <= radius and (offer_id not in nearest or km < nearest[offer_id][0]):
            nearest[offer_id] = (km, name)
            if online_too:
                also_online.add(offer_id)
    nearby = [
        Hit(offer_id, "nearby", km)
        for offer_id, (km, _name) in sorted(
            nearest.items(), key=lambda item: (item[1][0], item[1][1], item[0])
        )
    ]

    # Areas: the point's municipality or district by AGS, or an extent around the point.
    place = municipality_at(lat, lon)
    municipality_ags, district_ags = place if place else (None, None)
    covering: dict[object, str] = {}
    for offer_id, name, online_too in areas_covering(points, lat, lon, place):
        if offer_id not in nearest:
            covering[offer_id] = name
            if online_too:
                also_online.add(offer_id)
    area = [
        Hit(offer_id, "area", None)
        for offer_id, _name in sorted(covering.items(), key=lambda item: (item[1], item[0]))
    ]

    # Online offers walk the (kind, name, offer) index in order, so a page stops early.
    # Only offers that are online *and* already listed above are left out: usually few,
    # unlike the thousands of nearby ids a wide radius can find.
    online = (
        points.filter(kind=SearchPoint.Kind.ONLINE)
        .exclude(offer_id__in=list(also_online))
        .order_by("name", "offer_id")
        .values_list(OFFER_ID_TEXT, flat=True)
    )
    return SearchResult(
        nearby=nearby,
        area=area,
        online=online,
        online_count=online.count(),
        municipality_ags=municipality_ags,
        district_ags=district_ags,
    )


def offers_for_hits(hits: list[Hit]) -> list[tuple[Offer, Hit]]:
    """The page's offers with what their cards show (a fixed number of queries)."""
    offers = Offer.objects.for_list().in_bulk([hit.offer_id for hit in hits])
    return [(offers[hit.offer_id], hit) for hit in hits]


def refresh_planner_statistics() -> None:
    """After bulk writes: without fresh statistics SQLite picks slow plans for the search
    (a full scan of offers instead of the area index; bench/search.py). PostgreSQL's
    autovacuum would get there later; ANALYZE gets there now."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
