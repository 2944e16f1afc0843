"""The maps' basemap: the outlines of the 8 districts and the district towns, as a static file.

Lotse draws its maps without a tile server (nothing may load from elsewhere), so the
basemap is GeoJSON built from the committed reference data and served as a static file:
hashed, compressed and cached for good by WhiteNoise, no database and no view involved.

    .venv/bin/python manage.py build_basemap          # rewrite the file
    .venv/bin/python manage.py build_basemap --check  # fail if it is out of date

A test fails when the committed file differs from what this module builds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lotse.regions.reference_data import DATA_DIR

BASEMAP_PATH = Path(__file__).resolve().parent.parent / "static" / "geo" / "mv-districts.geojson"

# 4 decimals are about 7–11 m in MV: finer than a pixel at street zoom. The boundaries
# are already simplified to about 60 m (scripts/build_regions.py), so rounding only trims
# digits and the points that rounding makes equal.
DIGITS = 4

# The seats of the district administrations (and the two district-free cities): one
# label per district, enough to find one's bearings, never a crowd of names.
DISTRICT_TOWNS = {
    "13003": "Rostock",
    "13004": "Schwerin",
    "13071": "Neubrandenburg",
    "13072": "Güstrow",
    "13073": "Stralsund",
    "13074": "Wismar",
    "13075": "Greifswald",
    "13076": "Parchim",
}


def _ring(ring: list[list[float]]) -> list[list[float]]:
    rounded: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def _outline(geometry: dict[str, Any]) -> dict[str, Any]:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    coordinates = [[_ring(ring) for ring in polygon] for polygon in polygons]
    if len(coordinates) == 1:
        return {"type": "Polygon", "coordinates": coordinates[0]}
    return {"type": "MultiPolygon", "coordinates": coordinates}


def _town(name: str, district_ags: str, places: list[dict[str, Any]]) -> dict[str, Any]:
    place = next(p for p in places if p["name"] == name and p["district_ags"] == district_ags)
    lon, lat = place["centroid"]
    return {
        "type": "Feature",
        "properties": {"kind": "town", "name": name},
        "geometry": {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS)]},
    }


def build_basemap() -> dict[str, Any]:
    """District outlines (Polygon features) and district towns (Point features), sorted by AGS."""
    districts = json.loads((DATA_DIR / "districts.json").read_text(encoding="utf-8"))
    places = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))
    districts.sort(key=lambda district: district["ags"])
    outlines = [
        {
            "type": "Feature",
            "properties": {"kind": "district", "ags": district["ags"], "name": district["name"]},
            "geometry": _outline(district["boundary"]),
        }
        for district in districts
    ]
    towns = [_town(name, ags, places) for ags, name in sorted(DISTRICT_TOWNS.items())]
    return {"type": "FeatureCollection", "features": outlines + towns}


def basemap_text() -> str:
    """The file's content: compact, one feature a line, so a rebuild gives a readable diff."""
    collection = build_basemap()
    lines = ",\n".join(
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in collection["features"]
    )
    return '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"
