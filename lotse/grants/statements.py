"""What the district's grant documents state, read from the records they are made of.

- The application: the district's regional concept of the edition in force and its review
  state, its measures with the year's plan (fund money, co-funding) per Förderbereich.
- The interim report and the Verwendungsnachweis: plan against actual spending per
  measure and Förderbereich, and against the grant of the notice.

A fixed number of queries, whatever the number of measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accountability.queries import MeasureYearState, year_states
from lotse.concept.models import StateConcept
from lotse.documents.models import Document
from lotse.funding import budgets
from lotse.funding.models import FundYear
from lotse.grants.models import GrantDocument, GrantProcedure
from lotse.organizations.models import Organization
from lotse.regions.models import District

ZERO = Decimal("0.00")
PERIODS = ("q1", "q2", "q3", "q4", "year")


@dataclass
class Line:
    """One measure of the year: plan and spending."""

    measure_id: int
    title: str
    provider: str
    serves: list[str]
    planned: Decimal
    co_funding: Decimal
    by_period: dict[str, Decimal]
    # The measure's Sachbericht of the year and the coordinator's check (Verwendungsnachweis).
    report: MeasureYearState | None = None

    @property
    def spent(self) -> Decimal:
        return sum(self.by_period.values(), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def report_state(self) -> str:
        """The Sachbericht's state, whether the check is complete, when it was accepted."""
        if self.report is None:
            return ""
        parts = [
            self.report.status_label,
            _("Prüfung vollständig") if self.report.check_complete else _("Prüfung offen"),
        ]
        if self.report.accepted_at:
            parts.append(
                _("angenommen am %(day)s")
                % {"day": timezone.localtime(self.report.accepted_at).strftime("%d.%m.%Y")}
            )
        return "; ".join(str(part) for part in parts)

    @property
    def periods(self) -> list[Decimal | None]:
        """Spending per quarter and for the whole year, in PERIODS order (None: not entered)."""
        return [self.by_period.get(name) for name in PERIODS]


@dataclass
class Area:
    """A Förderbereich with its measures of the year."""

    code: str
    label: str
    lines: list[Line] = field(default_factory=list)

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def co_funding(self) -> Decimal:
        return sum((line.co_funding for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class Statement:
    """A district's fund year as its grant documents show it."""

    district: District
    fund_year: FundYear
    concept: Document | None
    allocated: Decimal | None
    granted: Decimal | None
    areas: list[Area]
    warnings: list[str]

    @property
    def lines(self) -> list[Line]:
        return [line for area in self.areas for line in area.lines]

    @property
    def planned(self) -> Decimal:
        return sum((area.planned for area in self.areas), ZERO)

    @property
    def co_funding(self) -> Decimal:
        return sum((area.co_funding for area in self.areas), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((area.spent for area in self.areas), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def unspent(self) -> Decimal | None:
        """Granted but not spent: what the district pays back."""
        return None if self.granted is None else self.granted - self.spent

    @property
    def concept_accepted(self) -> bool:
        return self.concept is not None and self.concept.was_accepted()


def edition_in_force(fund_year: FundYear) -> StateConcept | None:
    """The Landeskonzept a fund year's application rests on: the newest public edition
    begun by then (between editions the last one stays in force)."""
    return (
        StateConcept.objects.public()
        .filter(valid_from__year__lte=fund_year.year)
        .order_by("-valid_from")
        .first()
    )


def concept_for(district: District, fund_year: FundYear) -> Document | None:
    """The district's regional concept of the edition in force in the fund year."""
    edition = edition_in_force(fund_year)
    if edition is None:
        return None
    return (
        Document.objects.filter(
            kind=Document.Kind.CONCEPT, district=district, state_concept=edition
        )
        .select_related("state_concept")
        .first()
    )


def statement(procedure: GrantProcedure, *, with_reports: bool = False) -> Statement:
    """The figures of a procedure's documents; `with_reports` adds each measure's
    Sachbericht and check (the Verwendungsnachweis shows them)."""
    district, fund_year = procedure.district, procedure.fund_year
    reports = year_states(district, fund_year.year) if with_reports else {}
    year = budgets.district_year(district, fund_year)
    providers = dict(
        Organization.objects.filter(
            pk__in={row.plan.measure.provider_id for row in year.plans} - {None}
        ).values_list("pk", "name")
    )
    areas = {row.code: Area(row.code, row.label) for row in year.areas}
    for row in year.plans:
        measure = row.plan.measure
        area = areas.setdefault(
            measure.funding_area.code, Area(measure.funding_area.code, measure.funding_area.label)
        )
        area.lines.append(
            Line(
                measure_id=measure.pk,
                title=measure.title,
                provider=providers.get(measure.provider_id, "") or measure.provider_name,
                serves=sorted(item.code for item in measure.serves.all()),
                planned=row.plan.planned,
                co_funding=row.plan.co_funding,
                by_period=row.by_period,
                report=reports.get(measure.pk),
            )
        )
    notice = (
        GrantDocument.objects.filter(
            procedure=procedure,
            kind=GrantDocument.Kind.GRANT_NOTICE,
            status=GrantDocument.Status.ISSUED,
        )
        .values_list("amount", flat=True)
        .first()
    )
    return Statement(
        district=district,
        fund_year=fund_year,
        concept=concept_for(district, fund_year),
        allocated=year.allocated,
        granted=notice,
        areas=list(areas.values()),
        warnings=year.warnings,
    )
