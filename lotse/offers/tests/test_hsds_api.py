"""The open data API /api/hsds/: valid against the official HSDS 3.0 schemas, public data only."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from lotse.offers.hsds import import_services
from lotse.offers.hsds_api import TAXONOMY_ID
from lotse.offers.models import Offer, Topic
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[3] / "tests" / "hsds_schema"
BASE = "/api/hsds"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


# taxonomy_term.json refers to taxonomy.json and metadata.json by relative name.
REGISTRY = Registry().with_resources(
    (name, DRAFT202012.create_resource(schema(name.removesuffix(".json"))))
    for name in ("taxonomy.json", "metadata.json")
)


def valid(document: dict, name: str) -> None:
    jsonschema.Draft202012Validator(schema(name), registry=REGISTRY).validate(document)


def valid_page(page: dict, item_schema: str) -> None:
    for key, kind in (
        ("total_items", int),
        ("total_pages", int),
        ("page_number", int),
        ("size", int),
        ("first_page", bool),
        ("last_page", bool),
        ("empty", bool),
        ("contents", list),
    ):
        assert isinstance(page[key], kind), key
    for item in page["contents"]:
        valid(item, item_schema)


@pytest.fixture
def directory(db):
    offers = import_services(
        [
            hsds_service(),
            outreach_service("urn:de:ags:13075"),
            online_service(),
            hsds_service(
                name="Wartet noch",
                organization={
                    "id": "5d1f6f3e-0c1e-4d0e-9a45-000000000001",
                    "name": "Nur intern e.V.",
                },
            ),
        ]
    )
    Offer.objects.filter(name="Wartet noch").update(approval=Offer.Approval.PENDING)
    return offers


def test_root_names_version_profile_and_openapi(client):
    body = client.get(f"{BASE}/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert client.get(body["openapi_url"].replace("http://testserver", "")).status_code == 200
    assert (
        client.get(body["profile"].replace("http://testserver", "")).json()["hsds_version"] == "3.0"
    )


def test_services_list_and_full_are_valid_and_public_only(client, directory):
    page = client.get(f"{BASE}/services").json()
    valid_page(page, "service_list")
    names = [service["name"] for service in page["contents"]]
    assert "Wartet noch" not in names
    assert page["total_items"] == 3 and page["first_page"] and page["last_page"]
    full = client.get(f"{BASE}/services", {"full": "true"}).json()
    for service in full["contents"]:
        valid(service, "service")
    one = client.get(f"{BASE}/services/{directory[0].pk}").json()
    valid(one, "service")
    assert one["id"] == str(directory[0].pk)
    pending = Offer.objects.get(name="Wartet noch")
    assert client.get(f"{BASE}/services/{pending.pk}").status_code == 404


def test_paging(client, directory):
    first = client.get(f"{BASE}/services", {"per_page": 2}).json()
    second = client.get(f"{BASE}/services", {"per_page": 2, "page": 2}).json()
    assert (first["total_pages"], first["size"], first["last_page"]) == (2, 2, False)
    assert (second["size"], second["last_page"], second["first_page"]) == (1, True, False)
    ids = [s["id"] for s in first["contents"] + second["contents"]]
    assert len(set(ids)) == 3
    beyond = client.get(f"{BASE}/services", {"page": 9}).json()
    assert beyond["empty"] and beyond["contents"] == []


def test_filters_taxonomy_term_modified_after_postcode_proximity(client, directory):
    cafe, midwife, phone = directory[:3]
    term = Topic.objects.get(code="familienhebamme")
    by_term = client.get(f"{BASE}/services", {"taxonomy_term_id": str(term.pk)}).json()
    assert [s["id"] for s in by_term["contents"]] == [str(midwife.pk)]

    Offer.objects.filter(pk=cafe.pk).update(
        last_modified=timezone.now() - datetime.timedelta(days=30)
    )
    Offer.objects.filter(pk__in=[midwife.pk, phone.pk]).update(
        last_modified=timezone.now() - datetime.timedelta(days=60)
    )
    since = (timezone.now() - datetime.timedelta(days=45)).date().isoformat()
    recent = client.get(f"{BASE}/services", {"modified_after": since}).json()
    assert [s["id"] for s in recent["contents"]] == [str(cafe.pk)]

    covering = client.get(f"{BASE}/services", {"postcode": "17489"}).json()
    assert [s["id"] for s in covering["contents"]] == [str(midwife.pk)]
    near = client.get(f"{BASE}/services", {"postcode": "17489", "proximity": "5000"}).json()
    assert {s["id"] for s in near["contents"]} == {str(cafe.pk), str(midwife.pk)}
    far = client.get(f"{BASE}/services", {"postcode": "19370", "proximity": "5000"}).json()
    assert far["contents"] == []


def test_organizations_service_at_locations_and_taxonomies_are_valid(client, directory):
    organizations = client.get(f"{BASE}/organizations").json()
    valid_page(organizations, "organization_list")
    assert [o["name"] for o in organizations["contents"]] == ["Familienbrücke Vorpommern e.V."]
    organization = client.get(f"{BASE}/organizations/{organizations['contents'][0]['id']}").json()
    valid(organization, "organization")
    assert len(organization["services"]) == 3
    hidden = Offer.objects.get(name="Wartet noch").organization_id
    assert client.get(f"{BASE}/organizations/{hidden}").status_code == 404

    links = client.get(f"{BASE}/service_at_locations", {"full": "true"}).json()
    valid_page(links, "service_at_location_list")
    for link in links["contents"]:
        valid(link, "service_at_location")
    one = client.get(f"{BASE}/service_at_locations/{links['contents'][0]['id']}").json()
    valid(one, "service_at_location")

    taxonomies = client.get(f"{BASE}/taxonomies").json()
    valid_page(taxonomies, "taxonomy")
    assert client.get(f"{BASE}/taxonomies/{TAXONOMY_ID}").json()["name"] == "lotse-themen"
    terms = client.get(f"{BASE}/taxonomy_terms", {"per_page": 100}).json()
    valid_page(terms, "taxonomy_term")
    assert terms["total_items"] == Topic.objects.count() == 15
    term = client.get(f"{BASE}/taxonomy_terms/{terms['contents'][0]['id']}").json()
    valid(term, "taxonomy_term")


def test_open_to_every_origin_without_cookies(client, directory):
    response = client.get(f"{BASE}/services", HTTP_ORIGIN="https://www.elternsein.info")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    preflight = client.options(f"{BASE}/services", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/angebote/").headers


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"per_page": "500"},
        {"page": "x"},
        {"modified_after": "gestern"},
        {"taxonomy_term_id": "kein-uuid"},
        {"postcode": "1234"},
        {"postcode": "99999"},
        {"postcode": "17489", "proximity": "viel"},
        {"proximity": "1000"},
    ],
)
def test_bad_input_is_400_with_a_german_detail(client, directory, params):
    response = client.get(f"{BASE}/services", params)
    assert response.status_code == 400, params
    assert response.json()["detail"]


def test_unknown_and_malformed_ids_are_404(client, directory):
    for path in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        assert client.get(f"{BASE}/{path}/kaputt").status_code == 404
        assert client.get(f"{BASE}/{path}/00000000-0000-4000-8000-000000000000").status_code == 404


def test_list_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    records = [hsds_service(name=f"Café {n}") for n in range(40)]
    import_services(records)
    with django_assert_max_num_queries(12) as small:
        client.get(f"{BASE}/services", {"per_page": 5, "full": "true"})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{BASE}/services", {"per_page": 40, "full": "true"})
    with django_assert_max_num_queries(12) as small_links:
        client.get(f"{BASE}/service_at_locations", {"per_page": 5, "full": "true"})
    with django_assert_max_num_queries(len(small_links.captured_queries)):
        client.get(f"{BASE}/service_at_locations", {"per_page": 40, "full": "true"})


def test_the_schema_check_is_not_vacuous():
    for name in ("service_list", "organization", "taxonomy_term", "service_at_location"):
        with pytest.raises(jsonschema.ValidationError):
            valid({"id": 7, "name": ["kein Text"]}, name)
