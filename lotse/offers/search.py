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
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lotse.offers.models import Offer, OfferLanguage, Schedule, SearchPoint
from lotse.regions.geo import (
    bounding_box,
    chord_squared,
    contains,
    km_from_chord_squared,
    municipality_at,
    unit_vector,
)

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


@dataclass
class SearchResult:
    """The three reach groups as SQL: counted in one query, and only the shown window of
    each group is read, however many offers match (bench/search.py)."""

    nearby_count: int
    area_count: int
    online_count: int
    groups: SearchSql
    municipality_ags: str | None = None
    district_ags: str | None = None

    @property
    def count(self) -> int:
        return self.nearby_count + self.area_count + self.online_count

    @property
    def hits(self) -> list[Hit]:
        """Every hit in order (for tests and small results; pages use `page()`)."""
        return self.page(1, max(self.count, 1))

    def page(self, number: int, per_page: int) -> list[Hit]:
        return self.slice((number - 1) * per_page, number * per_page)

    def slice(self, start: int, stop: int) -> list[Hit]:
        """Hits start..stop-1, each group asked only for its part of the window."""
        hits: list[Hit] = []
        offset = 0
        for reach, size in (
            ("nearby", self.nearby_count),
            ("area", self.area_count),
            ("online", self.online_count),
        ):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if high > low:
                hits += self.groups.window(reach, low, high - low)
            offset += size
        return hits

    def offer_ids(self, *reaches: str) -> list[uuid.UUID]:
        """All ids of some groups (the HSDS API filters by them)."""
        sizes = {"nearby": self.nearby_count, "area": self.area_count, "online": self.online_count}
        return [
            hit.offer_id
            for reach in reaches
            if sizes[reach]
            for hit in self.groups.window(reach, 0, sizes[reach])
        ]

    # Django's Paginator pages any object with count() and slicing.
    def __getitem__(self, window: slice) -> list[Hit]:
        return self.slice(window.start or 0, window.stop)

    def __len__(self) -> int:
        return self.count


class SearchSql:
    """The groups' SQL. The filters are compiled by the ORM once (inner queries); the
    distance, grouping, exclusions, counts and windows are plain SQL around them, the same
    on SQLite and PostgreSQL. Distances are chords between unit vectors: ordering and the
    radius cut agree exactly with the great circle."""

    def __init__(self, venues: QuerySet, areas: QuerySet, online: QuerySet, point, radius_km):
        self.venue_sql, self.venue_params = venues.query.sql_with_params()
        self.area_sql, self.area_params = areas.query.sql_with_params()
        self.online_sql, self.online_params = online.query.sql_with_params()
        x0, y0, z0 = point
        self.distance = (
            "((v.x - %s) * (v.x - %s) + (v.y - %s) * (v.y - %s) + (v.z - %s) * (v.z - %s))"
        )
        self.distance_params = [x0, x0, y0, y0, z0, z0]
        self.limit = chord_squared(radius_km)

    def _nearby(self) -> tuple[str, list]:
        """Venue rows in the circle with their squared chord `d2`."""
        sql = (
            f"SELECT v.offer_id AS offer_id, v.name AS name, {self.distance} AS d2 "
            f"FROM ({self.venue_sql}) v WHERE {self.distance} <= %s"
        )
        return sql, [*self.distance_params, *self.venue_params, *self.distance_params, self.limit]

    def _area(self) -> tuple[str, list]:
        nearby, nearby_params = self._nearby()
        sql = (
            f"SELECT a.offer_id AS offer_id, a.name AS name FROM ({self.area_sql}) a "
            f"WHERE a.offer_id NOT IN (SELECT n.offer_id FROM ({nearby}) n)"
        )
        return sql, [*self.area_params, *nearby_params]

    def _online(self) -> tuple[str, list]:
        nearby, nearby_params = self._nearby()
        sql = (
            f"SELECT o.offer_id AS offer_id, o.name AS name FROM ({self.online_sql}) o "
            f"WHERE o.offer_id NOT IN (SELECT n.offer_id FROM ({nearby}) n) "
            f"AND o.offer_id NOT IN (SELECT a.offer_id FROM ({self.area_sql}) a)"
        )
        return sql, [*self.online_params, *nearby_params, *self.area_params]

    def counts(self) -> tuple[int, int, int]:
        nearby, nearby_params = self._nearby()
        area, area_params = self._area()
        online, online_params = self._online()
        sql = (
            f"SELECT (SELECT COUNT(DISTINCT n.offer_id) FROM ({nearby}) n), "
            f"(SELECT COUNT(DISTINCT g.offer_id) FROM ({area}) g), "
            f"(SELECT COUNT(*) FROM ({online}) g)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*nearby_params, *area_params, *online_params])
            return tuple(int(value) for value in cursor.fetchone())

    def window(self, reach: str, offset: int, size: int) -> list[Hit]:
        if reach == "nearby":
            inner, params = self._nearby()
            sql = (
                f"SELECT n.offer_id, MIN(n.d2) AS d2, MIN(n.name) AS name FROM ({inner}) n "
                "GROUP BY n.offer_id ORDER BY d2, name, n.offer_id LIMIT %s OFFSET %s"
            )
        else:
            inner, params = self._area() if reach == "area" else self._online()
            sql = (
                f"SELECT g.offer_id, NULL, MIN(g.name) AS name FROM ({inner}) g "
                "GROUP BY g.offer_id ORDER BY name, g.offer_id LIMIT %s OFFSET %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, size, offset])
            rows = cursor.fetchall()
        return [
            Hit(
                offer_id if isinstance(offer_id, uuid.UUID) else uuid.UUID(str(offer_id)),
                reach,
                km_from_chord_squared(d2) if d2 is not None else None,
            )
            for offer_id, d2, _name in rows
        ]


def point_conditions(criteria: SearchCriteria) -> Q:
    """Findable and passing every filter except the place, on SearchPoint's own columns
    (topics, languages and weekdays through the offer's tables)."""
    fresh_since = timezone.now() - settings.LOTSE_OFFER_STALE_AFTER
    condition = Q(listed=True, verified_at__gte=fresh_since)
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


def search(criteria: SearchCriteria) -> SearchResult:
    """The hits in reach order; the caller pages through them."""
    lat, lon = criteria.latitude, criteria.longitude
    points = SearchPoint.objects.filter(point_conditions(criteria))
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, criteria.radius_km)
    venues = points.filter(
        kind=SearchPoint.Kind.VENUE,
        latitude__range=(min_lat, max_lat),
        longitude__range=(min_lon, max_lon),
    ).values("offer_id", "name", "x", "y", "z")

    # Areas: the point's municipality or district by AGS, or an extent around the point
    # (few; their polygons are tested here).
    place = municipality_at(lat, lon)
    municipality_ags, district_ags = place if place else (None, None)
    extents = points.filter(
        kind=SearchPoint.Kind.AREA,
        ags="",
        min_lat__lte=lat,
        max_lat__gte=lat,
        min_lon__lte=lon,
        max_lon__gte=lon,
    ).values_list("offer_id", "service_area__extent")
    inside = [offer_id for offer_id, extent in extents if contains(extent, lat, lon)]
    areas = (
        points.filter(kind=SearchPoint.Kind.AREA)
        .filter(
            Q(ags__in=[ags for ags in (municipality_ags, district_ags) if ags])
            | Q(offer_id__in=inside)
        )
        .values("offer_id", "name")
    )
    online = points.filter(kind=SearchPoint.Kind.ONLINE).values("offer_id", "name")
    groups = SearchSql(venues, areas, online, unit_vector(lat, lon), criteria.radius_km)
    nearby_count, area_count, online_count = groups.counts()
    return SearchResult(
        nearby_count=nearby_count,
        area_count=area_count,
        online_count=online_count,
        groups=groups,
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
