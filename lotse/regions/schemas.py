"""API schemas of regions: what leaves the system, field by field."""

from typing import Literal

from ninja import Schema


class StatisticOut(Schema):
    value: float
    year: int
    source: str
    is_invented: bool


class DistrictOut(Schema):
    ags: str
    name: str
    kind: str
    latitude: float
    longitude: float
    statistics: dict[str, StatisticOut]


class PlaceMatchOut(Schema):
    kind: str
    name: str
    latitude: float
    longitude: float
    postcode: str | None
    municipality_ags: str | None
    municipality_name: str | None
    district_ags: str
    district_name: str


class BoundaryPropertiesOut(Schema):
    ags: str
    name: str


class BoundaryGeometryOut(Schema):
    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list


class BoundaryOut(Schema):
    type: Literal["Feature"]
    properties: BoundaryPropertiesOut
    geometry: BoundaryGeometryOut


class BoundariesOut(Schema):
    """GeoJSON FeatureCollection of the district outlines."""

    type: Literal["FeatureCollection"]
    features: list[BoundaryOut]
