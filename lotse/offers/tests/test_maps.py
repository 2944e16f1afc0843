"""The maps repeat the list: nearby venues as markers, over district outlines served by Lotse."""

import json
import re

import pytest
from django.urls import reverse

from lotse.offers.hsds import import_services
from lotse.offers.tests.samples import GREIFSWALD, hsds_service, online_service, outreach_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return import_services([hsds_service(), outreach_service("urn:de:ags:13075"), online_service()])


def map_data(content: str) -> dict:
    match = re.search(
        r'<script id="offer-map-data" type="application/json">(.*?)</script>', content
    )
    return json.loads(match.group(1))


def test_the_finder_map_has_the_point_the_radius_and_only_nearby_venues(client, directory):
    content = client.get(
        reverse("offers:finder"), {"where": "17489", "radius": "20"}
    ).content.decode()
    data = map_data(content)
    assert data["radius_km"] == 20
    assert data["center"][0] == pytest.approx(GREIFSWALD[0], abs=0.05)
    assert [marker["name"] for marker in data["markers"]] == ["Eltern-Café am Markt"]
    assert data["markers"][0]["url"] == directory[0].get_absolute_url()
    assert 'id="offer-map"' in content and " hidden " in content
    assert "/static/vendor/leaflet/leaflet.js" in content


def test_pages_load_nothing_from_other_hosts(client, directory):
    for url in (
        reverse("offers:finder") + "?where=17489",
        directory[0].get_absolute_url(),
    ):
        content = client.get(url).content.decode()
        assert not re.search(r'(src|href)="(https?:)?//', content), url


def test_no_map_without_venues(client, directory):
    online = directory[2]
    assert "offer-map" not in client.get(online.get_absolute_url()).content.decode()
    content = client.get(directory[0].get_absolute_url()).content.decode()
    assert map_data(content)["markers"][0]["name"] == "Eltern-Café am Markt"


def test_the_map_adds_no_queries_per_result(client, django_assert_max_num_queries):
    import_services([hsds_service(name=f"Café {n}") for n in range(15)])
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("offers:finder"), {"where": "17489"})
    import_services([hsds_service(name=f"Treff {n}") for n in range(15)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("offers:finder"), {"where": "17489"})


def test_the_district_outlines_are_geojson(client):
    response = client.get(reverse("api:district_boundaries"))
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 8
    assert "max-age" in response["Cache-Control"]
    assert len(response.content) < 200_000
