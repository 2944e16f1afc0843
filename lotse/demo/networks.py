"""A believable Netzwerk Frühe Hilfen in every district for the demo: coordination,
partners in most sectors, two years of meetings with attendance, a sub-network,
quality standards and a first assessment of the minimum requirements. All invented."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from lotse.demo.accounts import COORDINATOR_NAMES
from lotse.networks.models import (
    Answer,
    Coordination,
    Meeting,
    Network,
    ParentTopic,
    Partner,
    QualityStandard,
    Question,
    Sector,
    Survey,
    SurveyResponse,
    Task,
    Training,
    VolunteerService,
)
from lotse.organizations.models import Organization

PARTNER_NAMES = {
    Sector.YOUTH_WELFARE: "Allgemeiner Sozialer Dienst {town}",
    Sector.MIDWIVES: "Hebammenpraxis {town}",
    Sector.MATERNITY_CLINICS: "Geburtsklinik {town}",
    Sector.PAEDIATRICIANS: "Kinderarztpraxis {town}",
    Sector.GYNAECOLOGISTS: "Frauenarztpraxis {town}",
    Sector.PUBLIC_HEALTH: "Gesundheitsamt {district}",
    Sector.EARLY_INTERVENTION: "Frühförderstelle {town}",
    Sector.PREGNANCY_COUNSELLING: "Schwangerschaftsberatung {town}",
    Sector.JOB_CENTRE: "Jobcenter {district}",
    Sector.FAMILY_EDUCATION: "Familienbildungsstätte {town}",
    Sector.DAY_CARE: "Kita-Verbund {town}",
    Sector.SOCIAL_WELFARE: "Sozialamt {district}",
    Sector.POLICE_COURTS: "Polizeiinspektion {town}",
    Sector.VOLUNTEERING: "Familienpaten {town}",
}
STANDARDS = [
    (
        "Leitbild des Netzwerks Frühe Hilfen",
        "Wir begleiten Familien früh, freiwillig und vertraulich.",
    ),
    (
        "Verfahrensweg: vom Kinderarzt zur Familienhebamme",
        "Die Praxis gibt den Flyer mit und vermittelt mit Einverständnis der Familie.",
    ),
]
COORDINATORS = [
    "Anna Berger",
    "Jonas Krüger",
    "Miriam Schulz",
    "Tobias Wendt",
    "Sabine Lorenz",
    "Katrin Vogt",
    "Henrik Paulsen",
    "Lea Hoffmann",
]


def seed_networks(towns: dict[str, str]) -> None:
    """Once: every main network without partners gets its demo network."""
    for index, network in enumerate(
        Network.objects.filter(parent=None).select_related("district").order_by("district__ags")
    ):
        if network.partners.exists():
            continue
        rng = random.Random(int(network.district.ags))
        town = towns.get(network.district.ags, network.district.name)
        # The person behind the district's demo account (same e-mail address) coordinates.
        name = COORDINATOR_NAMES.get(network.district.ags, COORDINATORS[index % len(COORDINATORS)])
        _coordination(network, name, rng)
        partners = _partners(network, town, rng)
        _meetings(network, partners, rng)
        _standards(network)
        _sub_network(network, rng)
        _parent_topics(network, rng)
        _survey(network, rng)
        _volunteer_service(network, partners)
        # The statuses of the Landeskonzept's items come with the demo documents.


def _coordination(network: Network, name: str, rng: random.Random) -> None:
    coordination = Coordination.objects.create(
        network=network,
        person_name=name,
        email=f"netzwerk-{network.district.ags}@lotse.example",
        employer=Coordination.Employer.YOUTH_OFFICE,
        fte=Decimal(rng.choice(["0.50", "0.75", "1.00"])),
        qualification="Sozialpädagogik (M.A.), Qualifizierung nach dem Kompetenzprofil des NZFH",
        since=datetime.date(2019 + rng.randint(0, 4), 1, 1),
    )
    Training.objects.create(
        coordination=coordination,
        title="Kompetenzprofil Netzwerkkoordination, Modul 1",
        completed_on=datetime.date(2022, 5, 12),
    )


def _partners(network: Network, town: str, rng: random.Random) -> list[Partner]:
    sectors = [s for s in PARTNER_NAMES if rng.random() < 0.85]
    partners = []
    for sector in sectors:
        name = PARTNER_NAMES[sector].format(town=town, district=network.district.name)
        organization, _ = Organization.objects.get_or_create(
            name=name, defaults={"district": network.district}
        )
        partners.append(
            Partner.objects.create(
                network=network,
                organization=organization,
                sector=sector,
                contact_name="Ansprechperson (Demo)",
                since=datetime.date(2018 + rng.randint(0, 6), rng.randint(1, 12), 1),
                agreement_signed_on=datetime.date(2021, 6, 1) if rng.random() < 0.6 else None,
            )
        )
    return partners


def _meetings(network: Network, partners: list[Partner], rng: random.Random) -> None:
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        for month in (2, 5, 9, 11):
            day = datetime.date(year, month, 10 + rng.randint(0, 10))
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            meeting = Meeting.objects.create(
                network=network,
                kind=Meeting.Kind.NETWORK_MEETING,
                title=f"Netzwerktreffen {day:%m/%Y}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                place=f"Jugendamt {network.district.name}",
                agenda="1. Neues aus den Einrichtungen\n2. Themen aus der Elternschaft\n3. Verschiedenes",
            )
            meeting.invited.set(partners)
            if starts < timezone.now():
                meeting.attended.set([p for p in partners if rng.random() < 0.7])
                meeting.minutes = "Protokoll (Demo): Austausch, Planung des Fachtags."
                meeting.save(update_fields=["minutes"])
                Task.objects.create(
                    meeting=meeting,
                    text="Flyer für Geburtskliniken aktualisieren",
                    owner="AG Öffentlichkeit",
                    due_on=day + datetime.timedelta(days=42),
                    done=day.year < this_year,
                )


def _standards(network: Network) -> None:
    for number, (title, text) in enumerate(STANDARDS):
        QualityStandard.objects.create(
            network=network,
            title=title,
            text=text,
            adopted_on=datetime.date(2023 + number, 3, 14),
            next_review_on=datetime.date(2026 + number, 3, 14),
        )


def _sub_network(network: Network, rng: random.Random) -> None:
    area = network.district.social_areas.filter(sub_network__isnull=True).order_by("pk").first()
    if area is None:
        return
    sub = Network.objects.create(
        district=network.district,
        parent=network,
        social_area=area,
        name=f"Teilnetzwerk {area.name}",
    )
    QualityStandard.objects.create(
        network=sub,
        kind=QualityStandard.Kind.LINKING_MEASURE,
        title="Verbindende Maßnahmen",
        text="Die Sozialraumkoordination nimmt an jedem Netzwerktreffen teil und berichtet.",
        adopted_on=datetime.date(2024, 1, 15),
        next_review_on=datetime.date(2026, 1, 15),
    )
    organization = Organization.objects.filter(district=network.district).order_by("name").first()
    if organization:
        Partner.objects.create(
            network=sub, organization=organization, sector=Sector.FAMILY_EDUCATION
        )


TOPIC_TEXTS = {
    ParentTopic.Topic.SLEEP_CRYING: "Viele Fragen zum Schlafen in den ersten Monaten",
    ParentTopic.Topic.MEETING_PLACES: "Wunsch nach einem Treffpunkt am Wochenende",
    ParentTopic.Topic.MOBILITY: "Lange Wege zur Kinderärztin ohne Auto",
    ParentTopic.Topic.AUTHORITIES: "Unsicherheit beim Antrag auf Elterngeld",
}


def _parent_topics(network: Network, rng: random.Random) -> None:
    area = network.district.social_areas.order_by("pk").first()
    first_of_month = timezone.localdate().replace(day=1)
    for number in range(rng.randint(12, 30)):
        back = datetime.timedelta(days=31 * rng.randint(0, 11))
        topic = rng.choice(list(TOPIC_TEXTS))
        ParentTopic.objects.create(
            network=network,
            social_area=area if number % 2 else None,
            month=(first_of_month - back).replace(day=1),
            topic=topic,
            text=TOPIC_TEXTS[topic] if number % 3 == 0 else "",
        )


def _survey(network: Network, rng: random.Random) -> None:
    """A closed parents' survey with answers (results above the small-number threshold)."""
    year = timezone.localdate().year - 1
    survey = Survey.objects.create(
        network=network,
        title=f"Elternbefragung {year}",
        introduction="Wie erleben Sie die Angebote für Familien mit kleinen Kindern?",
        audience=Survey.Audience.PARENTS,
        opens_on=datetime.date(year, 9, 1),
        closes_on=datetime.date(year, 10, 31),
    )
    heard = Question.objects.create(
        survey=survey,
        position=0,
        kind=Question.Kind.SINGLE,
        text="Wie haben Sie von den Angeboten erfahren?",
        choices=["Hebamme oder Arztpraxis", "Kita oder Familienzentrum", "Internet", "Freunde"],
        required=True,
    )
    happy = Question.objects.create(
        survey=survey,
        position=1,
        kind=Question.Kind.SCALE,
        text="Wie gut finden Sie passende Angebote?",
    )
    wish = Question.objects.create(
        survey=survey, position=2, kind=Question.Kind.TEXT, text="Was wünschen Sie sich?"
    )
    wishes = [
        "Mehr Angebote am Wochenende",
        "Ein Eltern-Café in unserem Dorf",
        "Bessere Busverbindungen",
    ]
    for number in range(rng.randint(18, 40)):
        response = SurveyResponse.objects.create(
            survey=survey, submitted_on=datetime.date(year, 9, 1 + number % 28)
        )
        Answer.objects.create(
            response=response, question=heard, choices=[rng.choice([0, 0, 1, 1, 2, 3])]
        )
        Answer.objects.create(
            response=response, question=happy, scale=rng.choice([2, 3, 3, 4, 4, 5])
        )
        if number % 4 == 0:
            Answer.objects.create(response=response, question=wish, text=rng.choice(wishes))


def _volunteer_service(network: Network, partners: list[Partner]) -> None:
    volunteering = next((p for p in partners if p.sector == Sector.VOLUNTEERING), None)
    if volunteering is None:
        return
    VolunteerService.objects.create(
        network=network,
        name="Familienpatenschaften",
        provider=volunteering.organization,
        guide_name="Fachkraft Ehrenamtskoordination (Demo)",
        guide_fte=Decimal("0.50"),
        active_volunteers=12,
        volunteer_training="Basisschulung 20 Stunden, Supervision monatlich",
        requirements={
            "FB-II.1.2-M1": {"met": True, "evidence": "Partner im Netzwerk seit 2021"},
            "FB-II.1.2-M2": {"met": True, "evidence": "0,5 VZÄ beim Träger"},
            "FB-II.1.2-M3": {"met": False, "evidence": ""},
        },
    )
