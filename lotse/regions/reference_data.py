"""Loading the committed reference data of MV (built by scripts/build_regions.py).

Runs inside a data migration, so the regions are present after `migrate`; it receives
the model classes so the migration can pass its historical models.
"""

from __future__ import annotations

import csv
import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from lotse.regions.queries import normalize_place_name

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_json(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _representative_point(geometry: dict[str, Any] | None) -> tuple[float, float]:
    """A rough middle of a boundary (mean of the outer ring of the largest polygon)."""
    if not geometry:
        return (0.0, 0.0)
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    ring = max((polygon[0] for polygon in polygons), key=len)
    return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))


def load_reference_data(District, Municipality, Postcode, Place, Statistic) -> None:
    """Districts with their statistics, municipalities, postcodes and place names of MV."""
    boundaries = {row["ags"]: row for row in _read_json("districts.json")}
    municipality_rows = _read_json("municipalities.json")
    with (DATA_DIR / "districts.csv").open(encoding="utf-8") as handle:
        district_rows = list(csv.DictReader(handle))

    districts = {}
    for row in district_rows:
        boundary = boundaries.get(row["ags"], {}).get("boundary")
        own_municipalities = [m for m in municipality_rows if m["district_ags"] == row["ags"]]
        if own_municipalities:
            longitude = sum(m["centroid"][0] for m in own_municipalities) / len(own_municipalities)
            latitude = sum(m["centroid"][1] for m in own_municipalities) / len(own_municipalities)
        else:
            longitude, latitude = _representative_point(boundary)
        districts[row["ags"]] = District.objects.create(
            ags=row["ags"],
            name=row["name"],
            kind=row["kind"],
            boundary=boundary,
            latitude=round(latitude, 5),
            longitude=round(longitude, 5),
        )
        for kind, value_key, year_key in (
            ("population", "population", "population_year"),
            ("area_km2", "area_km2", "area_year"),
        ):
            year = int(row[year_key])
            Statistic.objects.create(
                district=districts[row["ags"]],
                kind=kind,
                year=year,
                reference_date=datetime.date(year, 12, 31),
                value=Decimal(row[value_key]),
                source=row["source"],
            )

    Municipality.objects.bulk_create(
        Municipality(
            ags=row["ags"],
            name=row["name"],
            district=districts[row["district_ags"]],
            longitude=row["centroid"][0],
            latitude=row["centroid"][1],
            boundary=row.get("boundary"),
            merged_note=row.get("merged") or "",
        )
        for row in municipality_rows
    )
    by_ags = {m.ags: m for m in Municipality.objects.all()}

    postcode_rows = _read_json("postcodes.json")
    Postcode.objects.bulk_create(
        Postcode(code=row["code"], longitude=row["centroid"][0], latitude=row["centroid"][1])
        for row in postcode_rows
    )
    postcode_by_code = {p.code: p for p in Postcode.objects.all()}
    Link = Postcode.municipalities.through
    Link.objects.bulk_create(
        Link(postcode_id=postcode_by_code[row["code"]].pk, municipality_id=by_ags[ags].pk)
        for row in postcode_rows
        for ags in row["municipality_ags"]
        if ags in by_ags
    )

    places = {}
    for municipality in by_ags.values():
        short = municipality.name.split(",")[0].strip()
        places[(short, municipality.ags)] = Place(
            name=short,
            search_name=normalize_place_name(short),
            longitude=municipality.longitude,
            latitude=municipality.latitude,
            municipality=municipality,
        )
    for row in _read_json("places.json"):
        key = (row["name"], row["municipality_ags"])
        if key in places or row["municipality_ags"] not in by_ags:
            continue
        places[key] = Place(
            name=row["name"],
            search_name=normalize_place_name(row["name"]),
            longitude=row["centroid"][0],
            latitude=row["centroid"][1],
            municipality=by_ags[row["municipality_ags"]],
            postcode=row.get("postcode") or "",
        )
    Place.objects.bulk_create(places.values(), batch_size=2000)
