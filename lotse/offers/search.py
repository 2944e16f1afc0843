"""The parents' search: which findable offers fit a place, a child's age and the filters.

Reach, in this order:
- nearby: a venue within the radius (great-circle); ordered by the nearest venue's distance,
- area: no venue nearby, but a service area covers the point (its municipality or district
  by AGS, or a GeoJSON extent containing it),
- online: neither, but the offer has a virtual location (online or phone).
Ties by name, then id. The finder page and /api/v1/offers both call `search()`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np
from django.db import connection

from lotse.offers import search_freshness
from lotse.offers.models import Offer
from lotse.offers.queries import fresh_since
from lotse.offers.search_columns import AREA, NO_LANGUAGE, ags_number
from lotse.offers.search_table import SearchTable
from lotse.regions.geo import EARTH_RADIUS_KM, bounding_box, contains, place_at

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
    offer_id: uuid.UUID
    reach: str  # "nearby" | "area" | "online"
    distance_km: float | None


@dataclass(eq=False)
class SearchResult:
    """The offers found, as offer numbers of the search table, group by group in order."""

    table: SearchTable
    nearby: np.ndarray
    distances: np.ndarray  # km to the nearest venue, beside `nearby`
    area: np.ndarray
    online: np.ndarray
    municipality_ags: str | None = None
    district_ags: str | None = None

    @property
    def count(self) -> int:
        return len(self.nearby) + len(self.area) + len(self.online)

    @property
    def found_nearby(self) -> bool:
        return len(self.nearby) > 0

    @property
    def hits(self) -> list[Hit]:
        """Every hit in order (for tests and small results; pages use `page()`)."""
        return self.slice(0, self.count)

    def page(self, number: int, per_page: int) -> list[Hit]:
        return self.slice((number - 1) * per_page, number * per_page)

    def slice(self, start: int, stop: int) -> list[Hit]:
        """Hits start..stop-1 (a window past the end is empty, even page 10^20 of the API)."""
        hits: list[Hit] = []
        offset = 0
        for reach, numbers in (
            ("nearby", self.nearby),
            ("area", self.area),
            ("online", self.online),
        ):
            low, high = max(start - offset, 0), min(stop - offset, len(numbers))
            for position in range(low, high):
                distance = float(self.distances[position]) if reach == "nearby" else None
                hits.append(Hit(self.table.offer_id(numbers[position]), reach, distance))
            offset += len(numbers)
        return hits

    def local_offer_ids(self) -> list[uuid.UUID]:
        """The nearby and area offers (not the online ones found from anywhere)."""
        return [self.table.offer_id(number) for number in (*self.nearby, *self.area)]

    # Django's Paginator pages any object with count() and slicing.
    def __getitem__(self, window: slice) -> list[Hit]:
        return self.slice(window.start or 0, window.stop)

    def __len__(self) -> int:
        return self.count


def matching_rows(table: SearchTable, criteria: SearchCriteria) -> np.ndarray:
    """A row mask: findable and passing every filter except the place."""
    rows = table.listed & (table.verified_at >= fresh_since().timestamp())
    if criteria.pregnant:
        rows &= table.pregnancy_eligible
    elif criteria.age_months is not None:
        rows &= (table.age_min <= criteria.age_months) & (table.age_max >= criteria.age_months)
    if criteria.topics:
        rows &= table.rows_with_any("topics", criteria.topics)
    if criteria.language:
        # An offer that lists no language is held in German.
        also = [NO_LANGUAGE] if criteria.language == "de" else []
        rows &= table.rows_with_any("languages", [criteria.language, *also])
    if criteria.free_only:
        rows &= table.is_free
    if criteria.weekday:
        rows &= table.rows_with_any("weekdays", [criteria.weekday])
    return rows


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine, as regions.geo.distance_km) to many points."""
    phi1, phi2 = np.radians(lat), np.radians(lats)
    d_phi, d_lambda = phi2 - phi1, np.radians(lons - lon)
    a = np.sin(d_phi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(d_lambda / 2) ** 2
    return EARTH_RADIUS_KM * 2 * np.arcsin(np.sqrt(np.minimum(1.0, a)))


def nearest_venues(
    table: SearchTable, rows: np.ndarray, criteria: SearchCriteria
) -> tuple[np.ndarray, np.ndarray]:
    """(offers, km) with a venue within the radius, by the nearest venue's distance, then name."""
    lat, lon = criteria.latitude, criteria.longitude
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, criteria.radius_km)
    # Venues in the latitude band (a slice of the venues sorted by latitude), then the box.
    venues, latitudes = table.venues_by_latitude
    band = venues[
        np.searchsorted(latitudes, min_lat, side="left") : np.searchsorted(
            latitudes, max_lat, side="right"
        )
    ]
    longitudes = table.longitude[band]
    in_box = ascending(band[rows[band] & (longitudes >= min_lon) & (longitudes <= max_lon)], rows)
    km = distances_km(lat, lon, table.latitude[in_box], table.longitude[in_box])
    within = km <= criteria.radius_km
    offers, km = table.offer[in_box[within]], km[within]  # ascending, as rows are
    # Each offer once, at its nearest venue.
    starts = np.flatnonzero(first_of_each(offers))
    offers = offers[starts]
    km = np.minimum.reduceat(km, starts) if len(starts) else km
    # By distance; a stable sort keeps equal distances in offer number, i.e. name, order.
    order = np.argsort(km, kind="stable")
    return offers[order], km[order]


def ascending(selected: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Row indexes `selected` sorted: by a sort when few, through a mask of all rows when
    many (a wide radius selects tens of thousands of venues; sorting them costs more)."""
    if len(selected) < len(rows) // 20:
        return np.sort(selected)
    mask = np.zeros(len(rows), dtype=bool)
    mask[selected] = True
    return np.flatnonzero(mask)


def covering_rows(
    table: SearchTable,
    rows: np.ndarray,
    lat: float,
    lon: float,
    place: tuple[str | None, str] | None,
) -> np.ndarray:
    """Area rows among `rows` that contain the point, ascending: by the AGS of its
    municipality or district (`place`, from regions.geo.place_at), or by an extent around it."""
    areas = rows & (table.kind == AREA)
    covered = np.zeros(len(rows), dtype=bool)
    if place:
        for ags in place:
            if ags:
                covered |= areas & (table.ags == ags_number(ags))
    # Extents: only the few area rows that have one are looked at.
    candidates = table.extent_rows[rows[table.extent_rows]]
    around = candidates[
        (table.min_lat[candidates] <= lat)
        & (table.max_lat[candidates] >= lat)
        & (table.min_lon[candidates] <= lon)
        & (table.max_lon[candidates] >= lon)
    ]
    for row in around.tolist():
        if row in table.extents and contains(table.extents[row], lat, lon):
            covered[row] = True
    return np.flatnonzero(covered)


def covering_offer_ids(lat: float, lon: float) -> set[uuid.UUID]:
    """Findable offers whose service area contains the point, however near their venues."""
    table = search_freshness.current()
    rows = matching_rows(table, SearchCriteria(lat, lon))
    covered = covering_rows(table, rows, lat, lon, place_at(lat, lon))
    return {table.offer_id(number) for number in table.offer[covered]}


def offers_of(table: SearchTable, rows: np.ndarray) -> np.ndarray:
    """The offers of the rows (ascending indexes), each once, in name order (rows are in
    offer order)."""
    offers = table.offer[rows]
    return offers[first_of_each(offers)]


def first_of_each(sorted_values: np.ndarray) -> np.ndarray:
    """A mask of the first of each run of equal values."""
    first = np.ones(len(sorted_values), dtype=bool)
    first[1:] = sorted_values[1:] != sorted_values[:-1]
    return first


def without(offers: np.ndarray, found: np.ndarray, table: SearchTable) -> np.ndarray:
    """`offers` minus `found`, order kept."""
    taken = np.zeros(table.offer_count, dtype=bool)
    taken[found] = True
    return offers[~taken[offers]]


def search(criteria: SearchCriteria) -> SearchResult:
    """The hits in reach order; the caller pages through them."""
    table = search_freshness.current()
    lat, lon = criteria.latitude, criteria.longitude
    rows = matching_rows(table, criteria)
    nearby, distances = nearest_venues(table, rows, criteria)

    place = place_at(lat, lon)
    area = without(offers_of(table, covering_rows(table, rows, lat, lon, place)), nearby, table)
    online = offers_of(table, table.online_rows[rows[table.online_rows]])
    online = without(online, np.concatenate((nearby, area)), table)
    municipality_ags, district_ags = place if place else (None, None)
    return SearchResult(
        table=table,
        nearby=nearby,
        distances=distances,
        area=area,
        online=online,
        municipality_ags=municipality_ags,
        district_ags=district_ags,
    )


def offers_for_hits(hits: list[Hit]) -> list[tuple[Offer, Hit]]:
    """The page's offers with what their cards show (a fixed number of queries)."""
    offers = Offer.objects.for_list().in_bulk([hit.offer_id for hit in hits])
    return [(offers[hit.offer_id], hit) for hit in hits]


def refresh_planner_statistics() -> None:
    """After bulk writes: without fresh statistics SQLite picks slow plans for the offer
    pages' lookups. PostgreSQL's autovacuum would get there later; ANALYZE gets there now."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
