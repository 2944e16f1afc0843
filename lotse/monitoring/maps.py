"""Choropleth maps of MV as inline SVG, drawn on the server from the regions' boundaries:
offline, no script, printable, the same in the PDF. Colour-blind-safe sequential palette
(viridis, 5 classes) with a legend in numbers; every area has a <title> and the page has
the same values in a table under the map."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

# viridis, 5 steps (colour-blind safe, readable in greyscale); dark = high.
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_DATA = "#d9d9d9"
WIDTH = 600


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    path: str
    value: Decimal | None
    label: str
    colour: str


@dataclass(frozen=True)
class LegendStep:
    colour: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    areas: list[Area]
    legend: list[LegendStep]


def _project(bounds):
    min_lon, min_lat, max_lon, max_lat = bounds
    factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = (max_lon - min_lon) * factor
    span_y = max_lat - min_lat
    scale = WIDTH / span_x
    height = int(span_y * scale) + 1

    def point(lon, lat):
        return ((lon - min_lon) * factor * scale, (max_lat - lat) * scale)

    return point, height


def _rings(geometry):
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _bounds(geometries):
    lons, lats = [], []
    for geometry in geometries:
        for ring in _rings(geometry):
            for lon, lat, *_ in ring:
                lons.append(lon)
                lats.append(lat)
    return (min(lons), min(lats), max(lons), max(lats)) if lons else (10.5, 53.0, 14.5, 54.7)


def _thinned(coordinates, *, step: float = 1.2):
    """Drop points closer than `step` map units to the last kept one: a 600-unit-wide map
    needs no finer detail, and the municipality map shrinks to a fraction."""
    kept = coordinates[:1]
    for x, y in coordinates[1:]:
        last_x, last_y = kept[-1]
        if abs(x - last_x) + abs(y - last_y) >= step:
            kept.append((x, y))
    return kept


def classes(values: list[Decimal]) -> list[Decimal]:
    """Five classes by quantiles of the values present (breaks as numbers for the legend)."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return []
    return [
        present[min(len(present) - 1, round(q * (len(present) - 1)))]
        for q in (0, 0.2, 0.4, 0.6, 0.8, 1)
    ]


def colour_for(value, breaks) -> str:
    if value is None or not breaks:
        return NO_DATA
    for index in range(5):
        if value <= breaks[index + 1]:
            return PALETTE[index]
    return PALETTE[-1]


def choropleth(
    regions, values: dict[str, Decimal | None], labels: dict[str, str], *, detail: float = 1.2
) -> Map:
    """`regions`: objects with .ags, .name, .boundary (GeoJSON); values/labels by AGS."""
    regions = [r for r in regions if r.boundary]
    point, height = _project(_bounds([r.boundary for r in regions]))
    breaks = classes(list(values.values()))
    areas = []
    for region in regions:
        parts = []
        for ring in _rings(region.boundary):
            coordinates = _thinned([point(lon, lat) for lon, lat, *_ in ring], step=detail)
            if len(coordinates) >= 3:
                parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in coordinates) + "Z")
        value = values.get(region.ags)
        areas.append(
            Area(
                region.ags,
                region.name,
                "".join(parts),
                value,
                labels.get(region.ags, "–"),
                colour_for(value, breaks),
            )
        )
    legend = [LegendStep(PALETTE[i], breaks[i], breaks[i + 1]) for i in range(5)] if breaks else []
    # identical breaks (few distinct values) make empty classes: keep the ones with a range
    seen, unique = set(), []
    for step in legend:
        if (step.low, step.high) not in seen:
            seen.add((step.low, step.high))
            unique.append(step)
    return Map(WIDTH, height, areas, unique)
