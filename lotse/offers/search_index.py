"""Keeps SearchPoint, the search's single table, in step with the offers.

Every write path calls `refresh()` for the offers it touched: actions.py (save, approve,
confirm), the HSDS import (via placement.place_offer) and the generator (`rebuild()`).
It also keeps the listing history (listing_history.keep_up), so figures for a past day
count the offers findable then. Each refresh calls search_freshness.new_version(), so
every process brings its copy of the table in memory up to date before its next search. What a row carries is declared in
search_columns.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from lotse.offers import contacts, listing_history, search_columns, search_freshness
from lotse.offers.models import Location, Offer, SearchItem, SearchPoint
from lotse.organizations.models import Organization

BATCH = 500
PREFETCH = (
    "service_at_locations__location",
    "service_areas",
    "topics",
    "languages",
    "schedules",
)


def points_for(offer: Offer) -> list[SearchPoint]:
    """One row per venue, per service area and for an online presence, each carrying the
    offer's values of search_columns. Expects PREFETCH prefetched."""
    common = search_columns.offer_values(offer)
    points = []
    online = False
    for link in offer.service_at_locations.all():
        location = link.location
        if location.location_type == Location.Kind.PHYSICAL:
            points.append(
                SearchPoint(
                    kind=SearchPoint.Kind.VENUE,
                    latitude=location.latitude,
                    longitude=location.longitude,
                    **common,
                )
            )
        else:
            online = True
    for area in offer.service_areas.all():
        points.append(
            SearchPoint(
                kind=SearchPoint.Kind.AREA,
                ags=area.ags,
                service_area_id=area.pk if not area.ags else None,
                min_lat=area.min_lat,
                max_lat=area.max_lat,
                min_lon=area.min_lon,
                max_lon=area.max_lon,
                **common,
            )
        )
    if online:
        points.append(SearchPoint(kind=SearchPoint.Kind.ONLINE, **common))
    return points


def item_for(offer: Offer) -> dict:
    """The offer as GET /api/v1/offers lists it, without reach and distance (schemas.py:
    OfferItemOut). Expects PREFETCH prefetched and the organisation selected."""
    links = sorted(offer.service_at_locations.all(), key=lambda link: link.pk)
    languages = sorted(offer.languages.all(), key=lambda language: language.pk)
    return {
        "id": str(offer.pk),
        "name": offer.name,
        "organization": offer.organization.name,
        "locations": [
            {
                "id": str(link.location.pk),
                "location_type": link.location.location_type,
                "name": link.location.name,
                "latitude": link.location.latitude,
                "longitude": link.location.longitude,
                "address": link.location.address_1,
                "postal_code": link.location.postal_code,
                "city": link.location.city,
            }
            for link in links
        ],
        "topics": [topic.code for topic in sorted(offer.topics.all(), key=topic_order)],
        "languages": [language.code for language in languages] or ["de"],  # none: German
        "free": offer.is_free,
        "age_min_months": offer.age_min_months,
        "age_max_months": offer.age_max_months,
        "pregnancy_eligible": offer.pregnancy_eligible,
        # Result lists show it: a changed phone number must renew the cached results.
        "contact": contact_item(offer),
    }


def contact_item(offer: Offer) -> dict | None:
    way = contacts.way_to_reach(offer)
    if way is None:
        return None
    return {
        "phone": way.phone,
        "email": way.email,
        "website": way.website,
        "via_provider": way.via_provider,
    }


def topic_order(topic) -> tuple[int, str]:
    return topic.position, topic.code


@transaction.atomic
def refresh(offer_ids: Iterable) -> None:
    ids = list(offer_ids)
    items_changed = len(ids) > search_freshness.PATCH_AT_MOST  # many: not worth comparing
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        SearchPoint.objects.filter(offer_id__in=batch).delete()
        if not items_changed:
            before = dict(
                SearchItem.objects.filter(offer_id__in=batch).values_list("offer", "item")
            )
        SearchItem.objects.filter(offer_id__in=batch).delete()
        offers = list(
            Offer.objects.filter(pk__in=batch)
            .select_related("organization")
            .prefetch_related(*PREFETCH)
        )
        SearchPoint.objects.bulk_create(
            [point for offer in offers for point in points_for(offer)], batch_size=BATCH
        )
        listing_history.keep_up(offers)
        items = {offer.pk: item_for(offer) for offer in offers}
        SearchItem.objects.bulk_create(
            [SearchItem(offer_id=pk, item=item) for pk, item in items.items()],
            batch_size=BATCH,
        )
        items_changed = items_changed or items != before
    search_freshness.new_version(ids, items_changed=items_changed)


def refresh_organization(organization: Organization) -> None:
    """Its offers carry its name in the search (SearchItem): after a rename (admin.py)."""
    refresh(Offer.objects.filter(organization=organization).values_list("pk", flat=True))


def rebuild() -> None:
    """The whole table anew (after bulk loads; `manage.py rebuild_search_index`)."""
    SearchPoint.objects.all().delete()
    SearchItem.objects.all().delete()
    refresh(Offer.objects.values_list("pk", flat=True))


def offer_deleted(sender, **kwargs) -> None:
    """post_delete of Offer (connected in apps.py): its search rows went with it, by cascade,
    without a refresh; the processes' copies in memory must learn of it too."""
    search_freshness.new_version([kwargs["instance"].pk])
