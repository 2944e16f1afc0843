"""The answers of the HSDS API (lotse.offers.hsds_api) in its OpenAPI document.

The documents follow the official HSDS 3.0 schemas (compiled/service.json and so on; the
tests check every answer against them). Those are megabytes and live elsewhere, so the
OpenAPI document describes the parts a client relies on and names the official schema;
errors and the rate limit's 429 are the German error answers of both open APIs.
"""

from lotse.core.api_errors import error_responses

OFFICIAL_SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
UUID = {"type": "string", "format": "uuid"}
TEXT = {"type": "string"}


def _document(official: str, properties: dict, required: tuple[str, ...]) -> dict:
    return {
        "type": "object",
        "description": f"HSDS 3.0, Lotse-Profil: {OFFICIAL_SCHEMAS}{official}",
        "properties": properties,
        "required": list(required),
    }


SERVICE = _document(
    "compiled/service.json",
    {
        "id": UUID,
        "name": TEXT,
        "status": {
            "type": "string",
            "enum": ["active", "inactive", "defunct", "temporarily closed"],
        },
        "organization": {"type": "object"},
        "service_at_locations": {"type": "array", "items": {"type": "object"}},
    },
    ("id", "name", "status"),
)
SERVICE_SUMMARY = _document(
    "compiled/service_list.json",
    {"id": UUID, "name": TEXT, "organization_id": UUID},
    ("id", "name", "organization_id"),
)
ORGANIZATION = _document(
    "compiled/organization_list.json", {"id": UUID, "name": TEXT}, ("id", "name")
)
ORGANIZATION_WITH_SERVICES = _document(
    "compiled/organization.json",
    {"id": UUID, "name": TEXT, "services": {"type": "array", "items": {"type": "object"}}},
    ("id", "name", "services"),
)
SERVICE_AT_LOCATION = _document(
    "compiled/service_at_location_list.json",
    {
        "id": UUID,
        "service_id": UUID,
        "location_id": UUID,
        "location": {"type": "object"},
        "service": {"type": "object"},
    },
    ("id", "service_id", "location_id"),
)
TAXONOMY = _document("taxonomy.json", {"id": UUID, "name": TEXT}, ("id", "name"))
TAXONOMY_TERM = _document(
    "taxonomy_term.json",
    {"id": UUID, "code": TEXT, "name": TEXT, "taxonomy_id": UUID},
    ("id", "code", "name", "taxonomy_id"),
)
COUNT = {"type": "integer", "minimum": 0}
URI = {"type": "string", "format": "uri"}
ROOT = {
    "type": "object",
    "properties": {"version": TEXT, "profile": URI, "openapi_url": URI},
    "required": ["version", "profile", "openapi_url"],
}
PROFILE = {
    "type": "object",
    "properties": {
        "name": TEXT,
        "hsds_version": TEXT,
        "rules": {"type": "object", "additionalProperties": TEXT},
        "taxonomy": TAXONOMY,
    },
    "required": ["name", "hsds_version", "rules", "taxonomy"],
}


def page_of(item: dict) -> dict:
    """The HSDS page envelope (openapi.json#/components/schemas/Page); Lotse gives every key."""
    return {
        "type": "object",
        "properties": {
            "total_items": COUNT,
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": COUNT,
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": item},
        },
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
    }


def documented(answer: dict, *status_codes: int) -> dict:
    """`openapi_extra` of an operation: the schema of its 200 and its error answers."""
    return {
        "responses": {
            200: {"content": {"application/json": {"schema": answer}}},
            **error_responses(*status_codes),
        }
    }
