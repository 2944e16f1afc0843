"""The open data API /api/hsds/: valid against the official HSDS 3.0 schemas, published data
only (with each offer's status), never a draft."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from lotse.offers import hsds
from lotse.offers.actions import confirm_still_correct
from lotse.offers.hsds import TAXONOMY_ID
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, ServiceAtLocation, Topic
from lotse.offers.search import SearchCriteria, search
from lotse.offers.tests.samples import WOLGAST, hsds_service, online_service, outreach_service
from lotse.organizations.models import Organization
from lotse.regions.queries import resolve_place
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[3] / "tests" / "hsds_schema"
BASE = "/api/hsds"
OFFICIAL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "https://lotse.test/hsds/openapi.json"
HIDDEN_NAMES = {"Wartet noch", "Entwurf, geschlossen"}


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


# The OpenAPI definition refers to the schemas by their official addresses, taxonomy_term.json
# to taxonomy.json and metadata.json by relative name: all are served from the local copies.
REGISTRY = Registry().with_resources(
    [
        (address, DRAFT202012.create_resource(schema(name)))
        for name in (
            "organization",
            "organization_list",
            "service",
            "service_at_location_list",
            "service_list",
        )
        for address in (f"{OFFICIAL}compiled/{name}.json",)
    ]
    + [
        (address, DRAFT202012.create_resource(schema(name)))
        for name in ("taxonomy", "taxonomy_term", "metadata")
        for address in (f"{OFFICIAL}{name}.json", f"{name}.json")
    ]
    + [(OPENAPI, DRAFT202012.create_resource(schema("openapi")))]
)


def valid(document: dict, name: str) -> None:
    jsonschema.Draft202012Validator(schema(name), registry=REGISTRY).validate(document)


def valid_response(document: dict, path: str) -> None:
    """`document` as the official OpenAPI definition describes the 200 answer of GET `path`."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    reference = f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    jsonschema.Draft202012Validator({"$ref": reference}, registry=REGISTRY).validate(document)


def valid_page(page: dict, path: str) -> None:
    """The HSDS page envelope (openapi.json: Page and contents of the path's items)."""
    valid_response(page, path)
    # The Page schema requires nothing; Lotse always gives every key.
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
    assert page["size"] == len(page["contents"])
    assert page["empty"] == (not page["contents"])


def ids(page: dict) -> set[str]:
    return {item["id"] for item in page["contents"]}


@pytest.fixture
def directory(db):
    """Three findable offers of one provider; two drafts (waiting for approval, one of them
    closed) of a provider with nothing published."""
    hidden_provider = {"id": "5d1f6f3e-0c1e-4d0e-9a45-000000000001", "name": "Nur intern e.V."}
    offers = import_services(
        [
            hsds_service(),
            outreach_service("urn:de:ags:13075"),
            online_service(),
            *(hsds_service(name=name, organization=hidden_provider) for name in HIDDEN_NAMES),
        ]
    )
    Offer.objects.filter(name__in=HIDDEN_NAMES).update(approval=Offer.Approval.PENDING)
    Offer.objects.filter(name="Entwurf, geschlossen").update(status=Offer.Status.DEFUNCT)
    return offers[:3]


def test_root_names_version_profile_and_openapi(client, settings):
    """The links name the public address, whatever Host header the request carried."""
    settings.LOTSE_BASE_URL = "https://lotse.example/"
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    body = client.get(f"{BASE}/", HTTP_HOST="localhost:6666").json()
    valid_response(body, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "https://lotse.example/api/hsds/openapi.json"
    assert body["profile"] == "https://lotse.example/api/hsds/profile"
    spec = client.get("/api/hsds/openapi.json").json()
    assert {f"{BASE}/services", f"{BASE}/services/{{service_id}}"} <= set(spec["paths"])
    assert client.get("/api/hsds/profile").json()["hsds_version"] == "3.0"


def test_openapi_documents_every_answer(client, directory):
    """Each operation documents its 200 body, its German errors and the rate limit's 429,
    and what the API answers fits what the document says."""
    spec = client.get("/api/hsds/openapi.json").json()
    for path, item in spec["paths"].items():
        responses = item["get"]["responses"]
        errors = {"404"} if "{" in path else {"400"} if item["get"]["parameters"] else set()
        assert set(responses) == {"200", "429"} | errors, path
        for status in responses:
            assert "schema" in responses[status]["content"]["application/json"], (path, status)

    def documented(path: str, status: int, query: dict | None = None) -> None:
        response = client.get(path, query or {})
        assert response.status_code == status, path
        template = next(
            p for p in spec["paths"] if p == path or ("{" in p and path.startswith(p.split("{")[0]))
        )
        answer = spec["paths"][template]["get"]["responses"][str(status)]
        jsonschema.validate(response.json(), answer["content"]["application/json"]["schema"])

    service = str(directory[0].pk)
    for path in ("/", "/profile", "/services", "/organizations", "/service_at_locations"):
        documented(f"{BASE}{path}", 200)
    documented(f"{BASE}/services", 200, {"full": "true"})
    documented(f"{BASE}/service_at_locations", 200, {"full": "true"})
    documented(f"{BASE}/services/{service}", 200)
    documented(f"{BASE}/organizations/{directory[0].organization_id}", 200)
    documented(f"{BASE}/taxonomies/{TAXONOMY_ID}", 200)
    documented(f"{BASE}/taxonomy_terms", 200)
    documented(f"{BASE}/services", 400, {"page": "null"})
    documented(f"{BASE}/services/00000000-0000-4000-8000-000000000000", 404)


def test_services_list_and_full_are_valid_and_public_only(client, directory):
    page = client.get(f"{BASE}/services").json()
    valid_page(page, "/services")
    assert ids(page) == {str(offer.pk) for offer in directory}
    assert page["total_items"] == 3 and page["first_page"] and page["last_page"]
    full = client.get(f"{BASE}/services", {"full": "true"}).json()
    valid_page(full, "/services")
    for service in full["contents"]:
        valid(service, "service")
    one = client.get(f"{BASE}/services/{directory[0].pk}").json()
    valid_response(one, "/services/{id}")
    assert one["id"] == str(directory[0].pk)
    assert one == next(s for s in full["contents"] if s["id"] == one["id"])


def test_drafts_are_never_published(client, directory):
    hidden = Offer.objects.filter(name__in=HIDDEN_NAMES)
    assert hidden.count() == 2
    provider = Organization.objects.get(name="Nur intern e.V.")
    hidden_ids = {str(pk) for pk in hidden.values_list("pk", flat=True)}
    hidden_links = {
        str(pk)
        for pk in ServiceAtLocation.objects.filter(offer__in=hidden).values_list("pk", flat=True)
    }
    assert len(hidden_links) == 2
    for params in (
        {},
        {"full": "true"},
        {"postcode": "17489", "proximity": "5000"},
        {"modified_after": "2000-01-01"},
    ):
        page = client.get(f"{BASE}/services", {**params, "per_page": 100}).json()
        assert page["contents"] and not ids(page) & hidden_ids
        links = client.get(f"{BASE}/service_at_locations", {**params, "per_page": 100}).json()
        assert not ids(links) & hidden_links
    by_provider = client.get(f"{BASE}/services", {"organization_id": str(provider.pk)}).json()
    assert by_provider["contents"] == []
    organizations = client.get(f"{BASE}/organizations").json()
    assert str(provider.pk) not in ids(organizations)
    assert client.get(f"{BASE}/organizations/{provider.pk}").status_code == 404
    for pk in hidden_ids:
        assert client.get(f"{BASE}/services/{pk}").status_code == 404
    for pk in hidden_links:
        assert client.get(f"{BASE}/service_at_locations/{pk}").status_code == 404
    organization = client.get(f"{BASE}/organizations/{directory[0].organization_id}").json()
    assert {s["id"] for s in organization["services"]} == {str(o.pk) for o in directory}


def test_paging(client, directory):
    first = client.get(f"{BASE}/services", {"per_page": 2}).json()
    second = client.get(f"{BASE}/services", {"per_page": 2, "page": 2}).json()
    valid_page(second, "/services")
    assert (first["total_pages"], first["size"], first["last_page"]) == (2, 2, False)
    assert (second["size"], second["last_page"], second["first_page"]) == (1, True, False)
    assert len(ids(first) | ids(second)) == 3
    beyond = client.get(f"{BASE}/services", {"page": 9}).json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["page_number"] == 9
    # An offset the database could not even hold is just another empty page.
    for path in ("services", "organizations", "service_at_locations", "taxonomy_terms"):
        far = client.get(f"{BASE}/{path}", {"page": str(10**30)})
        assert far.status_code == 200 and far.json()["empty"], path


def test_filter_by_taxonomy_term_taxonomy_organization_and_search(client, directory):
    cafe, midwife, phone = directory
    term = Topic.objects.get(code="familienhebamme")
    by_term = client.get(f"{BASE}/services", {"taxonomy_term_id": str(term.pk)}).json()
    assert ids(by_term) == {str(midwife.pk)}
    links = client.get(f"{BASE}/service_at_locations", {"taxonomy_term_id": str(term.pk)}).json()
    assert links["contents"] == []  # the midwife comes home, she has no place
    cafe_term = Topic.objects.get(code="eltern-cafe")
    links = client.get(f"{BASE}/service_at_locations", {"taxonomy_term_id": str(cafe_term.pk)})
    assert {link["service_id"] for link in links.json()["contents"]} == {str(cafe.pk)}

    everything = client.get(f"{BASE}/services", {"taxonomy_id": str(TAXONOMY_ID)}).json()
    assert everything["total_items"] == 3
    other = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"{BASE}/services", {"taxonomy_id": other}).json()["contents"] == []
    assert client.get(f"{BASE}/taxonomy_terms", {"taxonomy_id": other}).json()["contents"] == []

    mine = client.get(f"{BASE}/services", {"organization_id": str(cafe.organization_id)}).json()
    assert mine["total_items"] == 3
    assert client.get(f"{BASE}/services", {"organization_id": other}).json()["contents"] == []

    assert ids(client.get(f"{BASE}/services", {"search": "telefon"}).json()) == {str(phone.pk)}
    links = client.get(f"{BASE}/service_at_locations", {"search": "telefon"}).json()
    assert {link["service_id"] for link in links["contents"]} == {str(phone.pk)}
    assert client.get(f"{BASE}/organizations", {"search": "brücke"}).json()["total_items"] == 1
    assert client.get(f"{BASE}/organizations", {"search": "intern"}).json()["total_items"] == 0
    terms = client.get(f"{BASE}/taxonomy_terms", {"search": "hebamme"}).json()
    assert ids(terms) == {str(term.pk)}
    assert client.get(f"{BASE}/taxonomies", {"search": "themen"}).json()["total_items"] == 1
    assert client.get(f"{BASE}/taxonomies", {"search": "icd"}).json()["total_items"] == 0


def test_filter_modified_after(client, directory):
    cafe, midwife, phone = directory
    now = timezone.now()
    # Written (and so confirmed) then; a confirmation alone is a change as well.
    month_ago, two_months_ago = now - datetime.timedelta(days=30), now - datetime.timedelta(days=60)
    Offer.objects.filter(pk=cafe.pk).update(last_modified=month_ago, verified_at=month_ago)
    Offer.objects.filter(pk__in=[midwife.pk, phone.pk]).update(
        last_modified=two_months_ago, verified_at=two_months_ago
    )
    since = (now - datetime.timedelta(days=45)).date().isoformat()
    assert ids(client.get(f"{BASE}/services", {"modified_after": since}).json()) == {str(cafe.pk)}
    moment = (now - datetime.timedelta(days=31)).astimezone(datetime.UTC)
    for text in (
        moment.isoformat(),
        moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        # An unencoded "+" of the offset arrives as a space.
        moment.strftime("%Y-%m-%dT%H:%M:%S 00:00"),
    ):
        recent = client.get(f"{BASE}/services", {"modified_after": text}).json()
        assert ids(recent) == {str(cafe.pk)}, text
    later = (now - datetime.timedelta(days=29)).isoformat()
    assert client.get(f"{BASE}/services", {"modified_after": later}).json()["contents"] == []
    # Offsets up to 23:59 are valid ISO 8601; PostgreSQL stores none of 16 hours or more.
    for offset in ("+23:59", "-23:59", "+16:00"):
        far_east = (now - datetime.timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%S") + offset
        for path in ("services", "organizations", "service_at_locations"):
            answer = client.get(f"{BASE}/{path}", {"modified_after": far_east})
            assert answer.status_code == 200, (path, offset)
    west = (now - datetime.timedelta(days=31)).astimezone(
        datetime.timezone(-datetime.timedelta(hours=20))
    )
    recent = client.get(f"{BASE}/services", {"modified_after": west.isoformat()}).json()
    assert ids(recent) == {str(cafe.pk)}
    links = client.get(f"{BASE}/service_at_locations", {"modified_after": since}).json()
    assert {link["service_id"] for link in links["contents"]} == {str(cafe.pk)}

    provider = Organization.objects.filter(pk=cafe.organization_id)
    provider.update(updated_at=now - datetime.timedelta(days=10))
    since_org = (now - datetime.timedelta(days=20)).isoformat()
    assert (
        client.get(f"{BASE}/organizations", {"modified_after": since_org}).json()["total_items"]
        == 1
    )
    later_org = (now - datetime.timedelta(days=5)).isoformat()
    assert (
        client.get(f"{BASE}/organizations", {"modified_after": later_org}).json()["contents"] == []
    )


def test_filter_postcode_and_proximity(client, directory):
    cafe, midwife, phone = directory
    # Without proximity: offers whose service area covers the postcode (the district 13075).
    covering = client.get(f"{BASE}/services", {"postcode": "17489"}).json()
    assert ids(covering) == {str(midwife.pk)}
    # With proximity (metres, as in HSDS): also the venues within that distance.
    near = client.get(f"{BASE}/services", {"postcode": "17489", "proximity": "5000"}).json()
    assert ids(near) == {str(cafe.pk), str(midwife.pk)}
    links = client.get(f"{BASE}/service_at_locations", {"postcode": "17489", "proximity": "5000"})
    assert {link["service_id"] for link in links.json()["contents"]} == {str(cafe.pk)}
    # Wolgast is about 25 km from Greifswald's centre.
    wolgast = import_services(
        [
            hsds_service(
                name="Krabbelgruppe Wolgast",
                service_at_locations=[
                    {
                        "location": {
                            "id": "0b7f0c4e-2f5a-4c55-8f7c-000000000010",
                            "location_type": "physical",
                            "latitude": WOLGAST[0],
                            "longitude": WOLGAST[1],
                        }
                    }
                ],
            )
        ]
    )[0]
    wide = client.get(f"{BASE}/services", {"postcode": "17489", "proximity": "30000"}).json()
    assert ids(wide) == {str(cafe.pk), str(midwife.pk), str(wolgast.pk)}
    far = client.get(f"{BASE}/services", {"postcode": "19370", "proximity": "5000"}).json()
    assert far["contents"] == []


def test_postcode_finds_a_covering_offer_with_a_venue_close_by(client, directory):
    """An offer both covering the postcode and with a venue at its centre is covering."""
    centre = resolve_place("17489")
    venue = {
        "location": {
            "id": "0b7f0c4e-2f5a-4c55-8f7c-000000000011",
            "location_type": "physical",
            "latitude": centre.latitude,
            "longitude": centre.longitude,
        }
    }
    both = import_services(
        [
            hsds_service(
                name="Café und Hausbesuche",
                service_areas=[{"uri": "urn:de:ags:13075"}],
                service_at_locations=[venue],
            )
        ]
    )[0]
    covering = client.get(f"{BASE}/services", {"postcode": "17489"}).json()
    assert ids(covering) == {str(directory[1].pk), str(both.pk)}


def test_organizations_service_at_locations_and_taxonomies_are_valid(client, directory):
    organizations = client.get(f"{BASE}/organizations").json()
    valid_page(organizations, "/organizations")
    assert [o["name"] for o in organizations["contents"]] == ["Familienbrücke Vorpommern e.V."]
    organization = client.get(f"{BASE}/organizations/{organizations['contents'][0]['id']}").json()
    valid_response(organization, "/organizations/{id}")
    assert len(organization["services"]) == 3

    for params in ({}, {"full": "true"}):
        links = client.get(f"{BASE}/service_at_locations", params).json()
        valid_page(links, "/service_at_locations")
        assert links["total_items"] == 2  # the café's venue and the phone line
    for link in links["contents"]:
        valid(link, "service_at_location")
    one = client.get(f"{BASE}/service_at_locations/{links['contents'][0]['id']}").json()
    # openapi.json names compiled/service.json here, evidently a slip: this is the
    # service_at_location its list and the word "service_at_location" describe.
    valid(one, "service_at_location")
    assert one == links["contents"][0]

    taxonomies = client.get(f"{BASE}/taxonomies").json()
    valid_page(taxonomies, "/taxonomies")
    taxonomy = client.get(f"{BASE}/taxonomies/{TAXONOMY_ID}").json()
    valid_response(taxonomy, "/taxonomies/{id}")
    assert taxonomy["name"] == "lotse-themen"
    terms = client.get(f"{BASE}/taxonomy_terms", {"per_page": 100}).json()
    valid_page(terms, "/taxonomy_terms")
    assert terms["total_items"] == Topic.objects.count() == 15
    assert client.get(f"{BASE}/taxonomy_terms", {"top_only": "true"}).json()["total_items"] == 15
    term = client.get(f"{BASE}/taxonomy_terms/{terms['contents'][0]['id']}").json()
    valid_response(term, "/taxonomy_terms/{id}")
    assert term == terms["contents"][0]
    # The topics are flat: no term has a parent.
    children = client.get(f"{BASE}/taxonomy_terms", {"parent_id": term["id"]}).json()
    assert children["contents"] == []


def test_open_to_every_origin_without_cookies(client, directory):
    response = client.get(f"{BASE}/services", HTTP_ORIGIN="https://www.elternsein.info")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    for path in (f"{BASE}/", f"{BASE}/services?page=0", f"{BASE}/services/kaputt"):
        assert client.get(path)["Access-Control-Allow-Origin"] == "*", path
    preflight = client.options(
        f"{BASE}/services",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/angebote/").headers
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/regions/districts").headers


@pytest.mark.parametrize(
    ("path", "params", "detail"),
    [
        ("services", {"page": "0"}, "page muss 1 oder größer sein."),
        ("services", {"per_page": "500"}, "per_page muss zwischen 1 und 100 liegen."),
        ("services", {"per_page": "0"}, "per_page muss zwischen 1 und 100 liegen."),
        ("services", {"page": "x"}, "Ungültige Anfrage. page: keine gültige Zahl."),
        ("services", {"full": "vielleicht"}, "Ungültige Anfrage. full: bitte true oder false"),
        ("services", {"modified_after": "gestern"}, "modified_after muss ein Datum"),
        ("services", {"modified_after": "2025-02-30"}, "modified_after muss ein Datum"),
        ("services", {"modified_after": "2025-13-01T00:00"}, "modified_after muss ein Datum"),
        ("services", {"modified_after": "2025-01-01T25:00"}, "modified_after muss ein Datum"),
        ("services", {"modified_after": "0001-01-01"}, "modified_after muss ein Datum"),
        ("services", {"modified_after": "9999-12-31T23:59-14:00"}, "modified_after muss ein"),
        ("services", {"taxonomy_term_id": "kein-uuid"}, "taxonomy_term_id muss eine UUID sein."),
        ("services", {"taxonomy_id": "kein-uuid"}, "taxonomy_id muss eine UUID sein."),
        ("services", {"organization_id": "7"}, "organization_id muss eine UUID sein."),
        ("services", {"postcode": "1234"}, "postcode muss eine fünfstellige Postleitzahl sein."),
        ("services", {"postcode": "99999"}, "Unbekannte Postleitzahl: 99999."),
        ("services", {"postcode": "17489", "proximity": "viel"}, "proximity muss eine Zahl"),
        ("services", {"postcode": "17489", "proximity": "nan"}, "proximity muss zwischen"),
        ("services", {"postcode": "17489", "proximity": "50"}, "proximity muss zwischen"),
        ("services", {"proximity": "1000"}, "proximity braucht eine postcode."),
        ("services", {"search": "Café\x00"}, "search enthält ein unzulässiges Zeichen."),
        ("organizations", {"search": "\x00"}, "search enthält ein unzulässiges Zeichen."),
        ("organizations", {"modified_after": "2025-02-30"}, "modified_after muss ein Datum"),
        ("organizations", {"page": "-1"}, "page muss 1 oder größer sein."),
        ("service_at_locations", {"postcode": "abcde"}, "postcode muss eine fünfstellige"),
        ("service_at_locations", {"per_page": "101"}, "per_page muss zwischen 1 und 100"),
        ("taxonomies", {"per_page": "0"}, "per_page muss zwischen 1 und 100 liegen."),
        ("taxonomy_terms", {"search": "\x00"}, "search enthält ein unzulässiges Zeichen."),
        ("taxonomy_terms", {"parent_id": "oben"}, "parent_id muss eine UUID sein."),
    ],
)
def test_bad_input_is_400_with_a_german_detail(client, directory, path, params, detail):
    response = client.get(f"{BASE}/{path}", params)
    assert response.status_code == 400, params
    assert response.json()["detail"].startswith(detail)


def test_unknown_and_malformed_ids_are_404(client, directory):
    for path in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        for wrong in ("kaputt", "00000000-0000-4000-8000-000000000000", "%00", "1" * 500):
            response = client.get(f"{BASE}/{path}/{wrong}")
            assert response.status_code == 404, (path, wrong)
            assert response.json() == {"detail": "Nicht gefunden."}


def test_list_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    import_services([hsds_service(name=f"Café {n}") for n in range(40)])
    organization = Organization.objects.get()
    for path, params in (
        ("services", {}),
        ("services", {"full": "true"}),
        ("service_at_locations", {}),
        ("service_at_locations", {"full": "true"}),
        ("organizations", {}),
        ("taxonomy_terms", {}),
    ):
        with django_assert_max_num_queries(12) as small:
            response = client.get(f"{BASE}/{path}", {**params, "per_page": 5})
        assert response.json()["size"] == (5 if path != "organizations" else 1)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(f"{BASE}/{path}", {**params, "per_page": 40})
        assert response.json()["size"] == {"organizations": 1, "taxonomy_terms": 15}.get(path, 40)
    with django_assert_max_num_queries(12):
        response = client.get(f"{BASE}/organizations/{organization.pk}")
    assert len(response.json()["services"]) == 40


def test_the_schema_check_is_not_vacuous():
    for name in ("service_list", "organization", "taxonomy_term", "service_at_location"):
        with pytest.raises(jsonschema.ValidationError):
            valid({"id": 7, "name": ["kein Text"]}, name)
    with pytest.raises(jsonschema.ValidationError):
        valid_response({"total_items": "viele", "contents": [{"id": 7}]}, "/services")


# --- Status: every published offer stays in the API, with what became of it ------------------


@pytest.mark.parametrize("status", ["inactive", "defunct", "temporarily closed"])
def test_a_closed_offer_appears_with_its_status_after_modified_after(client, directory, status):
    cafe, midwife, phone = directory
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    Offer.objects.update(last_modified=three_days_ago, verified_at=three_days_ago)
    synced = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert client.get(f"{BASE}/services", {"modified_after": synced}).json()["contents"] == []

    # The provider's file says the café closed (the import keeps its approval).
    record = hsds.export_service(
        Offer.objects.select_related("organization")
        .prefetch_related(*hsds.EXPORT_PREFETCH)
        .get(pk=cafe.pk)
    )
    import_services([{**record, "status": status}])

    for params in ({}, {"full": "true"}):
        changed = client.get(f"{BASE}/services", {"modified_after": synced, **params}).json()
        valid_page(changed, "/services")
        assert [(s["id"], s["status"]) for s in changed["contents"]] == [(str(cafe.pk), status)]
    one = client.get(f"{BASE}/services/{cafe.pk}").json()
    valid_response(one, "/services/{id}")
    assert one["status"] == status
    links = client.get(f"{BASE}/service_at_locations", {"modified_after": synced, "full": "true"})
    assert [link["service"]["status"] for link in links.json()["contents"]] == [status]
    everything = client.get(f"{BASE}/services", {"per_page": 100}).json()
    assert {s["id"]: s["status"] for s in everything["contents"]} == {
        str(cafe.pk): status,
        str(midwife.pk): "active",
        str(phone.pk): "active",
    }
    # Parents no longer find it, neither in the finder nor on its page.
    found = search(SearchCriteria(latitude=54.0931, longitude=13.3879))
    assert cafe.pk not in found.local_offer_ids()
    assert client.get(cafe.get_absolute_url()).status_code == 404


def test_an_offer_nobody_confirmed_for_a_year_is_inactive_from_the_day_it_went_stale(
    client, directory, settings
):
    cafe, _midwife, _phone = directory
    now = timezone.now()
    went_stale = now - datetime.timedelta(days=2)
    Offer.objects.update(
        last_modified=now - datetime.timedelta(days=500),
        verified_at=now - datetime.timedelta(days=100),
    )
    Offer.objects.filter(pk=cafe.pk).update(
        verified_at=went_stale - settings.LOTSE_OFFER_STALE_AFTER
    )
    week = client.get(
        f"{BASE}/services", {"modified_after": (now - datetime.timedelta(days=7)).isoformat()}
    ).json()
    [service] = week["contents"]
    assert (service["id"], service["status"]) == (str(cafe.pk), "inactive")
    assert datetime.datetime.fromisoformat(service["last_modified"]) == went_stale
    day = client.get(
        f"{BASE}/services", {"modified_after": (now - datetime.timedelta(days=1)).isoformat()}
    ).json()
    assert day["contents"] == []
    # Confirmed again, it is active and changed once more.
    confirm_still_correct(offer=Offer.objects.get(pk=cafe.pk), by=UserFactory())
    again = client.get(
        f"{BASE}/services", {"modified_after": (now - datetime.timedelta(days=1)).isoformat()}
    ).json()
    assert [(s["id"], s["status"]) for s in again["contents"]] == [(str(cafe.pk), "active")]


def test_a_draft_never_appears_whatever_its_status(client, directory):
    drafts = Offer.objects.filter(approval=Offer.Approval.PENDING)
    assert drafts.count() == 2
    for params in ({"modified_after": "2000-01-01"}, {"full": "true", "per_page": 100}):
        listed = client.get(f"{BASE}/services", params).json()
        assert not ids(listed) & {str(pk) for pk in drafts.values_list("pk", flat=True)}
    # An approved offer is then published with its status, closed or not.
    drafts.filter(status=Offer.Status.DEFUNCT).update(approval=Offer.Approval.APPROVED)
    listed = client.get(f"{BASE}/services", {"modified_after": "2000-01-01"}).json()
    assert {s["status"] for s in listed["contents"]} == {"active", "defunct"}
