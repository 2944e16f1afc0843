"""Reading HSDS 3.0 services into the offer directory (Lotse's profile, see hsds.py).

All or nothing: every record is checked first, each problem is reported with the
record's index, id and field, and nothing is stored unless every record is clean.

Who may write what. The LKS imports into the whole directory. A district's network
coordinator imports only offers of their district, and only through providers and venues
of their district: an organisation or a venue is found by its HSDS id, and those ids are
public (`/api/hsds/`), so an id alone must never let one district rename another's
provider or move its venue. An existing organisation counts as the district's when its
seat is there, or, without a seat, when all its offers and network partnerships are
there; an existing venue when every offer held there is. Ids of an offer's parts
(schedules, cost options, service areas, venue links) may not belong to another offer.

Every created or changed organisation, offer and venue is written to the audit log,
like every other write path.

Profile rules: ages in years (0.5 = 6 months) → months by round(years × 12);
`pregnancy_eligible` (Lotse extension); topics as attributes whose taxonomy_term.code is
a `lotse-themen` code; languages by ISO 639-1 code; free when no cost option has an
amount above 0; service areas by `urn:de:ags:<AGS>` or a GeoJSON extent; schedules as
lotse.offers.schedules reads them (weekly, monthly on ordinal weekdays, single dates), any
other rule refused.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.core import contact_details
from lotse.core.identifiers import parse_uuid
from lotse.offers.actions import offer_state
from lotse.offers.models import (
    CostOption,
    Location,
    Offer,
    OfferLanguage,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    Topic,
)
from lotse.offers.placement import place_offer
from lotse.offers.schedules import (
    MONTHLY,
    ORDINAL_WEEKDAY,
    WEEKDAYS,
    WEEKLY,
    byday_parts,
    ordinal_weekday,
)
from lotse.offers.search import refresh_planner_statistics
from lotse.organizations.models import Organization
from lotse.regions.geo import geometry_bounds, polygons
from lotse.regions.models import District, Municipality

STATUSES = {choice.value for choice in Offer.Status}
# From this many records on, an import refreshes the database planner's statistics.
BULK_IMPORT = 500
# A service in Lotse's profile is at most about 8 levels deep (a GeoJSON multipolygon);
# anything deeper is refused before it is read any further.
MAX_DEPTH = 16
AGS_URI = re.compile(r"^urn:de:ags:(\d{5}|\d{8})$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
# Decimal(10, 2) in the database.
MAX_AMOUNT = Decimal("99999999.99")
MAX_COUNT = 32767

ORGANIZATION_FIELDS = ("name", "description", "email", "phone", "website", "district")
LOCATION_FIELDS = (
    "location_type",
    "name",
    "url",
    "latitude",
    "longitude",
    "address_1",
    "postal_code",
    "city",
    "accessibility",
)
# The parts of an offer that have ids of their own: (field of the record, model).
OWNED_PARTS = (
    ("cost_options", CostOption),
    ("schedules", Schedule),
    ("service_areas", ServiceArea),
    ("service_at_locations", ServiceAtLocation),
)


class ImportRefused(Exception):
    """The file cannot be imported; `errors` names each problem."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} Fehler")
        self.errors = errors


@dataclass
class Problems:
    errors: list[str] = field(default_factory=list)

    def add(self, index: int, record_id: Any, field_name: str, message: str) -> None:
        shown = "–" if record_id in (None, "") else str(record_id)[:60]
        self.errors.append(f"Datensatz {index} (id {shown}), Feld {field_name}: {message}")


def parse(content: bytes | str) -> Any:
    """The records of a file; ImportRefused (with line and column) when it is no JSON."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused(["Die Datei ist nicht in UTF-8 kodiert."]) from None
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            [f"Zeile {error.lineno}, Spalte {error.colno}: kein gültiges JSON ({error.msg})."]
        ) from None
    except RecursionError:
        raise ImportRefused([too_deep_message()]) from None


def too_deep_message() -> str:
    return f"Die Datei ist zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen je Angebot)."


# --- Checking ---------------------------------------------------------------------------


def _months(value: Any) -> int:
    return round(Decimal(str(value)) * 12)


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def _limit(model: type[models.Model], field_name: str) -> int:
    """The longest text the database takes for a field (PostgreSQL refuses a longer one)."""
    length = getattr(model._meta.get_field(field_name), "max_length", None)
    assert isinstance(length, int), f"{model.__name__}.{field_name} has no max_length"
    return length


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _structure_problems(record: Any, bad: Callable[[str, str], None]) -> bool:
    """NUL characters anywhere and nesting beyond MAX_DEPTH; True when the record is sound.

    Iterative, so a hostile file cannot exhaust the stack. PostgreSQL stores no NUL
    character, so one is reported here instead of failing at the database.
    """
    sound = True
    stack: list[tuple[Any, str, int]] = [(record, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            bad(path or "(Datensatz)", too_deep_message())
            return False
        if isinstance(value, str):
            if "\x00" in value:
                bad(path or "(Datensatz)", "enthält ein NUL-Zeichen (\\u0000).")
                sound = False
        elif isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    bad(path or "(Datensatz)", "ein Feldname enthält ein NUL-Zeichen.")
                    sound = False
                    continue
                stack.append((item, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    return sound


class RecordChecker:
    """Reads the fields of one record by their path and notes every problem."""

    def __init__(self, bad: Callable[[str, str], None]):
        self.bad = bad

    def text(self, value: Any, path: str, *, max_length: int | None = None) -> str:
        """A string field ('' when missing); problems noted, '' returned for a bad one."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.bad(path, "Text erwartet.")
            return ""
        if max_length is not None and len(value) > max_length:
            self.bad(path, f"höchstens {max_length} Zeichen (hier {len(value)}).")
            return ""
        return value

    def required_text(self, value: Any, path: str, *, max_length: int) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.bad(path, "fehlt.")
        else:
            self.text(value, path, max_length=max_length)

    def contact(self, value: Any, path: str, kind: str, *, max_length: int) -> None:
        text = self.text(value, path, max_length=max_length)
        if text:
            message = contact_details.problem(kind, text)
            if message:
                self.bad(path, message)

    def items(self, value: Any, path: str) -> list[tuple[int, dict]]:
        """The objects of a list field; a non-list or a non-object entry is a problem."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(path, "eine Liste wird erwartet.")
            return []
        objects = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                objects.append((i, item))
            else:
                self.bad(f"{path}[{i}]", "ein Objekt wird erwartet.")
        return objects

    def part_id(self, value: Any, path: str) -> None:
        """Ids of an offer's parts may be left out (a new one is made), never malformed."""
        if value is not None and parse_uuid(value) is None:
            self.bad(path, "keine gültige UUID.")

    def date(self, value: Any, path: str) -> bool:
        """True when a date is given and well-formed."""
        if value in (None, ""):
            return False
        try:
            if not isinstance(value, str):
                raise ValueError
            _date(value)
        except ValueError:
            self.bad(path, "Datum als JJJJ-MM-TT angeben.")
            return False
        return True


def _first_phone(value: Any) -> str:
    """The number of the first phone of an HSDS phones list ('' when none is given)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        number = value[0].get("number")
        return number if isinstance(number, str) else ""
    return ""


def _service_phone(record: dict) -> str:
    """The service's phone: its own first phone, else the first of its contacts' phones."""
    return _first_phone(record.get("phones")) or next(
        (
            _first_phone(contact.get("phones"))
            for contact in _contacts(record)
            if _first_phone(contact.get("phones"))
        ),
        "",
    )


def _service_email(record: dict) -> str:
    """The service's e-mail: its own, else the first of its contacts' e-mails."""
    own = record.get("email")
    if isinstance(own, str) and own:
        return own
    return next(
        (c["email"] for c in _contacts(record) if isinstance(c.get("email"), str) and c["email"]),
        "",
    )


def _contacts(record: dict) -> list[dict]:
    """The HSDS contacts of a service (persons or desks), the well-formed ones."""
    value = record.get("contacts")
    return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []


def _reaches_a_person(record: dict, organization: dict) -> bool:
    """The offer's or its provider's phone, e-mail or web address, as they would be stored."""
    given = (
        _service_phone(record),
        _service_email(record),
        record.get("url"),
        _first_phone(organization.get("phones")),
        organization.get("email"),
        organization.get("website") or organization.get("url"),
    )
    return any(isinstance(value, str) and value.strip() for value in given)


def check_service(
    index: int, record: Any, problems: Problems, topic_codes: set[str], ags_known: set[str]
) -> None:
    """Every problem of one service record on its own (ids of other records aside)."""
    if not isinstance(record, dict):
        problems.add(index, None, "(Datensatz)", "ein JSON-Objekt wird erwartet.")
        return
    rid = record.get("id")

    def bad(field_name: str, message: str) -> None:
        problems.add(index, rid, field_name, message)

    if not _structure_problems(record, bad):
        return
    check = RecordChecker(bad)
    if parse_uuid(rid) is None:
        bad("id", "keine gültige UUID.")
    check.required_text(record.get("name"), "name", max_length=_limit(Offer, "name"))
    check.text(record.get("description"), "description")
    check.text(record.get("fees_description"), "fees_description")
    check.contact(record.get("url"), "url", "web_address", max_length=_limit(Offer, "url"))
    check.contact(record.get("email"), "email", "email", max_length=_limit(Offer, "email"))
    status = record.get("status")
    if not isinstance(status, str) or status not in STATUSES:
        bad("status", f"muss einer von {', '.join(sorted(STATUSES))} sein.")
    check.date(record.get("assured_date"), "assured_date")
    organization = record.get("organization")
    if not isinstance(organization, dict):
        bad("organization", "fehlt (volle Form mit id und name).")
    else:
        if parse_uuid(organization.get("id")) is None:
            bad("organization.id", "keine gültige UUID.")
        check.required_text(
            organization.get("name"), "organization.name", max_length=_limit(Organization, "name")
        )
        check.text(organization.get("description"), "organization.description")
        check.contact(
            organization.get("email"),
            "organization.email",
            "email",
            max_length=_limit(Organization, "email"),
        )
        for key in ("website", "url"):
            check.contact(
                organization.get(key),
                f"organization.{key}",
                "web_address",
                max_length=_limit(Organization, "website"),
            )
        for i, contact in check.items(record.get("contacts"), "contacts"):
            check.contact(
                contact.get("email"),
                f"contacts[{i}].email",
                "email",
                max_length=_limit(Offer, "email"),
            )
            for j, phone in check.items(contact.get("phones"), f"contacts[{i}].phones"):
                check.contact(
                    phone.get("number"),
                    f"contacts[{i}].phones[{j}].number",
                    "phone",
                    max_length=_limit(Offer, "phone"),
                )
        for i, phone in check.items(organization.get("phones"), "organization.phones"):
            check.contact(
                phone.get("number"),
                f"organization.phones[{i}].number",
                "phone",
                max_length=_limit(Organization, "phone"),
            )
        if not _reaches_a_person(record, organization):
            # An offer without a way to reach someone never goes live (offers/contacts.py):
            # the file is refused, so the importer adds the contact before anything is stored.
            bad(
                "phones",
                "keine Kontaktmöglichkeit: bitte phones, email oder url des Angebots "
                "oder phones, email oder website des Trägers angeben.",
            )
    ages = {}
    for key in ("minimum_age", "maximum_age"):
        value = record.get(key)
        if value is None:
            continue
        if not _is_number(value):
            bad(key, f"{value!r:.40} ist keine Zahl (Jahre).")
        elif not 0 <= value <= 120:
            bad(key, "muss zwischen 0 und 120 Jahren liegen.")
        else:
            ages[key] = _months(value)
    if len(ages) == 2 and ages["maximum_age"] < ages["minimum_age"]:
        bad("maximum_age", "liegt unter minimum_age.")
    if "pregnancy_eligible" in record and not isinstance(record["pregnancy_eligible"], bool):
        bad("pregnancy_eligible", "muss true oder false sein.")
    for i, phone in check.items(record.get("phones"), "phones"):
        check.contact(
            phone.get("number"), f"phones[{i}].number", "phone", max_length=_limit(Offer, "phone")
        )
    for i, attribute in check.items(record.get("attributes"), "attributes"):
        term = attribute.get("taxonomy_term")
        code = term.get("code") if isinstance(term, dict) else None
        if not isinstance(code, str) or code not in topic_codes:
            bad(
                f"attributes[{i}].taxonomy_term.code",
                f"unbekanntes Thema {code!r:.40} (Taxonomie lotse-themen).",
            )
    for i, language in check.items(record.get("languages"), "languages"):
        code = language.get("code")
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            bad(
                f"languages[{i}].code",
                f"{code!r:.40} ist kein zweistelliger Sprachcode (ISO 639-1).",
            )
    for i, cost in check.items(record.get("cost_options"), "cost_options"):
        where = f"cost_options[{i}]"
        check.part_id(cost.get("id"), f"{where}.id")
        check.text(cost.get("option"), f"{where}.option", max_length=_limit(CostOption, "option"))
        check.text(
            cost.get("currency"), f"{where}.currency", max_length=_limit(CostOption, "currency")
        )
        amount = cost.get("amount")
        if amount is not None and (not _is_number(amount) or not 0 <= amount <= MAX_AMOUNT):
            bad(f"{where}.amount", f"{amount!r:.40} ist kein Betrag zwischen 0 und {MAX_AMOUNT}.")
    for i, schedule in check.items(record.get("schedules"), "schedules"):
        _check_schedule(check, schedule, f"schedules[{i}]")
    for i, area in check.items(record.get("service_areas"), "service_areas"):
        _check_service_area(check, area, f"service_areas[{i}]", ags_known)
    for i, link in check.items(record.get("service_at_locations"), "service_at_locations"):
        check.part_id(link.get("id"), f"service_at_locations[{i}].id")
        _check_location(check, link.get("location"), f"service_at_locations[{i}].location")


def _check_schedule(check: RecordChecker, schedule: dict, where: str) -> None:
    """A schedule Lotse can read (schedules.py): weekly hours or a weekly course, a monthly
    meeting on ordinal weekdays, or a single date. A rule part Lotse cannot honour is
    refused rather than dropped, so no offer is shown at times it does not meet."""
    check.part_id(schedule.get("id"), f"{where}.id")
    freq = schedule.get("freq")
    if freq not in (None, "", WEEKLY, MONTHLY):
        check.bad(
            f"{where}.freq",
            f"{freq!r:.40} wird nicht unterstützt: WEEKLY oder MONTHLY angeben, oder freq "
            "weglassen für einen einzelnen Termin am dtstart.",
        )
        freq = None
    byday = check.text(
        schedule.get("byday"), f"{where}.byday", max_length=_limit(Schedule, "byday")
    )
    days = byday_parts(byday)
    if freq == MONTHLY:
        if not days:
            check.bad(f"{where}.byday", "bei MONTHLY fehlt der Wochentag, z. B. 1WE oder -1FR.")
        for day in days:
            if ordinal_weekday(day) is None:
                check.bad(f"{where}.byday", _monthly_day_problem(day))
    elif (days or freq == WEEKLY) and (not days or any(d not in WEEKDAYS for d in days)):
        check.bad(
            f"{where}.byday",
            "Wochentage als MO,TU,WE,TH,FR,SA,SU angeben (Ordnungszahlen wie 1WE nur bei "
            "freq MONTHLY).",
        )
    interval = schedule.get("interval")
    if interval is not None and (isinstance(interval, bool) or interval != 1):
        check.bad(
            f"{where}.interval",
            "nur 1 wird unterstützt (jede Woche, jeden Monat); einen anderen Abstand "
            "bitte als einzelne Termine angeben.",
        )
    for key in ("byweekno", "bymonthday", "byyearday"):
        if schedule.get(key) not in (None, ""):
            check.bad(
                f"{where}.{key}",
                "wird nicht unterstützt; Lotse liest byday (MO … SU, bei MONTHLY 1WE … 5WE "
                "und -1WE).",
            )
    for key in ("opens_at", "closes_at"):
        value = schedule.get(key)
        if value not in (None, "") and (not isinstance(value, str) or not TIME.match(value)):
            check.bad(f"{where}.{key}", "Uhrzeit als HH:MM angeben.")
    dates = {}
    for key in ("dtstart", "until", "valid_from", "valid_to"):
        if check.date(schedule.get(key), f"{where}.{key}"):
            dates[key] = _date(schedule[key])
    count = schedule.get("count")
    if count is not None and (
        not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_COUNT
    ):
        check.bad(f"{where}.count", f"ganze Zahl zwischen 0 und {MAX_COUNT} erwartet.")
    for first, last in (("dtstart", "until"), ("valid_from", "valid_to")):
        if first in dates and last in dates and dates[last] < dates[first]:
            check.bad(f"{where}.{last}", f"liegt vor {first}.")
    if not freq and not days:
        if count is not None or "until" in dates:
            check.bad(
                f"{where}.freq",
                "count und until brauchen eine Wiederholung (WEEKLY oder MONTHLY); ohne "
                "freq ist der Eintrag ein einzelner Termin am dtstart.",
            )
    elif count is not None and "dtstart" not in dates:
        check.bad(f"{where}.dtstart", "count braucht das Datum des ersten Termins (dtstart).")
    check.text(schedule.get("description"), f"{where}.description")


def _monthly_day_problem(day: str) -> str:
    match = ORDINAL_WEEKDAY.match(day)
    if match is None:
        return (
            f"{day!r:.20} ist kein Wochentag im Monat: Ordnungszahl und Wochentag angeben, "
            "z. B. 1WE (erster Mittwoch) oder -1FR (letzter Freitag)."
        )
    return (
        f"{day}: einen {match.group(1)}. Wochentag im Monat kann Lotse nicht zeigen; erlaubt "
        "sind 1 bis 5 und -1 (der letzte)."
    )


def _check_service_area(check: RecordChecker, area: dict, where: str, ags_known: set[str]) -> None:
    check.part_id(area.get("id"), f"{where}.id")
    check.text(area.get("name"), f"{where}.name", max_length=_limit(ServiceArea, "name"))
    uri, extent = area.get("uri"), area.get("extent")
    if uri:
        match = AGS_URI.match(uri) if isinstance(uri, str) else None
        if not match:
            check.bad(f"{where}.uri", "erwartet urn:de:ags:<5- oder 8-stelliger AGS>.")
        elif match.group(1) not in ags_known:
            check.bad(
                f"{where}.uri", f"AGS {match.group(1)} ist kein Landkreis und keine Gemeinde in MV."
            )
    elif extent:
        if _extent_geometry(extent) is None:
            check.bad(f"{where}.extent", "kein GeoJSON-Polygon oder -MultiPolygon.")
    else:
        check.bad(where, "braucht uri (urn:de:ags:…) oder extent (GeoJSON).")


def _extent_geometry(extent: Any) -> dict | None:
    """The GeoJSON (Multi)Polygon of an extent, or None unless every ring is made of
    points with a longitude and a latitude in range."""
    try:
        geometry = json.loads(extent) if isinstance(extent, str) else extent
    except (ValueError, RecursionError):
        return None
    try:
        rings = polygons(geometry)
    except (KeyError, TypeError, ValueError):
        return None

    def is_point(point: Any) -> bool:
        return (
            isinstance(point, list)
            and len(point) >= 2
            and all(_is_number(c) for c in point[:2])
            and -180 <= point[0] <= 180
            and -90 <= point[1] <= 90
        )

    def is_ring(ring: Any) -> bool:
        return isinstance(ring, list) and len(ring) >= 4 and all(is_point(p) for p in ring)

    if (
        not isinstance(rings, list)
        or not rings
        or not all(
            isinstance(polygon, list) and polygon and all(is_ring(ring) for ring in polygon)
            for polygon in rings
        )
    ):
        return None
    return geometry


def _check_location(check: RecordChecker, location: Any, where: str) -> None:
    if not isinstance(location, dict):
        check.bad(where, "fehlt.")
        return
    if parse_uuid(location.get("id")) is None:
        check.bad(f"{where}.id", "keine gültige UUID.")
    kind = location.get("location_type")
    if not isinstance(kind, str) or kind not in ("physical", "virtual"):
        check.bad(f"{where}.location_type", "muss physical oder virtual sein.")
    if kind == "physical":
        lat, lon = location.get("latitude"), location.get("longitude")
        if not _is_number(lat) or not -90 <= lat <= 90:
            check.bad(f"{where}.latitude", "Breitengrad zwischen −90 und 90 erwartet.")
        if not _is_number(lon) or not -180 <= lon <= 180:
            check.bad(f"{where}.longitude", "Längengrad zwischen −180 und 180 erwartet.")
    check.text(location.get("name"), f"{where}.name", max_length=_limit(Location, "name"))
    check.contact(
        location.get("url"), f"{where}.url", "web_address", max_length=_limit(Location, "url")
    )
    for i, address in check.items(location.get("addresses"), f"{where}.addresses"):
        for key in ("address_1", "postal_code", "city"):
            path = f"{where}.addresses[{i}].{key}"
            check.text(address.get(key), path, max_length=_limit(Location, key))
    for i, entry in check.items(location.get("accessibility"), f"{where}.accessibility"):
        check.text(entry.get("description"), f"{where}.accessibility[{i}].description")


def check_records(records: Any, *, districts: set[str] | None = None) -> list[str]:
    """All problems of a file's records (empty when it can be imported).

    `districts`: the AGS a district coordinator may import into (None: all, the LKS).
    """
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
        rid = record.get("id") if isinstance(record, dict) else None
        if not isinstance(rid, str):
            continue
        if rid in seen:
            problems.add(index, rid, "id", f"doppelt (schon in Datensatz {seen[rid]}).")
        else:
            seen[rid] = index
    if problems.errors:
        return problems.errors
    _check_part_ids(records, problems)
    if districts is not None:
        _check_scope(records, districts, problems)
    return problems.errors


def _check_part_ids(records: list[dict], problems: Problems) -> None:
    """An id of a schedule, cost option, service area or venue link is the offer's own:
    used once in the file and not by another offer in the directory."""
    for name, model in OWNED_PARTS:
        claimed: dict[uuid.UUID, tuple[int, str, uuid.UUID]] = {}
        for index, record in enumerate(records):
            for i, part in enumerate(record.get(name) or []):
                key = parse_uuid(part.get("id")) if part.get("id") is not None else None
                if key is None:
                    continue
                where = f"{name}[{i}].id"
                if key in claimed:
                    first = claimed[key][0]
                    problems.add(
                        index, record["id"], where, f"doppelt (schon in Datensatz {first})."
                    )
                else:
                    claimed[key] = (index, where, parse_uuid(record["id"]))
        owners = model.objects.filter(pk__in=claimed).values_list("pk", "offer_id")
        for pk, offer_id in sorted(owners, key=lambda row: claimed[row[0]][0]):
            index, where, offer_pk = claimed[pk]
            if offer_id != offer_pk:
                problems.add(index, records[index]["id"], where, "gehört zu einem anderen Angebot.")


def _check_scope(records: list[dict], districts: set[str], problems: Problems) -> None:
    """What a district import may not touch: offers, providers and venues of others."""
    offer_ids = {parse_uuid(record["id"]): index for index, record in enumerate(records)}
    for pk, ags in Offer.objects.filter(pk__in=offer_ids).values_list("pk", "district__ags"):
        if ags is not None and ags not in districts:
            index = offer_ids[pk]
            problems.add(
                index,
                records[index]["id"],
                "id",
                "gehört zu einem Angebot eines anderen Landkreises.",
            )
    organization_ids: dict[uuid.UUID, int] = {}
    for index, record in enumerate(records):
        organization_ids.setdefault(parse_uuid(record["organization"]["id"]), index)
    for organization in foreign_organizations(organization_ids, districts):
        index = organization_ids[organization.pk]
        problems.add(
            index,
            records[index]["id"],
            "organization.id",
            f"der Träger „{organization.name}“ ({organization.pk}) gehört zu einem anderen "
            "Landkreis; nur die Landeskoordinierungsstelle kann ihn ändern oder ihm Angebote "
            "zuordnen.",
        )
    location_ids: dict[uuid.UUID, tuple[int, str]] = {}
    for index, record in enumerate(records):
        for i, link in enumerate(record.get("service_at_locations") or []):
            key = parse_uuid(link["location"]["id"])
            location_ids.setdefault(key, (index, f"service_at_locations[{i}].location.id"))
    for pk in foreign_locations(location_ids, districts):
        index, where = location_ids[pk]
        problems.add(
            index,
            records[index]["id"],
            where,
            f"der Ort {pk} gehört zu einem Angebot eines anderen Landkreises; "
            "geben Sie dem Ort eine neue id.",
        )


def foreign_organizations(ids: Iterable[uuid.UUID], districts: set[str]) -> list[Organization]:
    """The existing organisations among `ids` that are not the districts' own."""
    existing = list(Organization.objects.filter(pk__in=list(ids)).select_related("district"))
    without_seat = [o.pk for o in existing if o.district_id is None]
    elsewhere = set(
        Offer.objects.filter(organization__in=without_seat)
        .exclude(district__ags__in=districts)
        .values_list("organization_id", flat=True)
    ) | set(
        Organization.objects.filter(pk__in=without_seat)
        .filter(partnerships__isnull=False)
        .exclude(partnerships__network__district__ags__in=districts)
        .values_list("pk", flat=True)
    )
    return [
        organization
        for organization in existing
        if (organization.district_id is not None and organization.district.ags not in districts)
        or organization.pk in elsewhere
    ]


def foreign_locations(ids: Iterable[uuid.UUID], districts: set[str]) -> list[uuid.UUID]:
    """The existing venues among `ids` where an offer of another district (or of none) is held."""
    return sorted(
        set(
            ServiceAtLocation.objects.filter(location__in=list(ids))
            .exclude(offer__district__ags__in=districts)
            .values_list("location_id", flat=True)
        )
    )


# --- Storing ----------------------------------------------------------------------------


@transaction.atomic
def import_services(
    records: Any,
    *,
    by: User | None = None,
    approved: bool = True,
    districts: set[str] | None = None,
) -> list[Offer]:
    """Store the records (create or update by HSDS id); all or nothing.

    `by`: who imports (the audit log's actor; None for the command line and the worker).
    `districts`: the AGS a district coordinator may import into (None: all, the LKS). A
    record that touches another district's offer, provider or venue, or whose offer
    would land in another district, refuses the file.
    """
    errors = check_records(records, districts=districts)
    if errors:
        raise ImportRefused(errors)
    topics = {t.code: t for t in Topic.objects.all()}
    offers = [
        _store(record, topics, by=by, approved=approved, seat_unknown=districts is not None)
        for record in records
    ]
    if districts is not None:
        errors = _landed_outside(records, districts)
        if errors:
            raise ImportRefused(errors)  # rolls back everything stored above
    if len(offers) >= BULK_IMPORT:
        refresh_planner_statistics()
    return offers


def _landed_outside(records: list[dict], districts: set[str]) -> list[str]:
    ids = {parse_uuid(record["id"]): index for index, record in enumerate(records)}
    placed = Offer.objects.filter(pk__in=ids).values_list("pk", "district__ags")
    return [
        f"Datensatz {ids[pk]} (id {pk}), Feld service_at_locations: "
        "das Angebot liegt nicht in Ihrem Landkreis."
        for pk, ags in sorted(placed, key=lambda row: ids[row[0]])
        if ags not in districts
    ]


def _upsert(model, pk: uuid.UUID, values: dict[str, Any], fields: tuple[str, ...]):
    """Create or update one row, locked while it is read; returns the row and, for the
    audit log, the snapshot of `fields` before (None: the row was created)."""
    obj = model.objects.select_for_update().filter(pk=pk).first()
    before = None if obj is None else audit.snapshot(obj, fields)
    obj = obj or model(pk=pk)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return obj, before


def _store(
    record: dict, topics: dict[str, Topic], *, by: User | None, approved: bool, seat_unknown: bool
) -> Offer:
    org = record["organization"]
    organization, org_before = _upsert(
        Organization,
        parse_uuid(org["id"]),
        {
            "name": org["name"].strip(),
            "description": org.get("description") or "",
            "email": org.get("email") or "",
            "phone": _first_phone(org.get("phones")),
            "website": org.get("website") or org.get("url") or "",
        },
        ORGANIZATION_FIELDS,
    )
    offer_pk = parse_uuid(record["id"])
    existing = Offer.objects.filter(pk=offer_pk).first()
    offer_before = offer_state(existing) if existing else None
    costs = record.get("cost_options") or []
    verified = _date(record.get("assured_date"))
    offer, _ = Offer.objects.update_or_create(
        id=offer_pk,
        defaults={
            "organization": organization,
            "name": record["name"].strip(),
            "description": record.get("description") or "",
            "url": record.get("url") or "",
            # HSDS contacts (a desk, a person) stand in when the service gives none itself.
            "email": _service_email(record),
            "phone": _service_phone(record),
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
            byday=",".join(byday_parts(s.get("byday") or "")),
            opens_at=s.get("opens_at") or None,
            closes_at=s.get("closes_at") or None,
            dtstart=_date(s.get("dtstart")),
            until=_date(s.get("until")),
            count=s.get("count"),
            valid_from=_date(s.get("valid_from")),
            valid_to=_date(s.get("valid_to")),
            description=s.get("description") or "",
        )
        for s in record.get("schedules") or []
    )
    offer.service_areas.all().delete()
    ServiceArea.objects.bulk_create(
        _service_area(offer, a) for a in record.get("service_areas") or []
    )
    offer.service_at_locations.all().delete()
    venues = []
    for link in record.get("service_at_locations") or []:
        loc = link["location"]
        address = (loc.get("addresses") or [{}])[0]
        physical = loc["location_type"] == "physical"
        location, before = _upsert(
            Location,
            parse_uuid(loc["id"]),
            {
                "location_type": loc["location_type"],
                "name": loc.get("name") or "",
                "url": loc.get("url") or "",
                "latitude": loc.get("latitude") if physical else None,
                "longitude": loc.get("longitude") if physical else None,
                "address_1": address.get("address_1") or "",
                "postal_code": address.get("postal_code") or "",
                "city": address.get("city") or "",
                "accessibility": "; ".join(
                    a.get("description") or "" for a in loc.get("accessibility") or []
                ),
            },
            LOCATION_FIELDS,
        )
        venues.append((location, before))
        ServiceAtLocation.objects.create(
            id=parse_uuid(link.get("id")) or uuid.uuid4(), offer=offer, location=location
        )
    place_offer(offer)
    if (
        organization.district_id is None
        and offer.district_id
        and (org_before is None or seat_unknown)
    ):
        # A provider first known through a district's import is seated where its offer is,
        # so that its district can look after it (and only its district).
        organization.district = offer.district
        organization.save(update_fields=["district", "updated_at"])
    parts = [(organization, org_before, ORGANIZATION_FIELDS)] + [
        (location, before, LOCATION_FIELDS) for location, before in venues
    ]
    for obj, before, fields in parts:
        after = audit.snapshot(obj, fields)
        audit.record_states(actor=by, obj=obj, before=before, after=after, district=offer.district)
    audit.record_states(
        actor=by, obj=offer, before=offer_before, after=offer_state(offer), district=offer.district
    )
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
    geometry = _extent_geometry(area["extent"])
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
