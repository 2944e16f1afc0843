"""Does the LKS keep the rhythm the Landeskonzept sets for its own events?

- LKS-E5: a platform for the network coordinators three times a year.
- LKS-E8: a Fachtag with the Landesfachstelle Familienhebammen every two years. Lotse reads
  "im Turnus von zwei Jahren" as: at least one Fachtag in the year or the year before.
- LKS-E9: IQZ with the KV MV; the Landeskonzept sets no number, so they are only counted.

Plain functions over the stored events; the pages only show what these return.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from lotse.statewide.models import StatewideEvent

PLATFORMS_PER_YEAR = 3
CONFERENCE_EVERY_YEARS = 2


@dataclass(frozen=True)
class Obligation:
    """One rule for one year: how many events count, how many are needed."""

    code: str
    kind: str
    year: int
    count: int
    required: int | None  # None: the Landeskonzept sets no number
    period_years: int  # the count covers this year and the years before it (1: only this)
    year_running: bool  # the year (or period) is not over yet

    @property
    def met(self) -> bool | None:
        if self.required is None:
            return None
        return self.count >= self.required

    @property
    def still_open(self) -> bool:
        """Not met yet, but there is still time in the running year."""
        return self.met is False and self.year_running


def obligations(year: int, *, today: datetime.date) -> list[Obligation]:
    """The LKS's event obligations for one year, from one query."""
    first_year = year - CONFERENCE_EVERY_YEARS + 1
    counts = Counter(
        (kind, held_on.year)
        for kind, held_on in StatewideEvent.objects.filter(
            held_on__year__gte=first_year, held_on__year__lte=year
        ).values_list("kind", "held_on")
    )
    running = year >= today.year
    kinds = StatewideEvent.Kind
    return [
        Obligation(
            code="LKS-E5",
            kind=kinds.PLATFORM,
            year=year,
            count=counts[(kinds.PLATFORM, year)],
            required=PLATFORMS_PER_YEAR,
            period_years=1,
            year_running=running,
        ),
        Obligation(
            code="LKS-E8",
            kind=kinds.CONFERENCE,
            year=year,
            count=sum(counts[(kinds.CONFERENCE, y)] for y in range(first_year, year + 1)),
            required=1,
            period_years=CONFERENCE_EVERY_YEARS,
            year_running=running,
        ),
        Obligation(
            code="LKS-E9",
            kind=kinds.QUALITY_CIRCLE,
            year=year,
            count=counts[(kinds.QUALITY_CIRCLE, year)],
            required=None,
            period_years=1,
            year_running=running,
        ),
    ]
