"""The read side of the LKS's statewide events and the coordinators' competences."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Self

from django.db import models
from django.db.models import Q

from lotse.networks.models import Coordination


class StatewideEventQuerySet(models.QuerySet):
    def in_year(self, year: int) -> Self:
        return self.filter(held_on__year=year)

    def for_list(self) -> Self:
        return self.select_related("district").prefetch_related(
            "attendees__network__district", "circle_members"
        )


def current_coordinations(today: datetime.date):
    """Every coordination of every district (main networks and sub-networks) still in post,
    with district, trainings and employer: one query each, however many there are."""
    return (
        Coordination.objects.filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("network__district", "network__parent", "employer_organization")
        .prefetch_related("trainings")
        .order_by("network__district__ags", "network__parent_id", "person_name")
    )


def platform_coordinations(today: datetime.date):
    """The network coordinators the platform is for: those of the district networks."""
    return (
        Coordination.objects.filter(network__parent__isnull=True)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("network__district")
        .order_by("network__district__ags", "person_name")
    )


def attendance_by_district(event, districts, *, only=None):
    """(district, [coordinations who came]) for every district, or only those in `only`.

    Reads the event's prefetched attendees; `districts` is the list of all districts."""
    came: dict[int, list] = {}
    for coordination in event.attendees.all():
        came.setdefault(coordination.network.district_id, []).append(coordination)
    allowed = None if only is None else {district.pk for district in only}
    return [
        (district, came.get(district.pk, []))
        for district in districts
        if allowed is None or district.pk in allowed
    ]


@dataclass(frozen=True)
class DistrictCompetences:
    """A district's coordinators in post, with their trainings, and the sums the LKS reads."""

    district: object
    coordinations: list

    @property
    def fte(self) -> Decimal:
        return sum((c.fte for c in self.coordinations), Decimal(0))

    @property
    def training_count(self) -> int:
        return sum(len(c.trainings.all()) for c in self.coordinations)

    @property
    def without_training(self) -> int:
        return sum(1 for c in self.coordinations if not c.trainings.all())


def competences_by_district(districts, today: datetime.date) -> list[DistrictCompetences]:
    """Every district with its coordinators in post (trainings prefetched)."""
    by_district: dict[int, list] = {}
    for coordination in current_coordinations(today):
        by_district.setdefault(coordination.network.district_id, []).append(coordination)
    return [
        DistrictCompetences(district, by_district.get(district.pk, [])) for district in districts
    ]
