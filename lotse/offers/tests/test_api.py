"""GET /api/v1/offers: shape, bad input (400, German), never 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.offers.hsds import import_services
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return import_services([hsds_service(), outreach_service("urn:de:ags:13075"), online_service()])


def test_search_by_postcode_returns_groups_with_distance(client, directory):
    data = client.get("/api/v1/offers", {"postcode": "17489", "age_months": 12}).json()
    assert data["count"] == 3
    first = data["items"][0]
    assert first["reach"] == "nearby" and first["distance_km"] is not None
    assert first["topics"] == ["eltern-cafe"] and first["free"] is True
    assert [item["reach"] for item in data["items"]] == ["nearby", "area", "online"]
    assert data["items"][1]["distance_km"] is None


def test_search_by_place_and_by_coordinates(client, directory):
    # Wolgast is 25 km from the café: only the district-wide and the online offer reach it.
    wolgast = client.get("/api/v1/offers", {"place": "Wolgast"}).json()
    assert [item["reach"] for item in wolgast["items"]] == ["area", "online"]
    assert client.get("/api/v1/offers", {"lat": 54.09, "lon": 13.39}).json()["count"] == 3


def test_paging(client, directory):
    page = client.get("/api/v1/offers", {"postcode": "17489", "per_page": 2, "page": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 1


def test_a_page_past_the_end_is_empty(client, directory):
    """Even one whose offset no database integer holds (was a 500)."""
    for page in (3, 10**12, 10**20):
        response = client.get("/api/v1/offers", {"postcode": "17489", "page": page})
        assert response.status_code == 200, page
        assert response.json() == {"count": 3, "items": []}


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "99999"},
        {"postcode": "17489", "radius_km": 0},
        {"postcode": "17489", "radius_km": 500},
        {"postcode": "17489", "age_months": -1},
        {"postcode": "17489", "age_months": 12, "pregnant": "true"},
        {"lat": 91, "lon": 13},
        {"postcode": "17489", "topic": "yoga"},
        {"postcode": "17489", "lat": 54, "lon": 13},
        {},
        {"place": "Atlantis"},
        {"postcode": "17489", "day": "MONTAG"},
        {"postcode": "17489", "language": "Deutsch"},
        {"postcode": "17489", "per_page": 101},
        {"postcode": "17489", "age_months": "zwölf"},
    ],
)
def test_bad_input_is_400_with_a_german_detail(client, params):
    response = client.get("/api/v1/offers", params)
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_an_ambiguous_place_lists_the_candidates(client):
    from lotse.regions.queries import lookup_place

    names = {}
    for match in lookup_place("Neu"):
        names.setdefault(match.name.split(" (")[0], set()).add(match.municipality_ags)
    ambiguous = next((n for n, ags in names.items() if len(ags) > 1), None)
    if ambiguous is None:
        pytest.skip("no ambiguous place name in the reference data")
    response = client.get("/api/v1/offers", {"place": ambiguous})
    assert response.status_code == 400
    assert "nicht eindeutig" in response.json()["detail"]


def test_an_offer_by_id_and_unknown_ids(client, directory):
    offer = directory[0]
    assert client.get(f"/api/v1/offers/{offer.id}").json()["name"] == offer.name
    assert client.get("/api/v1/offers/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/v1/offers/kein-uuid").status_code == 404


def test_the_list_has_no_n_plus_one(client, django_assert_max_num_queries):
    import_services([hsds_service(name=f"Café {n}") for n in range(30)])
    with django_assert_max_num_queries(14):
        data = client.get("/api/v1/offers", {"postcode": "17489", "per_page": 30}).json()
    assert data["count"] == 30


QUERY_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-1000, 1000).map(str),
    st.floats(allow_nan=True).map(str),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "postcode",
                "lat",
                "lon",
                "place",
                "radius_km",
                "age_months",
                "pregnant",
                "topic",
                "language",
                "free",
                "day",
                "page",
                "per_page",
            ]
        ),
        QUERY_VALUES,
        max_size=6,
    )
)
def test_any_query_answers_200_or_400(client, params):
    response = client.get("/api/v1/offers", {k: v for k, v in params.items() if v is not None})
    assert response.status_code in (200, 400)
