"""Hand-written demo offers of the two demo providers, beside the generated directory:
a dated course, translations, easy-read summaries and one offer waiting for approval, so
every part of the finder and of the upkeep pages shows something real at once."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from lotse.accounts.models import User
from lotse.offers import contacts, search_index
from lotse.offers.generate import demo_phone
from lotse.offers.hsds_import import import_services
from lotse.offers.models import ContactPoint, Offer, OfferTranslation, Schedule, Topic
from lotse.offers.translations import german_text_digest
from lotse.organizations.models import Organization
from lotse.regions.basemap import DISTRICT_TOWNS
from lotse.regions.models import District

NAMESPACE = uuid.UUID("3f0c9a52-5a5e-4a53-9b0e-6f1d2c7b8a90")


def _id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def _venue(name: str, street: str, postcode: str, city: str, lat: float, lon: float) -> dict:
    return {
        "location": {
            "id": _id(f"location {name}"),
            "location_type": "physical",
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "addresses": [
                {"address_1": street, "postal_code": postcode, "city": city, "country": "DE"}
            ],
            "accessibility": [{"description": "stufenloser Zugang, Wickelraum"}],
        }
    }


def _records(greifswald: Organization, ludwigslust: Organization) -> list[dict]:
    next_tuesday = timezone.localdate() + datetime.timedelta(
        days=(1 - timezone.localdate().weekday()) % 7 or 7
    )
    # Demo contact details that reach nobody (offers/generate.py: demo_phone, .example).
    vorpommern = {
        "id": str(greifswald.pk),
        "name": greifswald.name,
        "phones": [{"number": demo_phone(4900)}],
        "email": "info@familienbruecke-vorpommern.example",
        "website": "https://familienbruecke-vorpommern.example/",
    }
    westmecklenburg = {
        "id": str(ludwigslust.pk),
        "name": ludwigslust.name,
        "phones": [{"number": demo_phone(4901)}],
        "email": "info@elternhaus-westmecklenburg.example",
        "website": "https://elternhaus-westmecklenburg.example/",
    }
    records = [
        {
            "id": _id("eltern-cafe greifswald"),
            "name": "Eltern-Café im Familienzentrum Greifswald",
            "description": (
                "Offener Treffpunkt für Schwangere und Eltern mit Babys und Kleinkindern. "
                "Kaffee, Spielecke und eine Familienhebamme zum Fragen – ohne Anmeldung."
            ),
            "status": "active",
            "minimum_age": 0,
            "maximum_age": 3,
            "pregnancy_eligible": True,
            "organization": vorpommern,
            "languages": [{"code": "de"}, {"code": "uk"}, {"code": "ar"}],
            "attributes": [
                {"taxonomy_term": {"code": "eltern-cafe"}},
                {"taxonomy_term": {"code": "familienhebamme"}},
            ],
            "schedules": [
                {"freq": "WEEKLY", "byday": "TU,TH", "opens_at": "09:30", "closes_at": "11:30"}
            ],
            "service_at_locations": [
                _venue(
                    "Familienzentrum Schönwalde",
                    "Makarenkostraße 10",
                    "17491",
                    "Greifswald",
                    54.0770,
                    13.4010,
                )
            ],
        },
        {
            "id": _id("babymassage greifswald"),
            "name": "Babymassage-Kurs (6 Termine)",
            "description": (
                "Eltern lernen in sechs Treffen, ihr Baby sanft zu massieren. "
                "Für Babys von 1 bis 6 Monaten, kostenfrei, bitte anmelden."
            ),
            "status": "active",
            "minimum_age": 1 / 12,
            "maximum_age": 0.5,
            "organization": vorpommern,
            "attributes": [{"taxonomy_term": {"code": "elternkurs"}}],
            "schedules": [
                {
                    "freq": "WEEKLY",
                    "byday": "TU",
                    "opens_at": "10:00",
                    "closes_at": "11:00",
                    "dtstart": next_tuesday.isoformat(),
                    "count": 6,
                }
            ],
            "service_at_locations": [
                _venue(
                    "Familienzentrum Schönwalde",
                    "Makarenkostraße 10",
                    "17491",
                    "Greifswald",
                    54.0770,
                    13.4010,
                )
            ],
        },
        {
            "id": _id("familienhebamme vorpommern-greifswald"),
            "name": "Familienhebamme kommt nach Hause",
            "description": (
                "Eine Familienhebamme besucht Sie zu Hause – nach der Geburt bis zum ersten "
                "Geburtstag Ihres Kindes. Kostenfrei und vertraulich."
            ),
            "status": "active",
            "minimum_age": 0,
            "maximum_age": 1,
            "pregnancy_eligible": False,
            "organization": vorpommern,
            "languages": [{"code": "de"}, {"code": "en"}],
            "attributes": [{"taxonomy_term": {"code": "familienhebamme"}}],
            "service_areas": [{"uri": "urn:de:ags:13075", "name": "Vorpommern-Greifswald"}],
        },
        {
            "id": _id("elternberatung ludwigslust"),
            "name": "Elternberatung Ludwigslust",
            "description": (
                "Beratung bei Fragen zu Schlafen, Schreien, Essen und Entwicklung. "
                "Vor Ort, am Telefon oder per Video."
            ),
            "status": "active",
            "minimum_age": 0,
            "maximum_age": 3,
            "organization": westmecklenburg,
            "languages": [{"code": "de"}, {"code": "ru"}, {"code": "tr"}],
            "attributes": [
                {"taxonomy_term": {"code": "beratung"}},
                {"taxonomy_term": {"code": "schlafen-schreien"}},
            ],
            "schedules": [
                {"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "14:00", "closes_at": "17:00"}
            ],
            "service_at_locations": [
                _venue(
                    "Beratungsstelle am Schlosspark",
                    "Schloßstraße 5",
                    "19288",
                    "Ludwigslust",
                    53.3290,
                    11.4970,
                ),
                {"location": {"id": _id("online ludwigslust"), "location_type": "virtual"}},
            ],
        },
        {
            "id": _id("pekip ludwigslust"),
            "name": "Spielgruppe für Babys (PEKiP)",
            "description": "Bewegung und Spiel für Babys im ersten Lebensjahr mit ihren Eltern.",
            "status": "active",
            "minimum_age": 0.25,
            "maximum_age": 1,
            "organization": westmecklenburg,
            "attributes": [{"taxonomy_term": {"code": "bewegung-spiel"}}],
            "schedules": [
                {"freq": "WEEKLY", "byday": "FR", "opens_at": "09:00", "closes_at": "10:30"}
            ],
            "service_at_locations": [
                _venue(
                    "Familienbildungsstätte",
                    "Lindenstraße 20",
                    "19288",
                    "Ludwigslust",
                    53.3250,
                    11.4930,
                )
            ],
        },
    ]
    for number, record in enumerate(records):
        record["phones"] = [{"number": demo_phone(4910 + number)}]
        record["email"] = f"angebot-{number + 1}@{record['organization']['website'][8:-1]}"
    return records


EASY_READ = {
    "eltern-cafe greifswald": (
        "Hier treffen sich Eltern mit kleinen Kindern. Sie können Kaffee trinken und reden. "
        "Die Kinder können spielen. Sie müssen sich nicht anmelden. Es kostet nichts."
    ),
    "familienhebamme vorpommern-greifswald": (
        "Eine Hebamme kommt zu Ihnen nach Hause. Sie hilft Ihnen mit Ihrem Baby. Das kostet nichts."
    ),
}
TRANSLATIONS = {
    "eltern-cafe greifswald": {
        "en": (
            "Parents' café at the family centre Greifswald",
            "An open meeting place for expectant parents and parents with babies and toddlers. Coffee, a play corner and a family midwife to ask – no registration needed.",
        ),
        "uk": (
            "Батьківське кафе в сімейному центрі Грайфсвальда",
            "Відкрите місце зустрічей для вагітних і батьків з немовлятами та малюками. Кава, ігровий куточок і сімейна акушерка, якій можна поставити питання, – без попереднього запису.",
        ),
        "ar": (
            "مقهى الأهل في مركز العائلة في غرايفسفالد",
            "مكان لقاء مفتوح للحوامل وللأهل مع الرضع والأطفال الصغار. قهوة وركن للعب وقابلة عائلية للإجابة عن الأسئلة – بدون تسجيل.",
        ),
    },
    "familienhebamme vorpommern-greifswald": {
        "en": (
            "A family midwife comes to your home",
            "A family midwife visits you at home – from the birth until your child's first birthday. Free of charge and confidential.",
        ),
        "ru": (
            "Семейная акушерка приходит к вам домой",
            "Семейная акушерка навещает вас дома – после рождения ребёнка и до его первого дня рождения. Бесплатно и конфиденциально.",
        ),
        "tr": (
            "Aile ebesi evinize geliyor",
            "Bir aile ebesi sizi evinizde ziyaret eder – doğumdan çocuğunuzun ilk yaş gününe kadar. Ücretsiz ve gizli.",
        ),
    },
}
PENDING = "pekip ludwigslust"


def seed_provider_offers() -> int:
    """Create the hand-written offers once; returns how many were created."""
    if Offer.objects.filter(pk=_id("eltern-cafe greifswald")).exists():
        return 0
    greifswald = Organization.objects.get(name="Familienbrücke Vorpommern e.V.")
    ludwigslust = Organization.objects.get(name="Elternhaus Westmecklenburg gGmbH")
    offers = import_services(_records(greifswald, ludwigslust))
    for key, text in EASY_READ.items():
        offer = Offer.objects.get(pk=_id(key))
        # Written for the German text as imported, so parents see it.
        Offer.objects.filter(pk=offer.pk).update(
            easy_read=text, easy_read_digest=german_text_digest(offer)
        )
    for key, languages in TRANSLATIONS.items():
        offer = Offer.objects.get(pk=_id(key))
        for language, (name, description) in languages.items():
            OfferTranslation.objects.create(
                offer=offer,
                language=language,
                name=name,
                description=description,
                source_digest=german_text_digest(offer),
            )
    Offer.objects.filter(pk=_id(PENDING)).update(approval=Offer.Approval.PENDING)
    search_index.refresh([_id(PENDING)])
    return len(offers)


def turn_courses_into_dated_courses(count: int = 40) -> None:
    """Some generated parenting courses get dates: weekly, 6 to 8 times, starting soon."""
    start = timezone.localdate() + datetime.timedelta(days=7)
    course_topic = Topic.objects.get(code="elternkurs")
    schedules = Schedule.objects.filter(offer__topics=course_topic, dtstart__isnull=True).order_by(
        "offer__name", "id"
    )[:count]
    for number, schedule in enumerate(schedules):
        schedule.dtstart = start + datetime.timedelta(days=number % 21)
        schedule.count = 6 + number % 3
        schedule.save(update_fields=["dtstart", "count"])


# The seat of each district's administration, for the demo contact points' addresses.
SEATS = DISTRICT_TOWNS


def seed_contact_points(coordinators: dict[str, User]) -> None:
    """Every district's contact point, entered by its coordinator: believable, but the
    numbers and addresses reach nobody (demo_phone, .example; the pages mark them)."""
    for number, (ags, coordinator) in enumerate(sorted(coordinators.items())):
        district = District.objects.get(ags=ags)
        if ContactPoint.objects.filter(district=district).exists():
            continue
        contacts.save_contact_point(
            district=district,
            values={
                "office": f"Netzwerkkoordination Frühe Hilfen im Jugendamt {district.name}",
                "phone": demo_phone(4950 + number),
                "email": f"fruehe-hilfen@jugendamt-{ags}.example",
                "address": f"Beispielstraße {number + 1}, {SEATS[ags]} (Demo-Anschrift)",
                "hours": "Mo–Do 9–15 Uhr, Fr 9–12 Uhr",
            },
            by=coordinator,
        )
