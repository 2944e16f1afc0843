"""HSDS service records in Lotse's profile, for the tests."""

import copy
import uuid

GREIFSWALD = (54.0931, 13.3879)
WOLGAST = (54.0540, 13.7750)


def hsds_service(**overrides) -> dict:
    """A valid full-form HSDS service: an Eltern-Café in Greifswald for 0–3 year olds."""
    record = {
        "id": str(uuid.uuid4()),
        "name": "Eltern-Café am Markt",
        "description": "Offener Treffpunkt für Eltern mit Babys und Kleinkindern.",
        "status": "active",
        "minimum_age": 0,
        "maximum_age": 3,
        "pregnancy_eligible": False,
        # Every offer needs a way to reach someone (offers/contacts.py); .example reaches nobody.
        "email": "eltern-cafe@familienbruecke.example",
        "organization": {
            "id": "7a1b7c1e-5f7e-4d47-9c1a-1c2b3d4e5f60",
            "name": "Familienbrücke Vorpommern e.V.",
            "description": "Träger der Familienbildung",
        },
        "languages": [{"code": "de"}, {"code": "ar"}],
        "cost_options": [],
        "attributes": [{"taxonomy_term": {"code": "eltern-cafe"}}],
        "schedules": [
            {"freq": "WEEKLY", "byday": "TU,TH", "opens_at": "09:30", "closes_at": "11:30"}
        ],
        "service_areas": [],
        "service_at_locations": [
            {
                "location": {
                    "id": str(uuid.uuid4()),
                    "location_type": "physical",
                    "name": "Familienzentrum",
                    "latitude": GREIFSWALD[0],
                    "longitude": GREIFSWALD[1],
                    "addresses": [
                        {
                            "address_1": "Markt 1",
                            "city": "Greifswald",
                            "postal_code": "17489",
                            "country": "DE",
                        }
                    ],
                }
            }
        ],
    }
    for key, value in overrides.items():
        record[key] = copy.deepcopy(value)
    return record


def outreach_service(uri: str, **overrides) -> dict:
    """An outreach offer (no venue) covering the area of a district or municipality AGS."""
    defaults = {
        "name": "Familienhebamme kommt nach Hause",
        "service_at_locations": [],
        "service_areas": [{"uri": uri}],
        "attributes": [{"taxonomy_term": {"code": "familienhebamme"}}],
    }
    return hsds_service(**{**defaults, **overrides})


def online_service(**overrides) -> dict:
    """A phone/online offer (virtual location)."""
    defaults = {
        "name": "Elternberatung am Telefon",
        "service_at_locations": [
            {"location": {"id": str(uuid.uuid4()), "location_type": "virtual"}}
        ],
        "attributes": [{"taxonomy_term": {"code": "beratung"}}],
    }
    return hsds_service(**{**defaults, **overrides})


def venue(lat_lon, name="Treff") -> dict:
    """A service_at_location at a physical venue (no address)."""
    return {
        "location": {
            "id": str(uuid.uuid4()),
            "location_type": "physical",
            "name": name,
            "latitude": lat_lon[0],
            "longitude": lat_lon[1],
        }
    }
