"""Demo money: fund years 2023–2026 (totals about the real 1.16 Mio €; the LKS share and
the deadlines are invented), allocated by the default key, plans and spending for every
district's measures, and FB III proposals in every state of their workflow. Every
district's FB II.2 measure has its six conditions checked (one district still has one
open); one district plans qualification money for family midwives in FB II.1.1 after a
recorded prior agreement (FB-II.1.1-E1)."""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal

from django.core.files.base import ContentFile

from lotse.accounts.models import User
from lotse.concept.models import StateConcept
from lotse.funding import actions, fb3, fb22
from lotse.funding.models import (
    AllocationKey,
    Fb3Proposal,
    FundYear,
    Measure,
    MeasurePlan,
    Spending,
)
from lotse.regions.models import District

STATE_TOTAL = Decimal("1160000.00")
STATE_OFFICE_SHARE = Decimal("96000.00")  # invented
AREA_SHARES = {"I": Decimal("0.5"), "II.1.2": Decimal("0.2"), "II.2": Decimal("0.3")}
# The district whose FB II.2 measure still has one condition open (FB-II.2-V6), and the one
# that plans qualification money in FB II.1.1 (taken from its FB I share, so the totals stay).
OPEN_CONDITION_DISTRICT = 1
QUALIFICATION_DISTRICT = 0
QUALIFICATION = Decimal("4000")
# District index → how far its FB III proposal got (None: no proposal).
FB3_PATHS = {
    0: [],
    1: ["submit"],
    2: ["submit", "vote_negative"],
    3: ["submit", "vote_positive"],
    4: ["submit", "vote_positive", "approve"],
    5: ["submit", "vote_positive", "approve_with_conditions"],
    6: ["submit", "vote_positive", "reject"],
    7: None,
}


def seed_funding(*, lks: User, coordinators: dict[str, User], this_year: int) -> None:
    if FundYear.objects.exists():
        return
    key = AllocationKey.objects.filter(is_assumption=True).first()
    districts = list(District.objects.order_by("ags"))
    for index, district in enumerate(districts):
        _fb3_measure(district, index, lks=lks, writer=coordinators[district.ags])
        _fb22_checks(district, index, by=coordinators[district.ags])
        if index == QUALIFICATION_DISTRICT:
            _qualification_measure(district)
    for year in range(2023, this_year + 1):
        fund_year = FundYear.objects.create(
            year=year,
            state_total=STATE_TOTAL,
            state_office_share=STATE_OFFICE_SHARE,
            application_due=datetime.date(year, 3, 31),
            interim_report_due=datetime.date(year, 9, 30),
            final_report_due=datetime.date(year + 1, 6, 30),
            measure_reports_due=datetime.date(year + 1, 3, 31),
            demo_values=True,
        )
        if key is not None:
            actions.adopt_allocation(fund_year, key, by=lks)
        for allocation in fund_year.allocations.select_related("district"):
            _plans(fund_year, allocation.district, allocation.amount, current=year == this_year)


def _plans(fund_year: FundYear, district: District, allocated: Decimal, *, current: bool) -> None:
    measures = list(Measure.objects.filter(district=district).select_related("funding_area"))
    qualifies = any(m.funding_area.code == "II.1.1" for m in measures)
    for measure in measures:
        if measure.funding_area.code == "II.1.1":
            MeasurePlan.objects.create(
                measure=measure,
                fund_year=fund_year,
                planned=QUALIFICATION,
                qualification=QUALIFICATION,
            )
            continue
        share = AREA_SHARES.get(measure.funding_area.code)
        if share is None:  # FB III: only the approved proposals get money, a little
            proposal = getattr(measure, "fb3_proposal", None)
            if proposal is None or not proposal.is_approved():
                continue
            share = Decimal("0.02")
        planned = (allocated * share).quantize(Decimal("1"), rounding=ROUND_DOWN)
        if qualifies and measure.funding_area.code == "I":
            planned -= QUALIFICATION
        plan = MeasurePlan.objects.create(
            measure=measure,
            fund_year=fund_year,
            planned=planned,
            co_funding=(planned * Decimal("0.1")).quantize(Decimal("1")),
        )
        if current:
            for period in ("q1", "q2", "q3"):
                Spending.objects.create(
                    plan=plan,
                    period=period,
                    amount=(planned * Decimal("0.24")).quantize(Decimal("0.01")),
                )
        else:
            Spending.objects.create(
                plan=plan,
                period="year",
                amount=(planned * Decimal("0.96")).quantize(Decimal("0.01")),
            )


def _fb3_measure(district: District, index: int, *, lks: User, writer: User) -> None:
    steps = FB3_PATHS.get(index)
    if steps is None:
        return
    edition = StateConcept.objects.current()
    measure = Measure.objects.create(
        district=district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code="III"),
        title="Digitale Elternsprechstunde (Erprobung)",
        description="Videoberatung für Familien in abgelegenen Gemeinden (Demo).",
        provider_name="Träger (Demo)",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        funding_share=100,
    )
    measure.serves.set(edition.items.filter(code__in=["FB-III-V1", "FB-III-V2"]))
    proposal = Fb3Proposal.objects.create(
        measure=measure,
        needs_analysis="Lange Wege: 40 % der Familien mit Kindern unter 3 wohnen mehr als 20 km vom nächsten Angebot (Demo).",
        goals="Familien in abgelegenen Gemeinden erreichen die Beratung ohne Anfahrt.",
        duration_months=24,
        budget=Decimal("48000.00"),
        evaluation_plan="Zahl der Beratungen, Zufriedenheit (anonyme Kurzbefragung), Vergleich mit Präsenzberatung.",
    )
    for step in steps:
        by = writer if step == "submit" else lks
        extra = {}
        if step in fb3.FEDERAL_STEPS:
            extra = {
                "decided_on": datetime.date(2025, 3, 1),
                "document": ContentFile(
                    b"Demo-Bescheid der Bundesstiftung", name="bescheid-demo.txt"
                ),
                "conditions": "Zwischenbericht nach 12 Monaten."
                if step == "approve_with_conditions"
                else "",
            }
        note = (
            "Bedarf gut belegt."
            if step == "vote_positive"
            else ("Bedarf nicht belegt." if step == "vote_negative" else "")
        )
        fb3.transition(proposal, step, by=by, note=note, **extra)


def _fb22_checks(district: District, index: int, *, by: User) -> None:
    """The coordinator's check of the district's FB II.2 measure (demo notes)."""
    measure = (
        Measure.objects.filter(district=district, funding_area__code="II.2")
        .select_related("funding_area")
        .first()
    )
    if measure is None:
        return
    verdicts = {}
    for item in fb22.conditions_of(measure):
        if index == OPEN_CONDITION_DISTRICT and item.code == "FB-II.2-V6":
            verdicts[item.pk] = (
                False,
                "Der Träger ist noch nicht Partner im Netzwerk; Beitritt ist angefragt (Demo).",
            )
        else:
            verdicts[item.pk] = (True, f"Im Netzwerktreffen geprüft: {item.title} (Demo).")
    actions.save_condition_checks(measure, verdicts, by=by)


def _qualification_measure(district: District) -> None:
    """FB II.1.1: a quality circle for family midwives, agreed beforehand (FB-II.1.1-E1)."""
    edition = StateConcept.objects.current()
    measure = Measure.objects.create(
        district=district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code="II.1.1"),
        title="Qualitätszirkel Familienhebammen und FGKiKP",
        description="Supervision und kollegiale Fallberatung für Familienhebammen (Demo).",
        provider_name="Träger (Demo)",
        starts_on=datetime.date(2023, 1, 1),
        funding_share=100,
        qualification_agreed_on=datetime.date(2022, 11, 15),
        qualification_agreed_with=(
            "Landesfachstelle Familienhebammen MV und Fachreferat des Sozialministeriums (Demo)"
        ),
    )
    measure.serves.set(edition.items.filter(code="FB-II.1.1-E1"))
