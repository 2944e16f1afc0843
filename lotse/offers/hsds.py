"""Lotse's HSDS 3.0 profile: reading and writing services in the API's full form.

Import is all or nothing: every record is checked first, each problem is reported with
the record's index, id and field, and nothing is stored unless every record is clean.
The export writes the same form, so export → import gives the same data.

Profile rules (issue "offer finder"): ages in years (0.5 = 6 months) → months by
round(years × 12); `pregnancy_eligible` (Lotse extension); topics as attributes whose
taxonomy_term.code is a `lotse-themen` code; languages by ISO 639-1 code; free when no
cost option has an amount above 0; service areas by `urn:de:ags:<AGS>` or a GeoJSON extent.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.identifiers import parse_uuid
from lotse.offers.models import (
    CostOption,
    Location,
    Offer,
    OfferLanguage,
    Organization,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    Topic,
)
from lotse.offers.placement import place_offer
from lotse.offers.search import refresh_planner_statistics
from lotse.regions.geo import geometry_bounds
from lotse.regions.models import District, Municipality

STATUSES = {choice.value for choice in Offer.Status}
# From this many records on, an import refreshes the database planner's statistics.
BULK_IMPORT = 500
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
AGS_URI = re.compile(r"^urn:de:ags:(\d{5}|\d{8})$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


class ImportRefused(Exception):
    """The file cannot be imported; `errors` names each problem."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} Fehler")
        self.errors = errors


@dataclass
class Problems:
    errors: list[str] = field(default_factory=list)

    def add(self, index: int, record_id: Any, field_name: str, message: str) -> None:
        self.errors.append(
            f"Datensatz {index} (id {record_id or '–'}), Feld {field_name}: {message}"
        )


def _months(value: Any) -> int | None:
    return round(Decimal(str(value)) * 12)


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def check_service(
    index: int, record: Any, problems: Problems, topic_codes: set[str], ags_known: set[str]
) -> None:
    """Every problem of one service record."""
    if not isinstance(record, dict):
        problems.add(index, None, "(Datensatz)", "ein JSON-Objekt wird erwartet.")
        return
    rid = record.get("id")

    def bad(field_name: str, message: str) -> None:
        problems.add(index, rid, field_name, message)

    if parse_uuid(rid) is None:
        bad("id", "keine gültige UUID.")
    if not isinstance(record.get("name"), str) or not record["name"].strip():
        bad("name", "fehlt.")
    if record.get("status") not in STATUSES:
        bad("status", f"muss einer von {', '.join(sorted(STATUSES))} sein.")
    organization = record.get("organization")
    if not isinstance(organization, dict):
        bad("organization", "fehlt (volle Form mit id und name).")
    else:
        if parse_uuid(organization.get("id")) is None:
            bad("organization.id", "keine gültige UUID.")
        if not organization.get("name"):
            bad("organization.name", "fehlt.")
    ages = {}
    for key in ("minimum_age", "maximum_age"):
        value = record.get(key)
        if value is None:
            continue
        try:
            years = Decimal(str(value))
        except InvalidOperation:
            bad(key, f"{value!r} ist keine Zahl (Jahre).")
            continue
        if isinstance(value, bool) or years < 0 or years > 120:
            bad(key, "muss zwischen 0 und 120 Jahren liegen.")
            continue
        ages[key] = _months(years)
    if len(ages) == 2 and ages["maximum_age"] < ages["minimum_age"]:
        bad("maximum_age", "liegt unter minimum_age.")
    if "pregnancy_eligible" in record and not isinstance(record["pregnancy_eligible"], bool):
        bad("pregnancy_eligible", "muss true oder false sein.")
    for i, attribute in enumerate(record.get("attributes") or []):
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        code = term.get("code") if isinstance(term, dict) else None
        if code not in topic_codes:
            bad(
                f"attributes[{i}].taxonomy_term.code",
                f"unbekanntes Thema {code!r} (Taxonomie lotse-themen).",
            )
    for i, language in enumerate(record.get("languages") or []):
        code = language.get("code") if isinstance(language, dict) else None
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            bad(f"languages[{i}].code", f"{code!r} ist kein zweistelliger Sprachcode (ISO 639-1).")
    for i, cost in enumerate(record.get("cost_options") or []):
        amount = cost.get("amount") if isinstance(cost, dict) else None
        if amount is None:
            continue
        try:
            if isinstance(amount, bool) or Decimal(str(amount)) < 0:
                raise InvalidOperation
        except InvalidOperation:
            bad(f"cost_options[{i}].amount", f"{amount!r} ist kein Betrag ≥ 0.")
    for i, schedule in enumerate(record.get("schedules") or []):
        if not isinstance(schedule, dict):
            bad(f"schedules[{i}]", "ein Objekt wird erwartet.")
            continue
        if schedule.get("freq") not in (None, "", "WEEKLY"):
            bad(f"schedules[{i}].freq", "nur WEEKLY wird unterstützt.")
        days = [d.strip() for d in (schedule.get("byday") or "").split(",") if d.strip()]
        if schedule.get("freq") == "WEEKLY" and (not days or any(d not in WEEKDAYS for d in days)):
            bad(f"schedules[{i}].byday", "Wochentage als MO,TU,WE,TH,FR,SA,SU angeben.")
        for key in ("opens_at", "closes_at"):
            if schedule.get(key) and not TIME.match(str(schedule[key])):
                bad(f"schedules[{i}].{key}", "Uhrzeit als HH:MM angeben.")
        for key in ("dtstart", "until", "valid_from", "valid_to"):
            try:
                _date(schedule.get(key))
            except ValueError:
                bad(f"schedules[{i}].{key}", "Datum als JJJJ-MM-TT angeben.")
    for i, area in enumerate(record.get("service_areas") or []):
        if not isinstance(area, dict):
            bad(f"service_areas[{i}]", "ein Objekt wird erwartet.")
            continue
        uri, extent = area.get("uri"), area.get("extent")
        if uri:
            match = AGS_URI.match(uri)
            if not match:
                bad(f"service_areas[{i}].uri", "erwartet urn:de:ags:<5- oder 8-stelliger AGS>.")
            elif match.group(1) not in ags_known:
                bad(
                    f"service_areas[{i}].uri",
                    f"AGS {match.group(1)} ist kein Landkreis und keine Gemeinde in MV.",
                )
        elif extent:
            try:
                geometry = json.loads(extent) if isinstance(extent, str) else extent
                geometry_bounds(geometry)
            except (ValueError, TypeError, KeyError, IndexError):
                bad(f"service_areas[{i}].extent", "kein GeoJSON-Polygon oder -MultiPolygon.")
        else:
            bad(f"service_areas[{i}]", "braucht uri (urn:de:ags:…) oder extent (GeoJSON).")
    for i, sal in enumerate(record.get("service_at_locations") or []):
        location = sal.get("location") if isinstance(sal, dict) else None
        where = f"service_at_locations[{i}].location"
        if not isinstance(location, dict):
            bad(where, "fehlt.")
            continue
        if parse_uuid(location.get("id")) is None:
            bad(f"{where}.id", "keine gültige UUID.")
        kind = location.get("location_type")
        if kind not in ("physical", "virtual"):
            bad(f"{where}.location_type", "muss physical oder virtual sein.")
        if kind == "physical":
            lat, lon = location.get("latitude"), location.get("longitude")
            if not isinstance(lat, int | float) or isinstance(lat, bool) or not -90 <= lat <= 90:
                bad(f"{where}.latitude", "Breitengrad zwischen −90 und 90 erwartet.")
            if not isinstance(lon, int | float) or isinstance(lon, bool) or not -180 <= lon <= 180:
                bad(f"{where}.longitude", "Längengrad zwischen −180 und 180 erwartet.")


def check_records(records: Any) -> list[str]:
    """All problems of a file's records (empty when it can be imported)."""
    if not isinstance(records, list):
        return ["Die Datei muss ein JSON-Array von Angeboten (HSDS services) enthalten."]
    problems = Problems()
    topic_codes = set(Topic.objects.values_list("code", flat=True))
    ags_known = set(District.objects.values_list("ags", flat=True)) | set(
        Municipality.objects.values_list("ags", flat=True)
    )
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        check_service(index, record, problems, topic_codes, ags_known)
        rid = str(record.get("id")) if isinstance(record, dict) else None
        if rid in seen:
            problems.add(index, rid, "id", f"doppelt (schon in Datensatz {seen[rid]}).")
        elif rid:
            seen[rid] = index
    return problems.errors


@transaction.atomic
def import_services(
    records: Any, *, approved: bool = True, districts: set[str] | None = None
) -> list[Offer]:
    """Store the records (create or update by HSDS id); all or nothing.

    `districts`: the AGS a district coordinator may import into (None: all, the LKS). An
    offer that exists in another district, or that would land in one, refuses the file.
    """
    errors = check_records(records)
    if errors:
        raise ImportRefused(errors)
    if districts is not None:
        errors = _outside(records, districts, stored=False)
        if errors:
            raise ImportRefused(errors)
    topics = {t.code: t for t in Topic.objects.all()}
    offers = [_store(record, topics, approved=approved) for record in records]
    if districts is not None:
        errors = _outside(records, districts, stored=True)
        if errors:
            raise ImportRefused(errors)  # rolls back everything stored above
    if len(offers) >= BULK_IMPORT:
        refresh_planner_statistics()
    return offers


def _outside(records: list[dict], districts: set[str], *, stored: bool) -> list[str]:
    """Records whose offer lies (stored=True: now) or lay (before storing) outside `districts`."""
    ids = {parse_uuid(record["id"]): index for index, record in enumerate(records)}
    placed = Offer.objects.filter(pk__in=ids).values_list("pk", "district__ags")
    return [
        f"Datensatz {ids[pk]} (id {pk}): "
        + (
            "liegt nicht in Ihrem Landkreis."
            if stored
            else "gehört zu einem Angebot eines anderen Landkreises."
        )
        for pk, ags in sorted(placed, key=lambda row: ids[row[0]])
        if ags not in districts and (stored or ags is not None)
    ]


def _store(record: dict, topics: dict[str, Topic], *, approved: bool) -> Offer:
    org = record["organization"]
    organization, _ = Organization.objects.update_or_create(
        id=parse_uuid(org["id"]),
        defaults={
            "name": org["name"],
            "description": org.get("description") or "",
            "email": org.get("email") or "",
            "website": org.get("website") or org.get("url") or "",
        },
    )
    costs = record.get("cost_options") or []
    verified = _date(record.get("assured_date"))
    offer, _ = Offer.objects.update_or_create(
        id=parse_uuid(record["id"]),
        defaults={
            "organization": organization,
            "name": record["name"].strip(),
            "description": record.get("description") or "",
            "url": record.get("url") or "",
            "email": record.get("email") or "",
            "phone": ((record.get("phones") or [{}])[0] or {}).get("number") or "",
            "status": record["status"],
            "approval": Offer.Approval.APPROVED if approved else Offer.Approval.PENDING,
            "age_min_months": _months(record["minimum_age"])
            if record.get("minimum_age") is not None
            else 0,
            "age_max_months": _months(record["maximum_age"])
            if record.get("maximum_age") is not None
            else None,
            "pregnancy_eligible": bool(record.get("pregnancy_eligible")),
            "is_free": all(Decimal(str(c.get("amount") or 0)) == 0 for c in costs),
            "fees_description": record.get("fees_description") or "",
            "verified_at": timezone.make_aware(
                datetime.datetime.combine(verified, datetime.time(12))
            )
            if verified
            else timezone.now(),
        },
    )
    offer.topics.set([topics[a["taxonomy_term"]["code"]] for a in record.get("attributes") or []])
    offer.languages.all().delete()
    OfferLanguage.objects.bulk_create(
        OfferLanguage(offer=offer, code=code)
        for code in dict.fromkeys(lang["code"] for lang in record.get("languages") or [])
    )
    offer.cost_options.all().delete()
    CostOption.objects.bulk_create(
        CostOption(
            id=parse_uuid(c.get("id")) or uuid.uuid4(),
            offer=offer,
            option=c.get("option") or "",
            amount=Decimal(str(c["amount"])) if c.get("amount") is not None else None,
            currency=c.get("currency") or "EUR",
        )
        for c in costs
    )
    offer.schedules.all().delete()
    Schedule.objects.bulk_create(
        Schedule(
            id=parse_uuid(s.get("id")) or uuid.uuid4(),
            offer=offer,
            freq=s.get("freq") or "",
            byday=s.get("byday") or "",
            opens_at=s.get("opens_at") or None,
            closes_at=s.get("closes_at") or None,
            dtstart=_date(s.get("dtstart")),
            until=_date(s.get("until")),
            count=s.get("count"),
            description=s.get("description") or "",
        )
        for s in record.get("schedules") or []
    )
    offer.service_areas.all().delete()
    ServiceArea.objects.bulk_create(
        _service_area(offer, a) for a in record.get("service_areas") or []
    )
    offer.service_at_locations.all().delete()
    for sal in record.get("service_at_locations") or []:
        loc = sal["location"]
        address = (loc.get("addresses") or [{}])[0] or {}
        location, _ = Location.objects.update_or_create(
            id=parse_uuid(loc["id"]),
            defaults={
                "location_type": loc["location_type"],
                "name": loc.get("name") or "",
                "url": loc.get("url") or "",
                "latitude": loc.get("latitude") if loc["location_type"] == "physical" else None,
                "longitude": loc.get("longitude") if loc["location_type"] == "physical" else None,
                "address_1": address.get("address_1") or "",
                "postal_code": address.get("postal_code") or "",
                "city": address.get("city") or "",
                "accessibility": "; ".join(
                    a.get("description") or ""
                    for a in loc.get("accessibility") or []
                    if isinstance(a, dict)
                ),
            },
        )
        ServiceAtLocation.objects.create(
            id=parse_uuid(sal.get("id")) or uuid.uuid4(), offer=offer, location=location
        )
    place_offer(offer)
    return offer


def _service_area(offer: Offer, area: dict) -> ServiceArea:
    match = AGS_URI.match(area.get("uri") or "")
    if match:
        return ServiceArea(
            id=parse_uuid(area.get("id")) or uuid.uuid4(),
            offer=offer,
            name=area.get("name") or "",
            ags=match.group(1),
        )
    extent = area["extent"]
    geometry = json.loads(extent) if isinstance(extent, str) else extent
    min_lat, max_lat, min_lon, max_lon = geometry_bounds(geometry)
    return ServiceArea(
        id=parse_uuid(area.get("id")) or uuid.uuid4(),
        offer=offer,
        name=area.get("name") or "",
        extent=geometry,
        min_lat=min_lat,
        max_lat=max_lat,
        min_lon=min_lon,
        max_lon=max_lon,
    )


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
        "organization": organization_document(offer.organization),
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
    """A service with its one-to-one fields only (HSDS service_list)."""
    document = export_service(offer)
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
        service = export_service(link.offer)
        document["location"] = next(
            entry["location"]
            for entry in service["service_at_locations"]
            if entry["id"] == str(link.id)
        )
        document["service"] = {
            key: value for key, value in service.items() if key != "service_at_locations"
        }
    return document
