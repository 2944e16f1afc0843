"""Reach analysis: how far is it from each municipality to the nearest findable offer
(per topic), weighted by children under 3 — the white spots of a thinly populated state.

Design for scale (all of Germany: ~11,000 municipalities, ~100,000 offers): venues go
into a grid of cells about 10 km wide (one dict lookup per cell); each municipality
searches rings of cells outward from its own and stops once no unsearched cell can hold
a nearer venue. Service areas (an offer that comes to the family) count as distance 0
for the municipalities or districts they cover, or for the municipalities whose centre
lies in their polygon. Online and telephone offers reach nobody in this sense: a family
cannot walk or drive to them, so they are counted separately (per district of the
offer) and never make a place "reached". Python only, no GIS extension: O(M·k) with k
the venues in the few nearby cells.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from lotse.offers.listing_history import findable_on
from lotse.offers.models import SearchPoint
from lotse.offers.queries import fresh_since
from lotse.regions.geo import contains
from lotse.regions.models import District, Municipality, Statistic
from lotse.regions.queries import latest_statistics

CELL_DEGREES = 0.1  # ~11 km north-south, ~6.5 km east-west in MV
MAX_KM = 150.0
EARTH_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, a)))


class VenueGrid:
    """Points in cells of CELL_DEGREES; nearest() searches rings outward."""

    def __init__(self, points: Iterable[tuple[float, float]]):
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        for lat, lon in points:
            self.cells[self._cell(lat, lon)].append((lat, lon))
        self.size = sum(len(points) for points in self.cells.values())

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES))

    def nearest(self, lat: float, lon: float, max_km: float = MAX_KM) -> float | None:
        if not self.size:
            return None
        row, col = self._cell(lat, lon)
        # A ring r away is at least (r-1) cells away in latitude or longitude.
        km_per_cell_lat = CELL_DEGREES * 111.19
        km_per_cell_lon = CELL_DEGREES * 111.19 * max(math.cos(math.radians(abs(lat) + 1)), 0.05)
        km_per_cell = min(km_per_cell_lat, km_per_cell_lon)
        best = None
        ring = 0
        while True:
            if best is not None and (ring - 1) * km_per_cell > best:
                return best
            if (ring - 1) * km_per_cell > max_km:
                return best
            for cell in self._ring(row, col, ring):
                for plat, plon in self.cells.get(cell, ()):
                    d = distance_km(lat, lon, plat, plon)
                    if best is None or d < best:
                        best = d
            ring += 1

    @staticmethod
    def _ring(row: int, col: int, ring: int):
        if ring == 0:
            yield (row, col)
            return
        for dc in range(-ring, ring + 1):
            yield (row - ring, col + dc)
            yield (row + ring, col + dc)
        for dr in range(-ring + 1, ring):
            yield (row + dr, col - ring)
            yield (row + dr, col + ring)


@dataclass
class Place:
    ags: str
    name: str
    district_id: int
    latitude: float
    longitude: float
    children: Decimal  # children under 3 (statistic, or estimated: see weights())
    estimated: bool
    distance_km: float | None = None  # None: nothing within MAX_KM
    # The nearest venue alone, also where an outreach offer covers the place (0 km above):
    # where every place is covered, this is what still tells the places apart.
    venue_km: float | None = None
    # Findable online/telephone offers of the place's district or of none (state-wide):
    # shown beside the distance, never counted as reaching the place.
    online_offers: int = 0

    def within(self, km: float) -> bool:
        return self.distance_km is not None and self.distance_km <= km


def weights(municipalities: list[Municipality]) -> dict[int, tuple[Decimal, bool]]:
    """Children under 3 per municipality: the newest municipal statistic; without one, the
    district's figure shared out equally among its municipalities (marked as estimated)."""
    own = {}
    for statistic in Statistic.objects.filter(
        municipality__in=municipalities, kind=Statistic.Kind.CHILDREN_UNDER_3
    ).order_by("municipality_id", "-year"):
        own.setdefault(statistic.municipality_id, statistic.value)
    kind = Statistic.Kind.CHILDREN_UNDER_3
    district_values = {
        district_id: figures[kind].value
        for district_id, figures in latest_statistics(District.objects.all()).items()
        if kind in figures
    }
    per_district = defaultdict(int)
    for municipality in municipalities:
        per_district[municipality.district_id] += 1
    result = {}
    for municipality in municipalities:
        if municipality.pk in own:
            result[municipality.pk] = (own[municipality.pk], False)
        else:
            total = district_values.get(municipality.district_id, Decimal(0))
            result[municipality.pk] = (total / per_district[municipality.district_id], True)
    return result


def findable_points(topic_code: str | None = None, on: datetime.date | None = None):
    """The search rows of the offers findable today, or on the past day `on` by the
    listing history (with the venues and areas they have today: places are not kept)."""
    if on is None or on >= timezone.localdate():
        points = SearchPoint.objects.filter(
            listed=True, verified_seconds__gte=fresh_since().timestamp()
        )
    else:
        points = SearchPoint.objects.filter(offer__in=findable_on(on).values("pk"))
    if topic_code:
        points = points.filter(offer__topics__code=topic_code)
    return points


def _polygon_areas(points) -> list[tuple[tuple[float, float, float, float], dict]]:
    """(bounding box, GeoJSON) of the findable service areas drawn as polygons."""
    areas = points.filter(
        kind=SearchPoint.Kind.AREA, ags="", service_area__extent__isnull=False
    ).values_list("min_lat", "max_lat", "min_lon", "max_lon", "service_area__extent")
    return [
        ((min_lat, max_lat, min_lon, max_lon), extent)
        for min_lat, max_lat, min_lon, max_lon, extent in areas
        if min_lat is not None and extent
    ]


def _in_polygon_area(areas, lat: float, lon: float) -> bool:
    for (min_lat, max_lat, min_lon, max_lon), extent in areas:
        if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon and contains(extent, lat, lon):
            return True
    return False


def online_offers_by_district(points) -> dict[int | None, int]:
    """Findable online/telephone offers per district of the offer (None: no district, i.e.
    for the whole state); one offer counts once."""
    return dict(
        points.filter(kind=SearchPoint.Kind.ONLINE)
        .values_list("offer__district_id")
        .annotate(n=Count("offer_id", distinct=True))
        .order_by()
    )


def analyse(
    topic_code: str | None = None,
    municipalities: list[Municipality] | None = None,
    *,
    on: datetime.date | None = None,
) -> list[Place]:
    """Every municipality with its distance to the nearest findable offer (on the topic)
    that a family can get to: a venue, or an outreach offer whose area covers the place.
    `on`: a past day, counting the offers findable then (default: today)."""
    municipalities = municipalities or list(
        Municipality.objects.only("pk", "ags", "name", "district_id", "latitude", "longitude")
    )
    points = findable_points(topic_code, on)
    venues = VenueGrid(
        points.filter(kind=SearchPoint.Kind.VENUE, latitude__isnull=False).values_list(
            "latitude", "longitude"
        )
    )
    covered_ags = set(
        points.filter(kind=SearchPoint.Kind.AREA).exclude(ags="").values_list("ags", flat=True)
    )
    polygon_areas = _polygon_areas(points)
    online = online_offers_by_district(points)
    district_ags = {d.pk: d.ags for d in District.objects.only("pk", "ags")}
    weight = weights(municipalities)
    places = []
    for municipality in municipalities:
        children, estimated = weight[municipality.pk]
        venue = venues.nearest(municipality.latitude, municipality.longitude)
        if (
            municipality.ags in covered_ags
            or district_ags.get(municipality.district_id) in covered_ags
            or _in_polygon_area(polygon_areas, municipality.latitude, municipality.longitude)
        ):
            distance = 0.0
        else:
            distance = venue
        places.append(
            Place(municipality.ags, municipality.name, municipality.district_id, municipality.latitude,
                  municipality.longitude, children, estimated, distance,
                  venue, online.get(municipality.district_id, 0) + online.get(None, 0))
        )  # fmt: skip
    return places


def online_total(topic_code: str | None = None) -> int:
    """Findable online/telephone offers (on the topic) in the whole state."""
    return (
        findable_points(topic_code)
        .filter(kind=SearchPoint.Kind.ONLINE)
        .values("offer_id")
        .distinct()
        .count()
    )


def share_within(places: list[Place], km: float) -> tuple[Decimal, Decimal]:
    """(children within km, all children) over the places given."""
    reached = sum((p.children for p in places if p.within(km)), Decimal(0))
    total = sum((p.children for p in places), Decimal(0))
    return reached, total


def white_spots(places: list[Place], *, limit: int = 50) -> list[Place]:
    """The municipalities where most children live far from an offer: children × distance;
    among equals (above all those an outreach offer covers), children × distance to the
    nearest venue."""

    def badness(place: Place) -> tuple[float, float]:
        distance = MAX_KM if place.distance_km is None else place.distance_km
        venue = MAX_KM if place.venue_km is None else place.venue_km
        return float(place.children) * distance, float(place.children) * venue

    return sorted(places, key=badness, reverse=True)[:limit]
