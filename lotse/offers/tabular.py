"""The directory as files: HSDS JSON (the exchange format), CSV and Excel (for people).

CSV is written for German spreadsheets: UTF-8 with BOM, semicolons. Rows are built from
prefetched offers, a fixed number of queries for any number of offers.
"""

from __future__ import annotations

import json

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from lotse.core.spreadsheets import CONTENT_TYPES, csv_bytes, xlsx_bytes
from lotse.offers.hsds import EXPORT_PREFETCH, export_service
from lotse.offers.models import Location, Offer

FORMATS = ("json", "csv", "xlsx")
COLUMNS = (
    "ID",
    "Name",
    "Träger",
    "Landkreis",
    "Status",
    "Freigabe",
    "Themen",
    "Alter ab (Monate)",
    "Alter bis (Monate)",
    "für werdende Eltern",
    "kostenfrei",
    "Sprachen",
    "Orte",
    "online / Telefon",
    "Einsatzgebiete",
    "Zeiten",
    "Telefon",
    "E-Mail",
    "Website",
    "Förderbereich",
    "zuletzt geprüft am",
    "zuletzt geändert",
)


def rows(offers: QuerySet[Offer]):
    offers = (
        offers.select_related("organization", "district")
        .defer("district__boundary")  # a large GeoJSON, decoded per row otherwise
        .prefetch_related(
            "topics", "languages", "service_at_locations__location", "service_areas", "schedules"
        )
    )
    for offer in offers.order_by("name", "id").iterator(chunk_size=500):
        locations = [sal.location for sal in offer.service_at_locations.all()]
        yield [
            str(offer.pk),
            offer.name,
            offer.organization.name,
            offer.district.name if offer.district else "",
            offer.get_status_display(),
            offer.get_approval_display(),
            ", ".join(topic.code for topic in offer.topics.all()),
            offer.age_min_months,
            "" if offer.age_max_months is None else offer.age_max_months,
            "ja" if offer.pregnancy_eligible else "nein",
            "ja" if offer.is_free else "nein",
            ", ".join(language.code for language in offer.languages.all()) or "de",
            " | ".join(
                f"{loc.address_1}, {loc.postal_code} {loc.city}"
                for loc in locations
                if loc.location_type == Location.Kind.PHYSICAL
            ),
            "ja"
            if any(loc.location_type == Location.Kind.VIRTUAL for loc in locations)
            else "nein",
            " | ".join(str(area) for area in offer.service_areas.all()),
            " | ".join(
                f"{s.byday} {s.opens_at or ''}–{s.closes_at or ''}".strip()
                + (f" ab {s.dtstart:%d.%m.%Y}" if s.dtstart else "")
                for s in offer.schedules.all()
            ),
            offer.phone,
            offer.email,
            offer.url,
            offer.funding_area_code,
            timezone.localtime(offer.verified_at).strftime("%d.%m.%Y") if offer.verified_at else "",
            timezone.localtime(offer.last_modified).strftime("%d.%m.%Y %H:%M"),
        ]


def as_csv(offers: QuerySet[Offer]) -> bytes:
    return csv_bytes([list(COLUMNS), *rows(offers)])


def as_xlsx(offers: QuerySet[Offer]) -> bytes:
    return xlsx_bytes([list(COLUMNS), *rows(offers)], title="Angebote")


def as_hsds(offers: QuerySet[Offer]) -> bytes:
    documents = [
        export_service(offer)
        for offer in offers.select_related("organization")
        .prefetch_related(*EXPORT_PREFETCH)
        .order_by("name", "id")
    ]
    return json.dumps(documents, ensure_ascii=False, indent=1).encode("utf-8")


def response(offers: QuerySet[Offer], file_format: str) -> HttpResponse:
    name = f"lotse-angebote-{timezone.localdate():%Y-%m-%d}.{file_format}"
    if file_format == "json":
        result = HttpResponse(as_hsds(offers), content_type="application/json")
    else:
        body = as_csv(offers) if file_format == "csv" else as_xlsx(offers)
        result = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result
