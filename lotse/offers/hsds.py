"""Lotse's HSDS 3.0 profile: services and their parts as the API's documents.

The export writes the full form that hsds_import.py reads, so export → import gives the
same data.

Profile rules: ages in years (0.5 = 6 months) → months by
round(years × 12); `pregnancy_eligible` (Lotse extension); topics as attributes whose
taxonomy_term.code is a `lotse-themen` code; languages by ISO 639-1 code; free when no
cost option has an amount above 0; service areas by `urn:de:ags:<AGS>` or a GeoJSON extent;
schedules as weekly hours or courses (WEEKLY), monthly meetings (MONTHLY, byday 1WE … 5WE
and -1WE) or single dates (no freq, dtstart), each within valid_from … valid_to
(lotse.offers.schedules).
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from django.conf import settings

from lotse.offers.models import Offer, ServiceAtLocation, Topic
from lotse.offers.queries import fresh_since
from lotse.organizations.models import Organization


def _years(months: int | None) -> float | None:
    if months is None:
        return None
    return round(months / 12, 4)


def compact(value: Any) -> Any:
    """Leave out empty values: HSDS types them (a null minimum_age is not a number)."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def public_status(offer: Offer) -> str:
    """The one mapping of an offer to its HSDS status in the open API.

    The provider's own status (active, inactive, defunct, temporarily closed: Offer.Status
    uses HSDS's values), except that an active offer nobody confirmed within
    LOTSE_OFFER_STALE_AFTER is "inactive": parents no longer find it. Only published
    (approved) offers reach the API at all; a draft has no public status.
    """
    if offer.status != Offer.Status.ACTIVE:
        return offer.status
    return Offer.Status.ACTIVE if not _stale_since(offer) else Offer.Status.INACTIVE


def _stale_since(offer: Offer) -> datetime.datetime | None:
    """When the offer's last check became too old, if it has (unchecked: since it was written)."""
    if offer.verified_at is None:
        return offer.last_modified
    if offer.verified_at >= fresh_since():
        return None
    return offer.verified_at + settings.LOTSE_OFFER_STALE_AFTER


def public_service(offer: Offer) -> dict[str, Any]:
    """The offer as the open API serves it: its public status, and as last modified the
    latest of its last write, its last confirmation and the moment it went stale (as
    OfferQuerySet.changed_for_the_public_since finds it)."""
    document = export_service(offer)
    document["status"] = public_status(offer)
    moments = [offer.last_modified, offer.verified_at]
    if offer.status == Offer.Status.ACTIVE:
        moments.append(_stale_since(offer))
    document["last_modified"] = max(m for m in moments if m is not None).isoformat()
    return document


def export_service(offer: Offer) -> dict[str, Any]:
    """One offer as `GET /services/{id}` of the HSDS API returns it (Lotse profile).

    Expects the offer prefetched with EXPORT_PREFETCH and its organization, to avoid N+1.
    """
    return compact(_service_document(offer))


def _service_document(offer: Offer) -> dict[str, Any]:
    return {
        "id": str(offer.id),
        "name": offer.name,
        "description": offer.description or None,
        "url": offer.url or None,
        "email": offer.email or None,
        "status": offer.status,
        "fees_description": offer.fees_description or None,
        "minimum_age": _years(offer.age_min_months),
        "maximum_age": _years(offer.age_max_months),
        "pregnancy_eligible": offer.pregnancy_eligible,
        "assured_date": offer.verified_at.date().isoformat() if offer.verified_at else None,
        "last_modified": offer.last_modified.isoformat(),
        "organization": {
            **organization_document(offer.organization),
            **organization_phones(offer.organization),
        },
        "phones": [{"id": str(uuid.uuid5(offer.id, "phone")), "number": offer.phone}]
        if offer.phone
        else [],
        "languages": [
            {"id": str(uuid.uuid5(offer.id, f"language:{lang.code}")), "code": lang.code}
            for lang in offer.languages.all()
        ],
        "cost_options": [
            {
                "id": str(c.id),
                "option": c.option or None,
                "amount": float(c.amount) if c.amount is not None else None,
                "currency": c.currency,
            }
            for c in offer.cost_options.all()
        ],
        "schedules": [
            {
                "id": str(s.id),
                "freq": s.freq or None,
                "byday": s.byday or None,
                "opens_at": s.opens_at.strftime("%H:%M") if s.opens_at else None,
                "closes_at": s.closes_at.strftime("%H:%M") if s.closes_at else None,
                "dtstart": s.dtstart.isoformat() if s.dtstart else None,
                "until": s.until.isoformat() if s.until else None,
                "count": s.count,
                "valid_from": s.valid_from.isoformat() if s.valid_from else None,
                "valid_to": s.valid_to.isoformat() if s.valid_to else None,
                "description": s.description or None,
            }
            for s in offer.schedules.all()
        ],
        "service_areas": [
            {"id": str(a.id), "name": a.name or None, "uri": a.uri}
            if a.ags
            else {
                "id": str(a.id),
                "name": a.name or None,
                "extent": json.dumps(a.extent),
                "extent_type": "geojson",
            }
            for a in offer.service_areas.all()
        ],
        "attributes": [
            {
                "id": str(uuid.uuid5(offer.id, f"topic:{t.code}")),
                "taxonomy_term_id": str(t.id),
                "value": t.code,
                "taxonomy_term": taxonomy_term_document(t),
            }
            for t in offer.topics.all()
        ],
        "service_at_locations": [
            {
                "id": str(sal.id),
                "location": {
                    "id": str(sal.location.id),
                    "location_type": sal.location.location_type,
                    "name": sal.location.name or None,
                    "url": sal.location.url or None,
                    "latitude": sal.location.latitude,
                    "longitude": sal.location.longitude,
                    "addresses": [
                        {
                            "id": str(uuid.uuid5(sal.location.id, "address")),
                            "address_1": sal.location.address_1,
                            "city": sal.location.city,
                            "state_province": "Mecklenburg-Vorpommern",
                            "postal_code": sal.location.postal_code,
                            "country": "DE",
                            "address_type": "physical",
                        }
                    ]
                    if sal.location.address_1
                    else [],
                },
            }
            for sal in offer.service_at_locations.all()
        ],
    }


EXPORT_PREFETCH = (
    "topics",
    "languages",
    "cost_options",
    "schedules",
    "service_areas",
    "service_at_locations__location",
)


# --- Documents of the HSDS API besides the full service (lotse.offers.hsds_api) --------------

TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://lotse.example/taxonomies/lotse-themen")

# The one-to-one fields of a service (HSDS service_list), in the order of the full form.
SERVICE_LIST_FIELDS = (
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "last_modified",
)


def organization_document(organization: Organization) -> dict[str, Any]:
    """An organization's one-to-one fields (HSDS organization_list), public ones only."""
    return compact(
        {
            "id": str(organization.id),
            "name": organization.name,
            "description": organization.description or organization.name,
            "email": organization.email or None,
            "website": organization.website or None,
        }
    )


def organization_phones(organization: Organization) -> dict[str, Any]:
    """The provider's phone (HSDS organization.phones; the list form has no phones)."""
    if not organization.phone:
        return {}
    phone_id = str(uuid.uuid5(organization.id, "phone"))
    return {"phones": [{"id": phone_id, "number": organization.phone}]}


def taxonomy_document() -> dict[str, Any]:
    """The one taxonomy Lotse publishes: the topics of the offers (`lotse-themen`)."""
    return {
        "id": str(TAXONOMY_ID),
        "name": Topic.TAXONOMY,
        "description": "Themen der Angebote Früher Hilfen in Lotse (Mecklenburg-Vorpommern).",
        "version": "1",
    }


def taxonomy_term_document(topic: Topic) -> dict[str, Any]:
    return {
        "id": str(topic.id),
        "code": topic.code,
        "name": topic.label,
        "description": topic.label,
        "taxonomy": Topic.TAXONOMY,
        "taxonomy_id": str(TAXONOMY_ID),
        "language": "de",
    }


def service_summary(offer: Offer) -> dict[str, Any]:
    """A service with its one-to-one fields only (HSDS service_list), as the API serves it."""
    document = public_service(offer)
    summary = {name: document[name] for name in SERVICE_LIST_FIELDS if name in document}
    summary["organization_id"] = str(offer.organization_id)
    return summary


def service_at_location_document(link: ServiceAtLocation, *, full: bool) -> dict[str, Any]:
    """An offer at one of its places; `full` nests the location and the service (without
    its other places), as `GET /service_at_locations/{id}` returns it."""
    document = {
        "id": str(link.id),
        "service_id": str(link.offer_id),
        "location_id": str(link.location_id),
    }
    if full:
        service = public_service(link.offer)
        document["location"] = next(
            entry["location"]
            for entry in service["service_at_locations"]
            if entry["id"] == str(link.id)
        )
        document["service"] = {
            key: value for key, value in service.items() if key != "service_at_locations"
        }
    return document
