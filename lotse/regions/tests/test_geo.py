"""The search's geometry: the bounding box never cuts off a point inside the circle."""

import math

from hypothesis import given
from hypothesis import strategies as st

from lotse.regions.geo import (
    EARTH_RADIUS_KM,
    bounding_box,
    distance_km,
    district_at,
    municipality_at,
    place_at,
)


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    angle, bearing = km / EARTH_RADIUS_KM, math.radians(bearing_deg)
    phi1, lam1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(angle) + math.cos(phi1) * math.sin(angle) * math.cos(bearing)
    )
    lam2 = lam1 + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(phi1),
        math.cos(angle) - math.sin(phi1) * math.sin(phi2),
    )
    return math.degrees(phi2), math.degrees(lam2)


@given(
    lat=st.floats(53.0, 54.8),
    lon=st.floats(10.5, 14.5),
    radius=st.floats(1, 100),
    bearing=st.floats(0, 360),
    share=st.floats(0, 0.999),
)
def test_every_point_of_the_circle_is_in_the_box(lat, lon, radius, bearing, share):
    point = destination(lat, lon, bearing, radius * share)
    assert distance_km(lat, lon, *point) <= radius + 1e-6
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    assert min_lat <= point[0] <= max_lat
    assert min_lon <= point[1] <= max_lon


def test_the_widest_point_is_not_at_the_centres_latitude():
    # 100 km around Rügen: the circle reaches furthest east north of its centre.
    lat, lon = 54.5, 13.4
    east = max((destination(lat, lon, b / 10, 99.99) for b in range(0, 1800)), key=lambda p: p[1])
    assert east[0] > lat
    assert east[1] <= bounding_box(lat, lon, 100)[3]


def test_a_point_between_municipality_outlines_lies_in_its_districts_outline(db):
    # Measured in the Mecklenburgische Seenplatte: the simplified municipality outlines leave
    # a gap there, the district's outline does not.
    gap = (53.53682, 12.82097)
    assert municipality_at(*gap) is None
    assert district_at(*gap) == "13071"
    assert place_at(*gap) == (None, "13071")
    # Inside a municipality, its own district; outside MV, nothing.
    neubrandenburg = (53.5560, 13.2830)
    municipality, district = place_at(*neubrandenburg)
    assert municipality.startswith("13071") and district == "13071"
    assert place_at(52.52, 13.40) is None  # Berlin
