"""The JSON API's shape: OpenAPI 3.1, German errors, 400 for bad input, never 500."""

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


def test_openapi_31_describes_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/regions/districts" in spec["paths"]
    assert "/api/v1/regions/lookup" in spec["paths"]
    assert "/api/v1/landeskonzept" in spec["paths"]


def test_openapi_documents_every_answer(client):
    """Each operation documents its errors (German `detail`) and the rate limit's 429, and
    the errors the API answers fit that schema."""
    spec = client.get("/api/v1/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    expected = {
        "/api/v1/regions/districts": {"200", "429"},
        "/api/v1/regions/boundaries": {"200", "429"},
        "/api/v1/regions/lookup": {"200", "400", "429"},
        "/api/v1/landeskonzept": {"200", "404", "429"},
        "/api/v1/landeskonzept/editions": {"200", "429"},
        "/api/v1/landeskonzept/editions/{code}": {"200", "404", "429"},
        "/api/v1/offers": {"200", "400", "429"},
        "/api/v1/offers/{offer_id}": {"200", "404", "429"},
    }
    assert {path: set(item["get"]["responses"]) for path, item in spec["paths"].items()} == (
        expected
    )
    for path, item in spec["paths"].items():
        for status, answer in item["get"]["responses"].items():
            schema = answer["content"]["application/json"]["schema"]
            assert status == "200" or schema == error, (path, status)
    offer = spec["paths"]["/api/v1/offers/{offer_id}"]["get"]["responses"]
    assert offer["404"]["description"] == "Nicht gefunden."
    boundaries = spec["paths"]["/api/v1/regions/boundaries"]["get"]["responses"]["200"]
    assert boundaries["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BoundariesOut"
    }
    for path, status in (
        ("/api/v1/offers", 400),
        ("/api/v1/offers?postcode=1", 400),
        ("/api/v1/offers/unbekannt", 404),
        ("/api/v1/regions/boundaries", 200),
    ):
        response = client.get(path)
        assert response.status_code == status
        schema = error if status != 200 else {"$ref": "#/components/schemas/BoundariesOut"}
        jsonschema.validate(response.json(), {**schema, "components": spec["components"]})


def test_districts_with_latest_statistics(client):
    districts = client.get("/api/v1/regions/districts").json()
    assert len(districts) == 8
    vg = next(d for d in districts if d["ags"] == "13075")
    assert vg["kind"] == "county"
    assert vg["statistics"]["population"] == {
        "value": 237355.0,
        "year": 2022,
        "source": vg["statistics"]["population"]["source"],
        "is_invented": False,
    }


@pytest.mark.parametrize(
    ("q", "district"), [("17489", "13075"), ("Wolgast", "13075"), ("Parchim", "13076")]
)
def test_lookup(client, q, district):
    matches = client.get("/api/v1/regions/lookup", {"q": q}).json()
    assert matches[0]["district_ags"] == district
    assert matches[0]["municipality_ags"].startswith(district)
    assert {"latitude", "longitude", "name", "kind"} <= set(matches[0])


@pytest.mark.parametrize("query", ["", "?q=", "?q=a", "?q=" + "x" * 81])
def test_bad_lookup_input_is_400_with_a_german_detail(client, query):
    response = client.get("/api/v1/regions/lookup" + query)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail and ("Suchtext" in detail or "mindestens" in detail)


def test_unknown_objects_are_404_json(client):
    response = client.get("/api/v1/landeskonzept/editions/unbekannt")
    assert response.status_code == 404
    assert response.json()["detail"] == "Nicht gefunden."


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=100))
def test_any_lookup_text_answers_200_or_400(client, q):
    response = client.get("/api/v1/regions/lookup", {"q": q})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gibt-es-nicht",
        "/api/v1/offers/a%2Fb",
        "/api/hsds/services/a/b",
        "/api/hsds/organizations/x/services",
    ],
)
def test_an_address_no_route_matches_is_a_json_404_under_the_apis(client, path):
    """As documented for {offer_id} and the like: a slash in an id used to give the HTML page."""
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nicht gefunden."}
    assert client.get("/gibt-es-nicht/")["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_apis_is_json(client, monkeypatch):
    def broken():
        raise RuntimeError("kaputt")

    monkeypatch.setattr("lotse.regions.api.boundaries_feature_collection", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/regions/boundaries")
    assert response.status_code == 500
    assert response.json()["detail"].startswith("Technischer Fehler.")
