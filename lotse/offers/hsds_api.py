"""The open data API /api/hsds/: the public directory in HSDS 3.0 (Open Referral).

No key, no cookies, `Access-Control-Allow-Origin: *` (lotse.core.middleware.OpenDataCors), so
portals such as elternsein.info can read it from anywhere. Every offer that is or was
published (approved by its district) is served with its HSDS status (hsds.public_status):
a portal that syncs with `modified_after` also learns that an offer closed or went stale.
Drafts are never served. The parents' finder still shows only active, fresh offers.
Paths, parameters and the page envelope follow the HSDS 3.0 OpenAPI definition; documents
come from lotse.offers.hsds (the same as the file export).
"""

from __future__ import annotations

import datetime
import math
import re
import uuid

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Query, Schema
from ninja.errors import HttpError

from lotse.core.api_errors import LotseAPI, install_error_handlers
from lotse.core.identifiers import parse_uuid, uuid_or_404
from lotse.core.links import public_url
from lotse.offers import hsds
from lotse.offers.hsds_openapi import (
    ORGANIZATION,
    ORGANIZATION_WITH_SERVICES,
    PROFILE,
    ROOT,
    SERVICE,
    SERVICE_AT_LOCATION,
    SERVICE_SUMMARY,
    TAXONOMY,
    TAXONOMY_TERM,
    documented,
    page_of,
)
from lotse.offers.models import Offer, ServiceAtLocation, Topic
from lotse.offers.search import SearchCriteria, covering_offer_ids, search
from lotse.organizations.models import Organization
from lotse.regions.queries import POSTCODE_PATTERN, UnknownPlace, resolve_place

MAX_PER_PAGE = 100

api = LotseAPI(
    title="Lotse – HSDS 3.0 API",
    version="3.0",
    description=(
        "Offene Daten der Angebote Früher Hilfen in Mecklenburg-Vorpommern im Human Services "
        "Data Specification 3.0 (Open Referral), Lotse-Profil. Ohne Schlüssel, CORS offen."
    ),
    urls_namespace="hsds",
    docs_url=None,
)
install_error_handlers(api)


# --- Paging and filters -------------------------------------------------------------------


def _page(request: HttpRequest, items: QuerySet | list, page: int, per_page: int, render) -> dict:
    """The HSDS page envelope around one page of `items`."""
    if page < 1:
        raise HttpError(400, "page muss 1 oder größer sein.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise HttpError(400, f"per_page muss zwischen 1 und {MAX_PER_PAGE} liegen.")
    total = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(total / per_page))
    # A page past the end is empty; its offset may not even fit the database's integers.
    window = list(items[(page - 1) * per_page : page * per_page]) if page <= pages else []
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(window),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not window,
        "contents": [render(item) for item in window],
    }


def _uuid(value: str, name: str) -> uuid.UUID:
    """A filter's id: malformed is bad input (400), unlike an id in the path (404)."""
    key = parse_uuid(value)
    if key is None:
        raise HttpError(400, f"{name} muss eine UUID sein.")
    return key


def _moment(value: str) -> datetime.datetime:
    """An ISO 8601 date or datetime; without an offset in Lotse's time zone."""
    bad = HttpError(400, "modified_after muss ein Datum oder Zeitpunkt nach ISO 8601 sein.")
    # An unencoded "+" of the offset arrives as a space: 2025-01-01T08:00:00 01:00.
    value = re.sub(r"(T.*) (\d{2}(:?\d{2})?)$", r"\1+\2", value)
    try:
        moment = parse_datetime(value) if "T" in value or " " in value else None
        if moment is None:
            day = parse_date(value) if len(value) == 10 else None
            if day is None:
                raise bad
            moment = datetime.datetime.combine(day, datetime.time())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # In UTC for the database: PostgreSQL refuses offsets of 16 hours and more, which
        # Python and ISO 8601 allow; the first and the last day of the calendar overflow.
        return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        # Well-formed but impossible (2025-02-30, hour 25) or out of range.
        raise bad from None


def _text(value: str | None) -> str | None:
    """The `search` text; PostgreSQL refuses NUL characters in a string."""
    if value and "\x00" in value:
        raise HttpError(400, "search enthält ein unzulässiges Zeichen.")
    return value[:100] if value else None


def _near(postcode: str, proximity: str | None) -> set | list:
    """Ids of offers for a postcode: whose service area covers it, and (with `proximity`,
    in metres as in HSDS) those with a venue within that distance of the postcode's centroid."""
    if not POSTCODE_PATTERN.match(postcode):
        raise HttpError(400, "postcode muss eine fünfstellige Postleitzahl sein.")
    try:
        point = resolve_place(postcode)
    except UnknownPlace:
        raise HttpError(400, f"Unbekannte Postleitzahl: {postcode}.") from None
    if proximity is None:
        return covering_offer_ids(point.latitude, point.longitude)
    try:
        metres = float(proximity)
    except ValueError:
        raise HttpError(400, "proximity muss eine Zahl (Meter) sein.") from None
    if not 100 <= metres <= 100_000:
        raise HttpError(400, "proximity muss zwischen 100 und 100000 Metern liegen.")
    result = search(
        SearchCriteria(latitude=point.latitude, longitude=point.longitude, radius_km=metres / 1000)
    )
    return result.local_offer_ids()


class ServiceFilters(Schema):
    """The HSDS query parameters for lists of services and of services at locations."""

    search: str | None = None
    page: int = 1
    per_page: int = 20
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: str | None = None
    postcode: str | None = None
    proximity: str | None = None
    full: bool = False


def _services(filters: ServiceFilters) -> QuerySet[Offer]:
    offers = Offer.objects.published()
    search_text = _text(filters.search)
    if search_text:
        offers = offers.filter(
            Q(name__icontains=search_text) | Q(description__icontains=search_text)
        )
    if filters.taxonomy_term_id:
        offers = offers.filter(topics__id=_uuid(filters.taxonomy_term_id, "taxonomy_term_id"))
    if filters.taxonomy_id and _uuid(filters.taxonomy_id, "taxonomy_id") != hsds.TAXONOMY_ID:
        offers = offers.none()
    if filters.organization_id:
        offers = offers.filter(organization_id=_uuid(filters.organization_id, "organization_id"))
    if filters.modified_after:
        offers = offers.changed_for_the_public_since(_moment(filters.modified_after))
    if filters.proximity is not None and not filters.postcode:
        raise HttpError(400, "proximity braucht eine postcode.")
    if filters.postcode:
        offers = offers.filter(pk__in=_near(filters.postcode, filters.proximity))
    return offers.order_by("name", "id")


def _public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=Offer.objects.published().values("organization_id"))


# --- Endpoints --------------------------------------------------------------------------------


@api.get("/", summary="Version und Profil dieser API", openapi_extra=documented(ROOT))
def root(request: HttpRequest):
    # The public address, never the request's Host header: this answer is cached for everyone.
    return {
        "version": "3.0",
        "profile": public_url(reverse("hsds:profile")),
        "openapi_url": public_url(reverse("hsds:openapi-json")),
    }


@api.get("/profile", summary="Das HSDS-Profil von Lotse", openapi_extra=documented(PROFILE))
def profile(request: HttpRequest):
    """Lotse's readings and extensions of HSDS 3.0, as the import also applies them."""
    return {
        "name": "Lotse – Frühe Hilfen Mecklenburg-Vorpommern",
        "hsds_version": "3.0",
        "rules": {
            "minimum_age / maximum_age": "Jahre, Dezimalzahlen erlaubt (0.5 = 6 Monate).",
            "pregnancy_eligible": "Erweiterung: Angebot für werdende Eltern (boolean).",
            "attributes": "Themen aus der Taxonomie lotse-themen (taxonomy_term.code).",
            "languages": "ISO 639-1; ein Angebot ohne Sprache gilt als deutschsprachig (de).",
            "cost_options": "kostenfrei, wenn leer oder jeder Betrag 0.",
            "service_areas": "uri urn:de:ags:<AGS> (Landkreis 5-, Gemeinde 8-stellig) oder "
            "extent (GeoJSON Polygon/MultiPolygon, extent_type geojson).",
            "location_type": "physical (mit Koordinaten) oder virtual (online/Telefon).",
            "status": "active, inactive, defunct oder temporarily closed, wie der Träger es "
            "angibt; ein aktives Angebot, das seit über einem Jahr niemand bestätigt hat, ist "
            "inactive (Eltern finden es dann nicht mehr). Jedes freigegebene Angebot bleibt "
            "in der Liste; last_modified nennt auch den Zeitpunkt, zu dem es veraltete.",
            "schedules": "freq WEEKLY (byday MO … SU) oder MONTHLY (byday 1WE … 5WE, -1WE "
            "= letzter Mittwoch im Monat); ohne freq ein einzelner Termin am dtstart; "
            "valid_from und valid_to begrenzen jeden Eintrag. interval nur 1.",
            "postcode": "aktive Angebote, deren Einzugsgebiet (service_areas) die "
            "Postleitzahl umfasst; mit proximity auch die mit einem Ort im Umkreis.",
            "proximity": "Meter um den Mittelpunkt der postcode (100 bis 100000).",
        },
        "taxonomy": hsds.taxonomy_document(),
    }


@api.get(
    "/services",
    summary="Angebote (Seite)",
    openapi_extra=documented(page_of({"anyOf": [SERVICE_SUMMARY, SERVICE]}), 400),
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]):
    offers = (
        _services(filters).select_related("organization").prefetch_related(*hsds.EXPORT_PREFETCH)
    )
    render = hsds.public_service if filters.full else hsds.service_summary
    return _page(request, offers, filters.page, filters.per_page, render)


@api.get(
    "/services/{service_id}",
    summary="Ein Angebot, vollständig",
    openapi_extra=documented(SERVICE, 404),
)
def get_service(request: HttpRequest, service_id: str):
    offer = (
        Offer.objects.published()
        .select_related("organization")
        .prefetch_related(*hsds.EXPORT_PREFETCH)
        .filter(pk=uuid_or_404(service_id))
        .first()
    )
    if offer is None:
        raise Http404
    return hsds.public_service(offer)


@api.get(
    "/organizations",
    summary="Träger (Seite)",
    openapi_extra=documented(page_of(ORGANIZATION), 400),
)
def list_organizations(
    request: HttpRequest,
    search: str | None = None,
    page: int = 1,
    per_page: int = 20,
    modified_after: str | None = None,
):
    organizations = _public_organizations()
    search = _text(search)
    if search:
        organizations = organizations.filter(name__icontains=search)
    if modified_after:
        organizations = organizations.filter(updated_at__gte=_moment(modified_after))
    return _page(
        request, organizations.order_by("name", "id"), page, per_page, hsds.organization_document
    )


@api.get(
    "/organizations/{organization_id}",
    summary="Ein Träger mit seinen Angeboten",
    openapi_extra=documented(ORGANIZATION_WITH_SERVICES, 404),
)
def get_organization(request: HttpRequest, organization_id: str):
    organization = _public_organizations().filter(pk=uuid_or_404(organization_id)).first()
    if organization is None:
        raise Http404
    offers = (
        Offer.objects.published()
        .filter(organization=organization)
        .select_related("organization")
        .prefetch_related(*hsds.EXPORT_PREFETCH)
        .order_by("name", "id")
    )
    document = {
        **hsds.organization_document(organization),
        **hsds.organization_phones(organization),
    }
    document["services"] = [
        {key: value for key, value in hsds.public_service(offer).items() if key != "organization"}
        for offer in offers
    ]
    return document


@api.get(
    "/service_at_locations",
    summary="Angebote an Orten (Seite)",
    openapi_extra=documented(page_of(SERVICE_AT_LOCATION), 400),
)
def list_service_at_locations(request: HttpRequest, filters: Query[ServiceFilters]):
    links = ServiceAtLocation.objects.filter(offer__in=_services(filters)).order_by(
        "offer__name", "id"
    )
    if filters.full:
        links = links.select_related("offer__organization", "location").prefetch_related(
            *(f"offer__{name}" for name in hsds.EXPORT_PREFETCH)
        )
    return _page(
        request,
        links,
        filters.page,
        filters.per_page,
        lambda link: hsds.service_at_location_document(link, full=filters.full),
    )


@api.get(
    "/service_at_locations/{link_id}",
    summary="Ein Angebot an einem Ort",
    openapi_extra=documented(SERVICE_AT_LOCATION, 404),
)
def get_service_at_location(request: HttpRequest, link_id: str):
    link = (
        ServiceAtLocation.objects.filter(
            offer__in=Offer.objects.published(), pk=uuid_or_404(link_id)
        )
        .select_related("offer__organization", "location")
        .prefetch_related(*(f"offer__{name}" for name in hsds.EXPORT_PREFETCH))
        .first()
    )
    if link is None:
        raise Http404
    return hsds.service_at_location_document(link, full=True)


@api.get(
    "/taxonomies",
    summary="Taxonomien (Seite)",
    openapi_extra=documented(page_of(TAXONOMY), 400),
)
def list_taxonomies(
    request: HttpRequest, search: str | None = None, page: int = 1, per_page: int = 20
):
    taxonomies = [hsds.taxonomy_document()]
    search = _text(search)
    if search:
        taxonomies = [t for t in taxonomies if search.casefold() in t["name"].casefold()]
    return _page(request, taxonomies, page, per_page, lambda item: item)


@api.get(
    "/taxonomies/{taxonomy_id}",
    summary="Eine Taxonomie",
    openapi_extra=documented(TAXONOMY, 404),
)
def get_taxonomy(request: HttpRequest, taxonomy_id: str):
    if uuid_or_404(taxonomy_id) != hsds.TAXONOMY_ID:
        raise Http404
    return hsds.taxonomy_document()


@api.get(
    "/taxonomy_terms",
    summary="Themen (Seite)",
    openapi_extra=documented(page_of(TAXONOMY_TERM), 400),
)
def list_taxonomy_terms(
    request: HttpRequest,
    page: int = 1,
    per_page: int = 20,
    taxonomy_id: str | None = None,
    search: str | None = None,
    top_only: bool = False,
    parent_id: str | None = None,
):
    topics = Topic.objects.order_by("position")
    if taxonomy_id and _uuid(taxonomy_id, "taxonomy_id") != hsds.TAXONOMY_ID:
        topics = topics.none()
    # The topics are a flat list: every term is a top term (`top_only` changes nothing),
    # none has a parent.
    if parent_id:
        _uuid(parent_id, "parent_id")
        topics = topics.none()
    search = _text(search)
    if search:
        topics = topics.filter(Q(label__icontains=search) | Q(code__icontains=search))
    return _page(request, topics, page, per_page, hsds.taxonomy_term_document)


@api.get(
    "/taxonomy_terms/{term_id}",
    summary="Ein Thema",
    openapi_extra=documented(TAXONOMY_TERM, 404),
)
def get_taxonomy_term(request: HttpRequest, term_id: str):
    topic = Topic.objects.filter(pk=uuid_or_404(term_id)).first()
    if topic is None:
        raise Http404
    return hsds.taxonomy_term_document(topic)
