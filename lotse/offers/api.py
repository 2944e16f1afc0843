"""The offer search in the JSON API: GET /api/v1/offers and /api/v1/offers/{id}."""

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from lotse.api_errors import errors
from lotse.identifiers import uuid_or_404
from lotse.offers.demand import count_if_unmet
from lotse.offers.models import Offer, Topic
from lotse.offers.schemas import OfferDetailOut, OfferListOut
from lotse.offers.search import WEEKDAYS, Hit, SearchCriteria, offers_for_hits, search
from lotse.regions.queries import POSTCODE_PATTERN, AmbiguousPlace, UnknownPlace, resolve_place

router = Router(tags=["Angebote"])


def _item(offer: Offer, hit: Hit | None) -> dict:
    return {
        "id": offer.id,
        "name": offer.name,
        "organization": offer.organization.name,
        "reach": hit.reach if hit else None,
        "distance_km": round(hit.distance_km, 1) if hit and hit.distance_km is not None else None,
        "locations": [
            {
                "id": sal.location.id,
                "location_type": sal.location.location_type,
                "name": sal.location.name,
                "latitude": sal.location.latitude,
                "longitude": sal.location.longitude,
                "address": sal.location.address_1,
                "postal_code": sal.location.postal_code,
                "city": sal.location.city,
            }
            for sal in offer.service_at_locations.all()
        ],
        "topics": [topic.code for topic in offer.topics.all()],
        "languages": [language.code for language in offer.languages.all()] or ["de"],
        "free": offer.is_free,
        "age_min_months": offer.age_min_months,
        "age_max_months": offer.age_max_months,
        "pregnancy_eligible": offer.pregnancy_eligible,
    }


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
    unknown = set(topic) - set(Topic.objects.values_list("code", flat=True))
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
    return {
        "count": result.count,
        "items": [_item(offer, hit) for offer, hit in offers_for_hits(result.page(page, per_page))],
    }


@router.get("/{offer_id}", response={200: OfferDetailOut, **errors(404)}, summary="Ein Angebot")
def get_offer(request: HttpRequest, offer_id: str):
    offer = (
        Offer.objects.visible_to(request.user).for_list().filter(pk=uuid_or_404(offer_id)).first()
    )
    if offer is None:
        raise Http404
    return {
        **_item(offer, None),
        "description": offer.description,
        "url": offer.url,
        "email": offer.email,
        "phone": offer.phone,
        "verified_at": offer.verified_at.date().isoformat() if offer.verified_at else None,
    }
