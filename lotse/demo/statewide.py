"""The LKS's own statewide events for the demo: a year with three platform meetings (the
Landeskonzept's "three times a year" met), the year after with only two (not met), a
Fachtag with the Landesfachstelle Familienhebammen and an IQZ. All invented and marked as
demo values."""

from __future__ import annotations

import datetime

from lotse.networks.models import Coordination
from lotse.regions.models import District
from lotse.statewide.models import CircleMembers, Profession, StatewideEvent

PLATFORM_TOPICS = [
    "Regionale Gesamtkonzepte: Fristen und Checkliste",
    "Elternbeteiligung: erste Erfahrungen mit Befragungen",
    "Jährliche Konzeptumsetzung und Sachberichte",
]


def seed_statewide(*, this_year: int) -> None:
    """Once: the statewide events of the two years before this one."""
    if StatewideEvent.objects.exists():
        return
    coordinations = list(
        Coordination.objects.filter(network__parent=None).order_by("network__district__ags")
    )
    full_year, short_year = this_year - 2, this_year - 1
    for number, month in enumerate((2, 6, 10)):
        event = _platform(full_year, month, number)
        # Everybody but one district in the autumn.
        event.attendees.set(coordinations[:-1] if month == 10 else coordinations)
    for number, month in enumerate((3, 9)):
        event = _platform(short_year, month, number)
        event.attendees.set(coordinations[::2] if month == 9 else coordinations)
    StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.CONFERENCE,
        title=f"Fachtag Frühe Hilfen {short_year}: Gesund aufwachsen von Anfang an",
        held_on=datetime.date(short_year, 11, 12),
        place="Güstrow",
        co_organiser="Landesfachstelle Familienhebammen MV",
        agenda="Familienhebammen und Netzwerke: Übergänge gestalten",
        is_demo=True,
    )
    circle = StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.QUALITY_CIRCLE,
        title="IQZ Frühe Hilfen Vorpommern-Greifswald",
        held_on=datetime.date(short_year, 5, 20),
        place="Greifswald",
        moderation="Moderator:in der KV MV und die Netzwerkkoordination",
        district=District.objects.filter(ags="13075").first(),
        agenda="Fallbesprechung (anonymisiert): Wege von der Kinderarztpraxis ins Netzwerk",
        is_demo=True,
    )
    CircleMembers.objects.bulk_create(
        CircleMembers(event=circle, profession=profession, count=count)
        for profession, count in (
            (Profession.PAEDIATRICIAN, 4),
            (Profession.GYNAECOLOGIST, 2),
            (Profession.MIDWIFE, 3),
            (Profession.YOUTH_WELFARE, 5),
            (Profession.PREGNANCY_COUNSELLING, 1),
        )
    )


def _platform(year: int, month: int, number: int) -> StatewideEvent:
    return StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.PLATFORM,
        title=f"Plattform der Netzwerkkoordination {month:02d}/{year}",
        held_on=datetime.date(year, month, 15),
        place="Schwerin" if month != 6 else "online",
        agenda=PLATFORM_TOPICS[number % len(PLATFORM_TOPICS)],
        is_demo=True,
    )
