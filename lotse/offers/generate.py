"""Generated offers spread over MV: for the benchmark (`generate_offers N --seed S`) and the demo.

Same seed, same data. Offers are written with bulk_create in batches, so 100,000 offers
take seconds, not minutes. Mix: 70 % with venues in real places of MV, 20 % outreach
offers covering their municipality or district, 10 % online or by phone.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lotse.offers import search_index
from lotse.offers.models import (
    Location,
    Offer,
    OfferLanguage,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    Topic,
)
from lotse.offers.search import refresh_planner_statistics
from lotse.organizations.models import Organization
from lotse.regions.models import Place, Statistic
from lotse.regions.queries import latest_statistics

CHILDREN = Statistic.Kind.CHILDREN_UNDER_3

# Name patterns per topic: what providers in MV call such offers.
OFFER_NAMES = {
    "schwangerschaft-geburt": [
        "Geburtsvorbereitung",
        "Schwangerenberatung",
        "Treff für werdende Eltern",
    ],
    "familienhebamme": ["Familienhebamme", "Familien-Gesundheits- und Kinderkrankenpflege"],
    "willkommensbesuch": ["Willkommensbesuch für Neugeborene", "Babybegrüßung"],
    "eltern-cafe": ["Eltern-Café", "Krabbeltreff", "Familientreff"],
    "elternkurs": ["Elternkurs „Das erste Jahr“", "PEKiP-Kurs", "Babymassage-Kurs"],
    "beratung": ["Erziehungsberatung", "Familienberatung", "Offene Sprechstunde"],
    "stillen-ernaehrung": ["Stillcafé", "Beikost-Sprechstunde"],
    "schlafen-schreien": ["Schreibabyambulanz", "Sprechstunde Schlafen und Schreien"],
    "entwicklung-gesundheit": ["Entwicklungssprechstunde", "Kinderarzt-Lotse"],
    "fruehfoerderung": ["Frühförderstelle", "Interdisziplinäre Frühförderung"],
    "ehrenamt": [
        "Familienpaten",
        "Wellcome – Hilfe nach der Geburt",
        "Ehrenamtliche Familienbegleitung",
    ],
    "finanzielle-hilfen": ["Beratung zu Elterngeld und Kindergeld", "Stiftungsmittel-Beratung"],
    "krise-notfall": ["Krisentelefon für Eltern", "Notfallsprechstunde"],
    "bewegung-spiel": ["Eltern-Kind-Turnen", "Spielgruppe", "Babyschwimmen"],
    "babylotse": ["Babylotsin in der Geburtsklinik", "Babylotsen-Sprechstunde"],
}
PROVIDER_KINDS = [
    "Familienzentrum",
    "Mehrgenerationenhaus",
    "Familienbildungsstätte",
    "Beratungsstelle",
    "Kinder- und Jugendhilfe",
    "Diakonie-Sozialstation",
]
LANGUAGE_MIX = [
    ["de"],
    ["de"],
    ["de"],
    ["de", "en"],
    ["de", "ar"],
    ["de", "uk"],
    ["de", "ru"],
    ["de", "tr"],
    ["de", "pl"],
    [],
]
DAY_SETS = ["MO", "TU", "WE", "TH", "FR", "MO,WE", "TU,TH", "WE,FR", "SA"]


@dataclass
class GeneratedDirectory:
    organizations: int
    offers: int


def _age_range(topic: str, rng: random.Random) -> tuple[int, int | None, bool]:
    if topic == "schwangerschaft-geburt":
        return 0, 3, True
    if topic in ("familienhebamme", "willkommensbesuch", "babylotse"):
        # Family midwives (state programme) work from birth up to the first birthday;
        # the Babylotse starts in the maternity clinic, before the birth.
        return 0, 12, topic == "babylotse"
    if topic in ("stillen-ernaehrung", "schlafen-schreien"):
        return 0, rng.choice([12, 18, 24]), topic == "stillen-ernaehrung"
    return rng.choice([0, 0, 3, 6, 12]), rng.choice([24, 36, 36, 48, None]), rng.random() < 0.2


# The numbers the Bundesnetzagentur keeps free for films and books ("Drama Numbers", 1000
# each in Berlin, Frankfurt, Hamburg, Köln, München): believable, and they reach nobody.
DEMO_NUMBER_RANGES = ("030 23125", "069 90009", "040 66969", "0221 4710", "089 99998")


def demo_phone(number: int) -> str:
    """The `number`-th demo phone number (5,000 different ones, then again from the first)."""
    area = DEMO_NUMBER_RANGES[number // 1000 % len(DEMO_NUMBER_RANGES)]
    return f"{area} {number % 1000:03d}"


def place_weights(places: list[Place]) -> list[float]:
    """Offers follow the families: each district gets its share of the children under 3
    (newest figure), spread evenly over its places. Without figures for every district,
    the districts count alike. (Chosen by place alone, the two cities, one place each, got almost nothing.)"""
    places_in = Counter(place.municipality.district_id for place in places)
    figures = latest_statistics(list(places_in))
    if not all(CHILDREN in figures.get(district_id, {}) for district_id in places_in):
        return [1 / places_in[place.municipality.district_id] for place in places]
    return [
        float(figures[place.municipality.district_id][CHILDREN].value)
        / places_in[place.municipality.district_id]
        for place in places
    ]


@transaction.atomic
def generate_directory(
    count: int, *, seed: int, stale_share: float = 0.0, batch_size: int = 2000
) -> GeneratedDirectory:
    """Create `count` offers from about count/4 providers; deterministic for a seed."""
    rng = random.Random(seed)
    topics = list(Topic.objects.order_by("position"))
    places = list(
        Place.objects.select_related("municipality__district").order_by("municipality__ags", "name")
    )
    weights = place_weights(places)

    def pick_place() -> Place:
        return rng.choices(places, weights)[0]

    now = timezone.now()
    organization_count = max(1, count // 4)
    organizations = []
    for number in range(organization_count):
        place = pick_place()
        organizations.append(
            Organization(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                name=f"{rng.choice(PROVIDER_KINDS)} {place.name} {number + 1}",
                district=place.municipality.district,
                phone=demo_phone(number),
                email=f"info@traeger-{number + 1}.example",
                website=f"https://traeger-{number + 1}.example/",
            )
        )
    Organization.objects.bulk_create(organizations, batch_size=batch_size)

    offers, languages, locations, links, schedules, areas, topic_links = [], [], [], [], [], [], []
    Through = Offer.topics.through
    for number in range(count):
        organization = organizations[number % organization_count]
        topic = topics[number % len(topics)] if number < len(topics) * 2 else rng.choice(topics)
        place = pick_place()
        age_min, age_max, pregnancy = _age_range(topic.code, rng)
        stale = rng.random() < stale_share
        offer = Offer(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            organization=organization,
            district=place.municipality.district,
            name=f"{rng.choice(OFFER_NAMES[topic.code])} {place.name}",
            description=f"{topic.label}: ein Angebot der Frühen Hilfen in {place.name}.",
            status=Offer.Status.ACTIVE,
            approval=Offer.Approval.APPROVED,
            age_min_months=age_min,
            age_max_months=age_max,
            pregnancy_eligible=pregnancy,
            is_free=rng.random() < 0.9,
            phone=demo_phone(organization_count + number),
            email=f"angebot-{number + 1}@traeger-{number % organization_count + 1}.example",
            verified_at=now
            - datetime.timedelta(days=rng.randint(400, 700) if stale else rng.randint(0, 300)),
        )
        offers.append(offer)
        topic_links.append(Through(offer_id=offer.id, topic_id=topic.id))
        languages += [
            OfferLanguage(offer_id=offer.id, code=code) for code in rng.choice(LANGUAGE_MIX)
        ]
        kind = rng.random()
        if kind < 0.7 or topic.code == "eltern-cafe":
            location = Location(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                location_type=Location.Kind.PHYSICAL,
                name=organization.name,
                latitude=round(place.latitude + rng.uniform(-0.01, 0.01), 5),
                longitude=round(place.longitude + rng.uniform(-0.015, 0.015), 5),
                address_1=f"{rng.choice(['Markt', 'Schulstraße', 'Am Park', 'Lange Straße', 'Bahnhofstraße'])} {rng.randint(1, 60)}",
                postal_code=place.postcode,
                city=place.name,
                accessibility=rng.choice(["", "stufenloser Zugang", "stufenlos, WC barrierefrei"]),
            )
            locations.append(location)
            links.append(
                ServiceAtLocation(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    offer_id=offer.id,
                    location_id=location.id,
                )
            )
            schedules.append(
                Schedule(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    offer_id=offer.id,
                    freq="WEEKLY",
                    byday=rng.choice(DAY_SETS),
                    opens_at=datetime.time(rng.choice([9, 10, 14, 15])),
                    closes_at=datetime.time(rng.choice([11, 12, 16, 17])),
                )
            )
        elif kind < 0.9:
            municipality = place.municipality
            whole_district = rng.random() < 0.5
            areas.append(
                ServiceArea(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    offer_id=offer.id,
                    name=municipality.district.name if whole_district else municipality.name,
                    ags=municipality.district.ags if whole_district else municipality.ags,
                )
            )
        else:
            offer.district = organization.district
            location = Location(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                location_type=Location.Kind.VIRTUAL,
                name=rng.choice(["Telefon", "Online-Sprechstunde"]),
            )
            locations.append(location)
            links.append(
                ServiceAtLocation(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    offer_id=offer.id,
                    location_id=location.id,
                )
            )
    Offer.objects.bulk_create(offers, batch_size=batch_size)
    Through.objects.bulk_create(topic_links, batch_size=batch_size)
    OfferLanguage.objects.bulk_create(languages, batch_size=batch_size)
    Location.objects.bulk_create(locations, batch_size=batch_size)
    ServiceAtLocation.objects.bulk_create(links, batch_size=batch_size)
    Schedule.objects.bulk_create(schedules, batch_size=batch_size)
    ServiceArea.objects.bulk_create(areas, batch_size=batch_size)
    search_index.refresh([offer.id for offer in offers])
    refresh_planner_statistics()
    return GeneratedDirectory(organizations=organization_count, offers=count)
