"""A measure of the world's provider in 13075 with a fund year whose Sachberichte are due."""

import datetime
from decimal import Decimal

import pytest

from lotse.accountability import checks
from lotse.accountability.models import CoordinatorCheck
from lotse.concept.models import StateConcept
from lotse.funding.models import FundYear, Indicator, IndicatorResult, Measure

YEAR = 2025


@pytest.fixture
def fund_year(db) -> FundYear:
    return FundYear.objects.create(
        year=YEAR,
        state_total=Decimal("1160000"),
        state_office_share=Decimal("96000"),
        measure_reports_due=datetime.date(YEAR + 1, 3, 31),
    )


def make_measure(world, *, area: str = "I", title: str = "Netzwerkkoordination Pasewalk"):
    edition = StateConcept.objects.current()
    measure = Measure.objects.create(
        district=world.district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code=area),
        title=title,
        description="Koordination des Netzwerks.",
        target_group="Familien mit Kindern von 0 bis 3 Jahren.",
        provider=world.organization,
        starts_on=datetime.date(YEAR, 1, 1),
    )
    indicator = Indicator.objects.create(
        measure=measure, goal="Alle Sektoren im Netzwerk", name="Sektoren", target=Decimal("12")
    )
    IndicatorResult.objects.create(
        indicator=indicator, year=YEAR, actual=Decimal("11"), rating="partly"
    )
    return measure


@pytest.fixture
def measure(world, fund_year) -> Measure:
    return make_measure(world)


def check_data(measure, lock_version: int, **changes) -> dict:
    """A complete, valid check form for the measure."""
    data = {
        "lock_version": lock_version,
        "need_verdict": CoordinatorCheck.Verdict.MET,
        "need": "Wenige Angebote für Familien in Belastungslagen im Sozialraum.",
        "need_sources": ["figures", "reach"],
        "need_evidence": "Kennzahlen 2024 und die Erreichbarkeitsanalyse.",
        "need_reason": "",
        "goals_verdict": CoordinatorCheck.Verdict.PARTLY,
        "goals_note": "11 von 12 Sektoren vertreten.",
    }
    for item in checks.applicable_requirements(measure):
        data[f"req_{item.pk}_kept"] = "yes"
        data[f"req_{item.pk}_note"] = ""
    data.update(changes)
    return data
