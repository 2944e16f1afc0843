"""The maps repeat the list: nearby venues as markers, over a static basemap of district outlines."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from lotse.offers.hsds_import import import_services
from lotse.offers.maps import finder_map, offer_map
from lotse.offers.models import Offer
from lotse.offers.search import Hit, SearchCriteria
from lotse.offers.tests.samples import (
    GREIFSWALD,
    WOLGAST,
    hsds_service,
    online_service,
    outreach_service,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return import_services([hsds_service(), outreach_service("urn:de:ags:13075"), online_service()])


def venue(name: str, lat: float, lon: float, city: str = "Greifswald") -> dict:
    return {
        "location": {
            "id": f"00000000-0000-4000-8000-{abs(hash((name, lat, lon))) % 10**12:012d}",
            "location_type": "physical",
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "addresses": [
                {"address_1": "Markt 1", "city": city, "postal_code": "17489", "country": "DE"}
            ],
        }
    }


def cards_of(offers: list[Offer], reach: str = "nearby") -> list[tuple[Offer, Hit]]:
    listed = Offer.objects.for_list().in_bulk([offer.pk for offer in offers])
    return [(listed[offer.pk], Hit(offer.pk, reach, 0.0)) for offer in offers]


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
    # The outreach and the online offer are in the list, but have no place on the map.
    assert [venue["offers"] for venue in data["venues"]] == [
        [{"name": "Eltern-Café am Markt", "url": directory[0].get_absolute_url()}]
    ]
    assert data["venues"][0]["title"] == "Familienzentrum, Greifswald: 1 Angebot"
    assert data["venues"][0]["address"] == "Markt 1, 17489 Greifswald"
    assert re.fullmatch(r"\d+,\d km entfernt", data["venues"][0]["distance"])
    assert data["attribution"].startswith(f'<a href="{reverse("imprint")}">© GeoBasis-DE')
    assert 'id="offer-map"' in content and " hidden " in content
    assert "/static/vendor/leaflet/leaflet.js" in content
    assert "/static/js/offer-map.js" in content


def test_offers_at_one_place_share_one_marker(db):
    offers = import_services([hsds_service(name="Babymassage"), hsds_service(name="Krabbelgruppe")])
    data = finder_map(SearchCriteria(*GREIFSWALD, radius_km=10), cards_of(offers))
    (place,) = data["venues"]
    assert [offer["name"] for offer in place["offers"]] == ["Babymassage", "Krabbelgruppe"]
    assert place["title"] == "Familienzentrum, Greifswald: 2 Angebote"
    assert place["distance"] == "0,0 km entfernt"


def test_venues_outside_the_radius_stay_off_the_map(db):
    (offer,) = import_services(
        [
            hsds_service(
                service_at_locations=[
                    venue("Familienzentrum", *GREIFSWALD),
                    venue("Hafenhaus", *WOLGAST, city="Wolgast"),  # about 25 km east
                ]
            )
        ]
    )
    near = finder_map(SearchCriteria(*GREIFSWALD, radius_km=10), cards_of([offer]))
    assert [place["label"] for place in near["venues"]] == ["Familienzentrum, Greifswald"]
    wide = finder_map(SearchCriteria(*GREIFSWALD, radius_km=30), cards_of([offer]))
    assert [place["distance"] for place in wide["venues"]] == [
        "0,0 km entfernt",
        "25,6 km entfernt",
    ]
    # The offer's own page shows every venue, with the address instead of a link to itself.
    own = offer_map(Offer.objects.for_list().get(pk=offer.pk))
    assert [place["title"] for place in own["venues"]] == [
        "Familienzentrum, Greifswald",
        "Hafenhaus, Wolgast",
    ]
    assert all(place["offers"] == [] and place["distance"] is None for place in own["venues"])


def test_area_and_online_offers_have_no_marker(directory):
    outreach, online = directory[1], directory[2]
    cards = cards_of([outreach], reach="area") + cards_of([online], reach="online")
    assert finder_map(SearchCriteria(*GREIFSWALD), cards)["venues"] == []


def test_pages_load_nothing_from_other_hosts(client, directory):
    for url in (
        reverse("offers:finder") + "?where=17489",
        directory[0].get_absolute_url(),
    ):
        content = client.get(url).content.decode()
        assert "offer-map-data" in content, url
        # Scripts, styles and images: a link to a provider's website is fine, a load is not.
        resources = re.findall(r'<(?:script|img|link)\b[^>]*\b(?:src|href)="([^"]*)"', content)
        assert resources and all(src.startswith("/") for src in resources), resources
        assert not any(src.startswith("//") for src in resources), resources
        data = map_data(content)
        assert data["basemap"].startswith("/static/")
        assert all(url.startswith("/static/") for url in data["icon"].values())


def test_no_map_without_venues(client, directory):
    online = directory[2]
    assert "offer-map" not in client.get(online.get_absolute_url()).content.decode()
    content = client.get(directory[0].get_absolute_url()).content.decode()
    assert map_data(content)["venues"][0]["label"] == "Familienzentrum, Greifswald"


def test_no_finder_map_without_nearby_venues(client, directory):
    # Anklam: the district's outreach offer and the online offer, nothing within 5 km.
    content = client.get(reverse("offers:finder"), {"where": "17389", "radius": "5"})
    assert b"Familienhebamme" in content.content
    assert b"offer-map" not in content.content


def test_the_map_adds_no_queries_per_result(client, django_assert_max_num_queries):
    import_services([hsds_service(name=f"Café {n}") for n in range(15)])
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("offers:finder"), {"where": "17489"})
    import_services([hsds_service(name=f"Treff {n}") for n in range(15)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("offers:finder"), {"where": "17489"})
    assert len(map_data(response.content.decode())["venues"][0]["offers"]) == 20  # one page


def test_the_map_finds_its_images_after_collectstatic_hashed_them(tmp_path):
    """Leaflet's own guess of its image folder fails on hashed names; ours must not."""
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES={**settings.STORAGES, "staticfiles": manifest}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        data = finder_map(SearchCriteria(*GREIFSWALD), [])
    urls = [data["basemap"], *data["icon"].values()]
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.(png|geojson)$", url), url
        assert (Path(tmp_path) / url.removeprefix(settings.STATIC_URL)).is_file(), url


def test_the_district_outlines_are_geojson(client):
    response = client.get(reverse("api:district_boundaries"))
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 8
    assert "max-age" in response["Cache-Control"]
    assert len(response.content) < 200_000
