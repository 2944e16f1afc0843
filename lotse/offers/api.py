"""The offer search in the JSON API: GET /api/v1/offers and /api/v1/offers/{id}."""

import json
import uuid

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from lotse.core.api_errors import errors
from lotse.core.identifiers import uuid_or_404
from lotse.offers import search_freshness
from lotse.offers.demand import count_if_unmet
from lotse.offers.models import Offer, SearchItem
from lotse.offers.schemas import OfferDetailOut, OfferListOut
from lotse.offers.search import WEEKDAYS, SearchCriteria, search
from lotse.regions.queries import POSTCODE_PATTERN, AmbiguousPlace, UnknownPlace, resolve_place

router = Router(tags=["Angebote"])


def search_items(offer_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """The offers as the API lists them, without reach and distance: stored by
    search_index.refresh() (SearchItem), so a page of results is one query by key."""
    return dict(SearchItem.objects.filter(offer_id__in=offer_ids).values_list("offer_id", "item"))


def resolve_point(
    postcode: str | None, lat: float | None, lon: float | None, place: str | None
) -> tuple[float, float]:
    """Exactly one way to say where: postcode, coordinates or a place name in MV."""
    given = [postcode is not None, lat is not None or lon is not None, place is not None]
    if sum(given) != 1:
        raise HttpError(
            400, "Bitte genau eine Ortsangabe machen: postcode, lat und lon, oder place."
        )
    if postcode is not None or place is not None:
        text = postcode if postcode is not None else place
        if postcode is not None and not POSTCODE_PATTERN.match(postcode.strip()):
            raise HttpError(400, "postcode muss aus fünf Ziffern bestehen.")
        try:
            match = resolve_place(text)
        except UnknownPlace:
            raise HttpError(400, f"{text!r} kennen wir in Mecklenburg-Vorpommern nicht.") from None
        except AmbiguousPlace as ambiguous:
            names = "; ".join(f"{m.name}, {m.district_name}" for m in ambiguous.candidates)
            raise HttpError(
                400, f"Der Ort {text!r} ist nicht eindeutig. Bitte genauer angeben: {names}."
            ) from None
        return match.latitude, match.longitude
    if lat is None or lon is None:
        raise HttpError(400, "Bitte lat und lon zusammen angeben.")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise HttpError(400, "lat muss zwischen −90 und 90, lon zwischen −180 und 180 liegen.")
    return lat, lon


@router.get("", response={200: OfferListOut, **errors(400)}, summary="Angebote in der Nähe finden")
def list_offers(
    request: HttpRequest,
    postcode: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    place: str | None = None,
    radius_km: float = 10,
    age_months: int | None = None,
    pregnant: bool = False,
    topic: list[str] = Query([]),  # noqa: B008  ninja declares repeatable query params this way
    language: str | None = None,
    free: bool = False,
    day: str | None = None,
    page: int = 1,
    per_page: int = 20,
):
    latitude, longitude = resolve_point(postcode, lat, lon, place)
    if not 1 <= radius_km <= 100:
        raise HttpError(400, "radius_km muss zwischen 1 und 100 liegen.")
    if age_months is not None and not 0 <= age_months <= 72:
        raise HttpError(400, "age_months muss zwischen 0 und 72 liegen.")
    if age_months is not None and pregnant:
        raise HttpError(400, "Bitte entweder age_months oder pregnant=true angeben, nicht beides.")
    unknown = set(topic) - search_freshness.current().topic_codes
    if unknown:
        raise HttpError(400, f"Unbekanntes Thema: {', '.join(sorted(unknown))}.")
    if language is not None and (
        len(language) != 2 or not language.isalpha() or not language.islower()
    ):
        raise HttpError(400, "language muss ein zweistelliger Sprachcode sein (z. B. de, en, ar).")
    if day is not None and day not in WEEKDAYS:
        raise HttpError(400, "day muss einer von MO, TU, WE, TH, FR, SA, SU sein.")
    if page < 1 or not 1 <= per_page <= 100:
        raise HttpError(400, "page muss ≥ 1 und per_page zwischen 1 und 100 sein.")
    criteria = SearchCriteria(
        latitude=latitude,
        longitude=longitude,
        radius_km=radius_km,
        age_months=age_months,
        pregnant=pregnant,
        topics=tuple(topic),
        language=language,
        free_only=free,
        weekday=day,
    )
    result = search(criteria)
    if page == 1:
        # Counted again whenever the cached answer is served (lotse/public_cache.py).
        request.unmet_search = count_if_unmet(criteria, result, postcode=postcode or "")
    hits = result.page(page, per_page)
    items = search_items([hit.offer_id for hit in hits])
    body = {
        "count": result.count,
        "items": [
            {
                **items[hit.offer_id],
                "reach": hit.reach,
                "distance_km": None if hit.distance_km is None else round(hit.distance_km, 1),
            }
            for hit in hits
        ],
    }
    # Rendered as it is: the items were built to OfferListOut's shape when stored, and
    # validating them again on every search took as long as the search itself
    # (lotse/offers/tests/test_api.py and schemathesis in tests/test_fuzz.py check it).
    return HttpResponse(json.dumps(body), content_type="application/json; charset=utf-8")


@router.get("/{offer_id}", response={200: OfferDetailOut, **errors(404)}, summary="Ein Angebot")
def get_offer(request: HttpRequest, offer_id: str):
    key = uuid_or_404(offer_id)
    offer = (
        Offer.objects.visible_to(request.user)
        .filter(pk=key)
        .values("description", "url", "email", "phone", "verified_at")
        .first()
    )
    if offer is None:
        raise Http404
    verified_at = offer.pop("verified_at")
    return {
        **search_items([key])[key],
        **offer,
        "reach": None,
        "distance_km": None,
        "verified_at": verified_at.date().isoformat() if verified_at else None,
    }
