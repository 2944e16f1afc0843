"""Schemathesis against both JSON APIs: every operation of /api/v1/ and /api/hsds/ with
generated valid and invalid input, called in-process through the WSGI application.

Checks for every answer (NOT_CHECKED below names the one left out): no server error (5xx);
its status code, content type, headers and body as the OpenAPI document says; invalid input
refused. A 200 of the HSDS API must also be valid against the official HSDS 3.0 schemas
(tests/hsds_schema).

The examples per operation are bounded and the same each run in the suite; `make fuzz`
runs many more, new ones each time (LOTSE_FUZZ_EXAMPLES).
"""

import os
import re
import uuid

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from lotse.offers.hsds import TAXONOMY_ID
from lotse.offers.hsds_import import import_services
from lotse.offers.models import ServiceAtLocation, Topic
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service
from lotse.offers.tests.test_hsds_api import valid, valid_response
from lotse.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LOTSE_FUZZ_EXAMPLES", "30"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The suite draws the same examples each run; `make fuzz` explores.
    derandomize="LOTSE_FUZZ_EXAMPLES" not in os.environ,
    # The database fixture is function-scoped on purpose: one directory for all examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

v1 = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
hsds = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", application)

ORGANIZATION_ID = "7a1b7c1e-5f7e-4d47-9c1a-1c2b3d4e5f60"
SERVICE_IDS = (
    "0f6a4b1e-2a3c-4d5e-8f90-000000000001",
    "0f6a4b1e-2a3c-4d5e-8f90-000000000002",
    "0f6a4b1e-2a3c-4d5e-8f90-000000000003",
)


@pytest.fixture(autouse=True)
def open_connection():
    """As in Django's test client: the end of a request must not close the database
    connection, and with it the test's transaction (PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def directory(db):
    """A venue offer in Greifswald, an outreach offer for Vorpommern-Greifswald and a phone
    offer, all of one provider; the reference data (districts, places, topics) come from
    the migrations."""
    import_services(
        [
            hsds_service(id=SERVICE_IDS[0]),
            outreach_service("urn:de:ags:13075", id=SERVICE_IDS[1]),
            online_service(id=SERVICE_IDS[2]),
        ]
    )


# --- Known values besides the generated ones ---------------------------------------------------
# Random strings rarely name a real offer, postcode or topic, and the generator seldom tries
# what broke Lotse before: each parameter also gets values that reach past the validation
# into the search and the documents, and edges that once were 500s.


def _ids(model) -> list[str]:
    return [str(key) for key in model.objects.values_list("id", flat=True)]


# Path segments that once were 500s or an HTML 404 (a slash; NUL on PostgreSQL).
ODD_SEGMENTS = ["a/b", "\x00", "ä", "%"]


def _known(name: str) -> list:
    """Values of the parameter `name` worth trying: mostly ones that pass the validation
    (places in the directory's district, its ids, edges of the allowed ranges), some that
    once got past it."""
    unknown = str(uuid.UUID(int=0))
    values = {
        "postcode": ["17489", "17438", "19370", "18055", "17033"],
        "place": ["Wolgast", "Greifswald", "Neustrelitz", "Usedom", "\x00"],
        "lat": [54.05, 54.09, 53.6, 90.0, -90.0],
        "lon": [13.77, 13.38, 12.2, 180.0, -180.0],
        "radius_km": [1, 5, 30, 100],
        "age_months": [0, 6, 36, 72],
        "topic": [["eltern-cafe"], ["familienhebamme", "beratung"]],
        "language": ["de", "ar", "uk"],
        "day": ["TU", "SA"],
        # Past the end, also where no database integer holds the offset.
        "page": [1, 2, 10**12, 10**20],
        "per_page": [1, 2, 100],
        "q": ["Greifswald", "174", "17489", "Neu", "Wolgast", "a\x00"],
        "search": ["Eltern", "café", "Telefon", "\x00"],
        "modified_after": [
            "2020-01-01",
            "2020-01-01T08:00:00",
            "2020-01-01T08:00:00+01:00",
            "2020-01-01T08:00:00 01:00",
            # Offsets PostgreSQL does not store.
            "2020-01-01T08:00:00+20:00",
            "2020-01-01T08:00:00-23:59",
            "2099-12-31",
            "0001-01-01",
            "9999-12-31T23:59:59",
        ],
        "proximity": ["100", "5000", "100000"],
        "taxonomy_id": [str(TAXONOMY_ID), unknown, *ODD_SEGMENTS],
        "organization_id": [ORGANIZATION_ID, unknown],
        "taxonomy_term_id": [*_ids(Topic)[:3], unknown],
        "parent_id": [unknown],
        # Path parameters.
        "code": ["2023-2025", *ODD_SEGMENTS],
        "offer_id": [*SERVICE_IDS, unknown, *ODD_SEGMENTS],
        "service_id": [*SERVICE_IDS, unknown, *ODD_SEGMENTS],
        "link_id": [*_ids(ServiceAtLocation), unknown, *ODD_SEGMENTS],
        "term_id": [*_ids(Topic)[:3], unknown, *ODD_SEGMENTS],
    }
    return values.get(name, [])


# /api/v1/offers wants exactly one of these ways to say where.
PLACE_PARAMETERS = {"postcode", "place", "lat", "lon"}


def _with_known(parameters: dict, known: dict[str, list]):
    """The generated parameters as they are, or with some replaced by known values."""
    optional = {name: st.sampled_from(values) for name, values in known.items()}
    if set(known) >= PLACE_PARAMETERS:
        # Exactly one place, and known values for some of the other filters.
        where = st.one_of(
            st.fixed_dictionaries({"postcode": optional["postcode"]}),
            st.fixed_dictionaries({"place": optional["place"]}),
            st.fixed_dictionaries({"lat": optional["lat"], "lon": optional["lon"]}),
        )
        others = {k: v for k, v in optional.items() if k not in PLACE_PARAMETERS}
        realistic = st.tuples(where, st.fixed_dictionaries({}, optional=others)).map(
            lambda parts: {**parts[0], **parts[1]}
        )
    else:
        realistic = st.fixed_dictionaries({}, optional=optional).map(
            lambda chosen: {**parameters, **chosen}
        )
    return st.one_of(st.just(parameters), realistic)


def _known_values(location: str):
    """The hook for the query or the path parameters of every operation."""

    def hook(context, parameters: dict | None):
        declared = getattr(context.operation, location)
        known = {p.name: _known(p.name) for p in declared if _known(p.name)}
        return _with_known(parameters or {}, known)

    return hook


for _schema in (v1, hsds):
    _schema.hook("flatmap_query")(_known_values("query"))
    _schema.hook("flatmap_path_parameters")(_known_values("path_parameters"))


# --- The official HSDS schemas ---------------------------------------------------------------


def hsds_official(ctx, response, case):
    """A 200 of the HSDS API is valid against the official HSDS 3.0 OpenAPI definition."""
    path = case.operation.path.removeprefix("/api/hsds")
    if response.status_code != 200 or path == "/profile":
        return None
    official = re.sub(r"\{\w+\}", "{id}", path)
    if official == "/service_at_locations/{id}":
        # The official definition names compiled/service.json here, a slip (see test_hsds_api).
        valid(response.json(), "service_at_location")
    else:
        valid_response(response.json(), official)
    return None


# --- The tests -------------------------------------------------------------------------------
# Every check of schemathesis, among them: no server error (5xx); status code, content type,
# headers and body as documented; invalid input refused. Not this one: a value the schema
# allows need not be meaningful (a real place, a known topic), so a 400 for it is right.
NOT_CHECKED = [positive_data_acceptance]


@v1.parametrize()
@FUZZ_SETTINGS
def test_json_api_v1(case, directory):
    case.call_and_validate(excluded_checks=NOT_CHECKED)


@hsds.parametrize()
@FUZZ_SETTINGS
def test_hsds_api(case, directory):
    case.call_and_validate(excluded_checks=NOT_CHECKED, additional_checks=[hsds_official])
