"""Plain-Python geometry on WGS84 points and GeoJSON polygons (no GIS database needed)."""

from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle on the sphere
    (the widest longitude span of a spherical cap, not the one at the centre's latitude)."""
    angle = radius_km / EARTH_RADIUS_KM
    d_lat = math.degrees(angle)
    cos_lat = math.cos(math.radians(lat))
    ratio = math.sin(angle) / cos_lat if cos_lat > 1e-9 else 2.0
    d_lon = 180.0 if ratio >= 1 else math.degrees(math.asin(ratio))
    return lat - d_lat, lat + d_lat, lon - d_lon, lon + d_lon


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"not a polygon: {geometry['type']}")


def geometry_bounds(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a Polygon or MultiPolygon."""
    lons = [p[0] for polygon in polygons(geometry) for p in polygon[0]]
    lats = [p[1] for polygon in polygons(geometry) for p in polygon[0]]
    return min(lats), max(lats), min(lons), max(lons)


def _in_ring(lon: float, lat: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Whether the point lies inside the polygon (holes excluded)."""
    for polygon in polygons(geometry):
        if _in_ring(lon, lat, polygon[0]) and not any(
            _in_ring(lon, lat, hole) for hole in polygon[1:]
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _municipality_shapes() -> tuple:
    from lotse.regions.models import Municipality

    return tuple(
        (ags, district_ags, geometry_bounds(boundary), boundary)
        for ags, district_ags, boundary in Municipality.objects.exclude(boundary=None).values_list(
            "ags", "district__ags", "boundary"
        )
        if boundary is not None  # always, after the exclude; said for mypy
    )


def municipality_at(lat: float, lon: float) -> tuple[str, str] | None:
    """(municipality AGS, district AGS) of the point, or None outside MV."""
    for ags, district_ags, (min_lat, max_lat, min_lon, max_lon), boundary in _municipality_shapes():
        if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon and contains(boundary, lat, lon):
            return ags, district_ags
    return None


@lru_cache(maxsize=1)
def _district_shapes() -> tuple:
    from lotse.regions.models import District

    return tuple(
        (ags, geometry_bounds(boundary), boundary)
        for ags, boundary in District.objects.exclude(boundary=None).values_list("ags", "boundary")
        if boundary is not None  # always, after the exclude; said for mypy
    )


def district_at(lat: float, lon: float) -> str | None:
    """The AGS of the district whose own outline contains the point, or None."""
    for ags, (min_lat, max_lat, min_lon, max_lon), boundary in _district_shapes():
        if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon and contains(boundary, lat, lon):
            return ags
    return None


def place_at(lat: float, lon: float) -> tuple[str | None, str] | None:
    """(municipality AGS or None, district AGS) of the point, or None outside MV.

    The simplified municipality outlines leave gaps between neighbours (measured: 53.53682,
    12.82097 in the Mecklenburgische Seenplatte lies in none). A point inside a
    municipality belongs to that municipality's district; a point in such a gap to the
    district whose own outline contains it, so district-wide offers still reach it.
    """
    municipality = municipality_at(lat, lon)
    if municipality:
        return municipality
    district = district_at(lat, lon)
    return (None, district) if district else None
