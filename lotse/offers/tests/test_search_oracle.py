"""The in-memory search (search_table.py + search.py) against a plain reading of the rules.

The oracle below walks every offer with the ORM and applies the finder's matching rules
one by one; the search must give the same hits in the same order for many random
questions over a generated directory (with stale offers).
"""

import random
import uuid

import pytest

from lotse.offers import search_index
from lotse.offers.generate import generate_directory
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Location, Offer, Topic
from lotse.offers.queries import fresh_since
from lotse.offers.search import WEEKDAYS, SearchCriteria, search
from lotse.offers.tests.samples import hsds_service, venue
from lotse.regions.geo import contains, distance_km, place_at
from lotse.regions.models import District, Place

pytestmark = pytest.mark.django_db


def passes_filters(offer: Offer, criteria: SearchCriteria) -> bool:
    if offer.status != "active" or offer.approval != "approved":
        return False
    if offer.verified_at is None or offer.verified_at < fresh_since():
        return False
    if criteria.pregnant and not offer.pregnancy_eligible:
        return False
    if not criteria.pregnant and criteria.age_months is not None:
        upper = offer.age_max_months if offer.age_max_months is not None else 10**6
        if not offer.age_min_months <= criteria.age_months <= upper:
            return False
    if criteria.topics and not {t.code for t in offer.topics.all()} & set(criteria.topics):
        return False
    if criteria.language:
        spoken = {language.code for language in offer.languages.all()} or {"de"}
        if criteria.language not in spoken:
            return False
    if criteria.free_only and not offer.is_free:
        return False
    if criteria.weekday:
        days = {day for s in offer.schedules.all() if s.freq == "WEEKLY" for day in s.weekdays()}
        if criteria.weekday not in days:
            return False
    return True


def oracle(offers: list[Offer], criteria: SearchCriteria) -> list[tuple[str, object, float | None]]:
    lat, lon = criteria.latitude, criteria.longitude
    # The municipality and the district the point lies in (the district by its own outline
    # when the point is in no municipality's).
    place = [ags for ags in place_at(lat, lon) or () if ags]
    nearby, area, online = [], [], []
    for offer in offers:
        if not passes_filters(offer, criteria):
            continue
        locations = [sal.location for sal in offer.service_at_locations.all()]
        distances = [
            distance_km(lat, lon, loc.latitude, loc.longitude)
            for loc in locations
            if loc.location_type == Location.Kind.PHYSICAL
        ]
        near = [km for km in distances if km <= criteria.radius_km]
        tie = (offer.name, offer.id.hex)
        if near:
            nearby.append(((min(near), *tie), offer.id, min(near)))
        elif any(
            (a.ags and a.ags in place) or (a.extent and contains(a.extent, lat, lon))
            for a in offer.service_areas.all()
        ):
            area.append((tie, offer.id, None))
        elif any(loc.location_type == Location.Kind.VIRTUAL for loc in locations):
            online.append((tie, offer.id, None))
    return [
        (reach, offer_id, km)
        for reach, group in (("nearby", nearby), ("area", area), ("online", online))
        for _key, offer_id, km in sorted(group, key=lambda item: item[0])
    ]


def random_question(rng: random.Random, places: list[Place], topics: list[str]) -> SearchCriteria:
    place = rng.choice(places)
    pregnant = rng.random() < 0.15
    return SearchCriteria(
        latitude=place.latitude + rng.uniform(-0.05, 0.05),
        longitude=place.longitude + rng.uniform(-0.05, 0.05),
        radius_km=rng.choice([1, 5, 10, 25, 50, 100]),
        age_months=None if pregnant or rng.random() < 0.4 else rng.randint(0, 72),
        pregnant=pregnant,
        topics=tuple(rng.sample(topics, rng.choice([0, 0, 1, 2]))),
        language=rng.choice([None, None, "de", "ar", "en", "pl"]),
        free_only=rng.random() < 0.3,
        weekday=rng.choice([None, None, None, *WEEKDAYS]),
    )


def test_the_search_agrees_with_the_rules_read_plainly():
    generate_directory(300, seed=11, stale_share=0.1)
    # Offers with venues, areas and online presence at once, in every district.
    hybrid_rng = random.Random(8)
    import_services(
        [
            hsds_service(
                name=f"Familienzentrum {ags}-{number}",
                service_at_locations=[
                    venue((hybrid_rng.uniform(53.2, 54.6), hybrid_rng.uniform(11.0, 14.3))),
                    {"location": {"id": str(uuid.uuid4()), "location_type": "virtual"}},
                ],
                service_areas=[{"uri": f"urn:de:ags:{ags}"}],
            )
            for ags in District.objects.values_list("ags", flat=True)
            for number in range(4)
        ]
    )
    Offer.objects.filter(name__startswith="Familienpaten").update(approval="pending")
    search_index.rebuild()
    offers = list(
        Offer.objects.prefetch_related(
            "topics", "languages", "schedules", "service_at_locations__location", "service_areas"
        )
    )
    places = list(Place.objects.all())
    topics = list(Topic.objects.values_list("code", flat=True))
    rng = random.Random(5)
    reaches = []
    for _ in range(120):
        criteria = random_question(rng, places, topics)
        expected = oracle(offers, criteria)
        found = [(hit.reach, hit.offer_id, hit.distance_km) for hit in search(criteria).hits]
        assert [(r, i) for r, i, _ in found] == [(r, i) for r, i, _ in expected], criteria
        for (_r, _i, km), (_e, _f, expected_km) in zip(found, expected, strict=True):
            assert km == pytest.approx(expected_km, abs=1e-9) if expected_km else km is None
        reaches += [reach for reach, _id, _km in expected]
    # The questions found offers of every kind, not just empty lists.
    assert len(reaches) > 300 and set(reaches) == {"nearby", "area", "online"}
