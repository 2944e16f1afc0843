"""GET /api/v1/offers: shape, bad input (400, German), never 500."""

import pytest
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.offers.hsds_import import import_services
from lotse.offers.models import Location, Offer, OfferLanguage
from lotse.offers.schemas import OfferListOut
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


def item_from_the_models(offer: Offer) -> dict:
    """The list item of an offer (without reach and distance), asked of the models anew:
    the oracle for the items search_index.refresh() stores."""
    places = (
        Location.objects.filter(service_at_locations__offer=offer)
        .order_by("service_at_locations__id")
        .values("id", "location_type", "name", "latitude", "longitude", "postal_code", "city")
        .annotate(address=F("address_1"))
    )
    return {
        "id": str(offer.pk),
        "name": offer.name,
        "organization": offer.organization.name,
        "locations": [{**place, "id": str(place["id"])} for place in places],
        "topics": list(offer.topics.order_by("position").values_list("code", flat=True)),
        "languages": list(
            OfferLanguage.objects.filter(offer=offer).order_by("id").values_list("code", flat=True)
        )
        or ["de"],
        "free": offer.is_free,
        "age_min_months": offer.age_min_months,
        "age_max_months": offer.age_max_months,
        "pregnancy_eligible": offer.pregnancy_eligible,
        "contact": contact_from_the_models(offer),
    }


def contact_from_the_models(offer: Offer) -> dict | None:
    own = {"phone": offer.phone, "email": offer.email, "website": offer.url}
    provider = offer.organization
    theirs = {"phone": provider.phone, "email": provider.email, "website": provider.website}
    for details, via_provider in ((own, False), (theirs, True)):
        if any(details.values()):
            return {**details, "via_provider": via_provider}
    return None


def listed_items(client, **where) -> dict[str, dict]:
    response = client.get("/api/v1/offers", {"postcode": "17489", "per_page": 100, **where})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    OfferListOut.model_validate(response.json())  # the documented shape, field by field
    return {
        item["id"]: {k: v for k, v in item.items() if k not in ("reach", "distance_km")}
        for item in response.json()["items"]
    }


def test_the_items_are_the_offers_as_the_models_hold_them(client, directory):
    items = listed_items(client)
    assert len(items) == 3
    for offer in Offer.objects.all():
        assert items[str(offer.pk)] == item_from_the_models(offer)
        detail = client.get(f"/api/v1/offers/{offer.pk}").json()
        assert {k: detail[k] for k in items[str(offer.pk)]} == items[str(offer.pk)]


def test_the_items_follow_a_changed_offer(client, directory):
    cafe = hsds_service()
    cafe["id"] = str(directory[0].pk)
    cafe["name"] = "Eltern-Café am Hafen"
    cafe["languages"] = [{"code": "uk"}]
    cafe["attributes"] = [{"taxonomy_term": {"code": "beratung"}}]
    cafe["service_at_locations"][0]["location"]["name"] = "Haus am Hafen"
    import_services([cafe])
    item = listed_items(client)[cafe["id"]]
    assert item == item_from_the_models(Offer.objects.get(pk=cafe["id"]))
    assert item["name"] == "Eltern-Café am Hafen" and item["languages"] == ["uk"]
    assert item["topics"] == ["beratung"] and item["locations"][0]["name"] == "Haus am Hafen"


def test_an_organisation_renamed_in_the_admin_shows_in_the_items(client, directory):
    from django.contrib import admin
    from django.test import RequestFactory

    from lotse.accounts.models import User

    root = User.objects.create_superuser("root@example.org", "x")
    organization = directory[0].organization
    model_admin = admin.site._registry[type(organization)]
    request = RequestFactory().post("/")
    request.user = root
    form = model_admin.get_form(request, organization)(
        {"name": "Familienbrücke Vorpommern gGmbH", "district": ""}, instance=organization
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    items = listed_items(client)
    assert items[str(directory[0].pk)]["organization"] == "Familienbrücke Vorpommern gGmbH"


def test_the_list_has_no_n_plus_one(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import_services([hsds_service(name=f"Café {n}") for n in range(30)])
    client.get("/api/v1/offers", {"postcode": "17489"})  # the place lookup is remembered
    counts = {}
    for per_page in (1, 30):
        with CaptureQueriesContext(connection) as queries:
            data = client.get("/api/v1/offers", {"postcode": "17489", "per_page": per_page})
        assert len(data.json()["items"]) == per_page
        counts[per_page] = len(queries)
    # Tests read the search table's token at every use (production: once a second), and
    # the page's items are one query, whatever its size.
    assert counts[1] == counts[30] <= 5, counts


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
