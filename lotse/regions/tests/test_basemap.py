"""The maps' basemap is a static file built from the reference data, and small."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from lotse.regions.basemap import BASEMAP_PATH, basemap_text, build_basemap


def test_the_committed_basemap_is_built_from_the_reference_data():
    # After a change to districts.json or places.json: manage.py build_basemap
    assert BASEMAP_PATH.read_text(encoding="utf-8") == basemap_text()
    call_command("build_basemap", "--check")


def test_the_check_fails_when_the_file_is_out_of_date(tmp_path, monkeypatch):
    stale = tmp_path / "mv-districts.geojson"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr("lotse.regions.management.commands.build_basemap.BASEMAP_PATH", stale)
    with pytest.raises(CommandError, match="veraltet"):
        call_command("build_basemap", "--check")
    call_command("build_basemap", stdout=io.StringIO())
    assert stale.read_text(encoding="utf-8") == basemap_text()


def test_the_basemap_has_the_eight_districts_and_their_towns():
    features = build_basemap()["features"]
    districts = [f for f in features if f["properties"]["kind"] == "district"]
    towns = [f for f in features if f["properties"]["kind"] == "town"]
    assert [d["properties"]["ags"] for d in districts] == [
        "13003", "13004", "13071", "13072", "13073", "13074", "13075", "13076",
    ]  # fmt: skip
    assert {d["geometry"]["type"] for d in districts} <= {"Polygon", "MultiPolygon"}
    greifswald = next(t for t in towns if t["properties"]["name"] == "Greifswald")
    assert greifswald["geometry"]["coordinates"] == pytest.approx([13.39, 54.09], abs=0.01)
    assert len(towns) == 8


def test_the_basemap_is_small_and_rounded_to_four_decimals():
    text = basemap_text()
    assert len(text.encode()) < 150_000  # about 40 KB compressed, on a phone's connection
    assert not re.search(r"\d\.\d{5}", text)
    json.loads(text)
