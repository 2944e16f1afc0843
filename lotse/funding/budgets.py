"""The money side read: a district's year (allocation, plan vs. actual per Förderbereich
and per measure, warnings) and the statewide overview over districts and years.
A fixed number of queries per page, whatever the number of measures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from lotse.concept.models import FundingArea
from lotse.core.money import euro
from lotse.funding import fb22
from lotse.funding.models import Allocation, Fb3Proposal, FundYear, MeasurePlan, Spending
from lotse.regions.models import District

ZERO = Decimal("0.00")


@dataclass
class PlanRow:
    plan: MeasurePlan
    spent: Decimal
    by_period: dict[str, Decimal]

    @property
    def remaining(self) -> Decimal:
        return self.plan.planned - self.spent


@dataclass
class AreaRow:
    code: str
    label: str
    planned: Decimal = ZERO
    co_funding: Decimal = ZERO
    spent: Decimal = ZERO
    share_of_plan: Decimal = ZERO  # percent of the district's planned fund money

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class DistrictYear:
    district: District
    fund_year: FundYear
    allocated: Decimal | None
    plans: list[PlanRow]
    areas: list[AreaRow]
    warnings: list[str] = field(default_factory=list)
    # FB II.2 measures whose conditions are not all confirmed: measure id → open codes
    open_conditions: dict[int, list[str]] = field(default_factory=dict)

    @property
    def planned(self) -> Decimal:
        return sum((row.planned for row in self.areas), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.areas), ZERO)

    @property
    def co_funding(self) -> Decimal:
        return sum((row.co_funding for row in self.areas), ZERO)

    @property
    def unplanned(self) -> Decimal | None:
        return None if self.allocated is None else self.allocated - self.planned

    @property
    def remaining(self) -> Decimal | None:
        return None if self.allocated is None else self.allocated - self.spent


def _funding_areas(fund_year: FundYear) -> list[FundingArea]:
    return list(
        FundingArea.objects.filter(kind=FundingArea.Kind.FUNDING_AREA)
        .filter(state_concept__valid_from__year__lte=fund_year.year)
        .order_by("-state_concept__valid_from", "position")
    )


def district_year(district: District, fund_year: FundYear) -> DistrictYear:
    allocation = Allocation.objects.filter(fund_year=fund_year, district=district).first()
    plans = list(
        MeasurePlan.objects.filter(fund_year=fund_year, measure__district=district)
        .select_related("measure__funding_area", "measure__district")
        .defer("measure__district__boundary")
        .prefetch_related("spendings", "measure__serves")
    )
    approved_fb3 = set(
        Fb3Proposal.objects.filter(
            measure__district=district, status__in=Fb3Proposal.APPROVED_STATUSES
        ).values_list("measure_id", flat=True)
    )
    rows = []
    for plan in plans:
        by_period = {s.period: s.amount for s in plan.spendings.all()}
        rows.append(PlanRow(plan, sum(by_period.values(), ZERO), by_period))
    areas: dict[str, AreaRow] = {}
    for area in _funding_areas(fund_year):
        areas.setdefault(area.code, AreaRow(area.code, area.label))
    for row in rows:
        area = row.plan.measure.funding_area
        target = areas.setdefault(area.code, AreaRow(area.code, area.label))
        target.planned += row.plan.planned
        target.co_funding += row.plan.co_funding
        target.spent += row.spent
    result = DistrictYear(
        district, fund_year, allocation.amount if allocation else None, rows, list(areas.values())
    )
    if result.planned:
        for area in result.areas:
            area.share_of_plan = (area.planned / result.planned * 100).quantize(Decimal("0.1"))
    result.open_conditions = fb22.open_codes_by_measure(row.plan.measure for row in rows)
    result.warnings = warnings(result, approved_fb3)
    return result


def warnings(year: DistrictYear, approved_fb3: set[int]) -> list[str]:
    """What a grants officer would flag: over-planning, rule breaches, overspending."""
    found = []
    if year.allocated is None:
        found.append(_("Für dieses Jahr ist noch kein Betrag zugewiesen."))
    elif year.planned > year.allocated:
        found.append(
            _("Die Planung (%(planned)s) übersteigt die Zuweisung (%(allocated)s) um %(excess)s.")
            % {
                "planned": euro(year.planned),
                "allocated": euro(year.allocated),
                "excess": euro(year.planned - year.allocated),
            }
        )
    for row in year.plans:
        measure = row.plan.measure
        if not measure.serves.all():
            found.append(
                _(
                    "„%(measure)s“ hat keinen Bezug zu einer Mindestanforderung oder einem Entwicklungsbaustein."
                )
                % {"measure": measure}
            )
        if (
            measure.funding_area.code == "III"
            and row.plan.planned
            and measure.pk not in approved_fb3
        ):
            found.append(
                _("„%(measure)s“ (FB III) ist nicht bewilligt und darf keine Mittel erhalten.")
                % {"measure": measure}
            )
        if measure.funding_area.code == "II.1.1":
            found += _fb_ii_1_1_warnings(row.plan)
        if measure.pk in year.open_conditions:
            found.append(
                _("„%(measure)s“ (FB II.2): Fördervoraussetzungen noch nicht bestätigt: %(codes)s.")
                % {"measure": measure, "codes": ", ".join(year.open_conditions[measure.pk])}
            )
        if row.spent > row.plan.planned:
            found.append(
                _("„%(measure)s“: ausgegeben (%(spent)s) mehr als geplant (%(planned)s).")
                % {"measure": measure, "spent": euro(row.spent), "planned": euro(row.plan.planned)}
            )
    return found


def _fb_ii_1_1_warnings(plan: MeasurePlan) -> list[str]:
    """In MV the state programme pays the family midwives and FGKiKP; the fund pays only
    their qualification, and that only after prior agreement with the Landesfachstelle and
    the ministry (FB-II.1.1-E1)."""
    found = []
    measure = plan.measure
    other = plan.planned - plan.qualification
    if other > 0:
        found.append(
            _(
                "„%(measure)s“: %(amount)s im Förderbereich II.1.1 sind nicht als Qualifizierung "
                "ausgewiesen; Einsätze der Familienhebammen und FGKiKP zahlt in MV das "
                "Landesprogramm."
            )
            % {"measure": measure, "amount": euro(other)}
        )
    if plan.qualification > 0 and not measure.qualification_agreed():
        found.append(
            _(
                "„%(measure)s“: %(amount)s für Qualifizierung geplant, aber keine Vorabsprache "
                "mit der Landesfachstelle Familienhebammen und dem Ministerium erfasst "
                "(FB-II.1.1-E1)."
            )
            % {"measure": measure, "amount": euro(plan.qualification)}
        )
    return found


@dataclass
class StateRow:
    district: District
    allocated: Decimal
    planned_by_area: dict[str, Decimal]
    spent_by_area: dict[str, Decimal]

    @property
    def planned(self) -> Decimal:
        return sum(self.planned_by_area.values(), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum(self.spent_by_area.values(), ZERO)


@dataclass
class StateOverview:
    """The fund of one year statewide: what the state distributed, what the districts
    planned and spent, per district and Förderbereich."""

    fund_year: FundYear
    codes: list[str]
    rows: list[StateRow]

    @property
    def distributed(self) -> Decimal:
        return sum((row.allocated for row in self.rows), ZERO)

    @property
    def planned(self) -> Decimal:
        return sum((row.planned for row in self.rows), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.rows), ZERO)

    @property
    def planned_by_area(self) -> dict[str, Decimal]:
        return {
            code: sum((r.planned_by_area[code] for r in self.rows), ZERO) for code in self.codes
        }

    @property
    def spent_by_area(self) -> dict[str, Decimal]:
        return {code: sum((r.spent_by_area[code] for r in self.rows), ZERO) for code in self.codes}

    @property
    def unplanned(self) -> Decimal:
        return self.distributed - self.planned

    @property
    def warnings(self) -> list[str]:
        found = []
        if not self.distributed:
            found.append(_("Für dieses Jahr ist noch nichts an die Landkreise verteilt."))
        elif self.planned > self.distributed:
            found.append(
                _(
                    "Die Landkreise planen %(planned)s, verteilt sind %(distributed)s: "
                    "%(excess)s mehr, als das Land verteilt hat."
                )
                % {
                    "planned": euro(self.planned),
                    "distributed": euro(self.distributed),
                    "excess": euro(self.planned - self.distributed),
                }
            )
        if self.spent > self.distributed:
            found.append(
                _("Ausgegeben sind %(spent)s, verteilt nur %(distributed)s.")
                % {"spent": euro(self.spent), "distributed": euro(self.distributed)}
            )
        over = [row.district.name for row in self.rows if row.planned > row.allocated]
        if over and self.distributed:
            found.append(
                _("Über ihrer Zuweisung planen: %(districts)s.") % {"districts": ", ".join(over)}
            )
        return found


def state_overview(fund_year: FundYear) -> StateOverview:
    """The statewide overview with its sums and warnings (four queries)."""
    codes, rows = statewide(fund_year)
    return StateOverview(fund_year, codes, rows)


def statewide(fund_year: FundYear) -> tuple[list[str], list[StateRow]]:
    """All districts side by side: allocation, planned and spent per Förderbereich."""
    codes = list(dict.fromkeys(a.code for a in _funding_areas(fund_year)))
    districts = list(District.objects.without_boundaries().order_by("ags"))
    allocated = dict(
        Allocation.objects.filter(fund_year=fund_year).values_list("district_id", "amount")
    )
    planned = defaultdict(lambda: defaultdict(lambda: ZERO))
    for district_id, code, total in (
        MeasurePlan.objects.filter(fund_year=fund_year)
        .values_list("measure__district_id", "measure__funding_area__code")
        .annotate(total=Sum("planned"))
    ):
        planned[district_id][code] += total
    spent = defaultdict(lambda: defaultdict(lambda: ZERO))
    for district_id, code, total in (
        Spending.objects.filter(plan__fund_year=fund_year)
        .values_list("plan__measure__district_id", "plan__measure__funding_area__code")
        .annotate(total=Sum("amount"))
    ):
        spent[district_id][code] += total
    rows = [
        StateRow(
            district,
            allocated.get(district.pk, ZERO),
            {code: planned[district.pk][code] for code in codes},
            {code: spent[district.pk][code] for code in codes},
        )
        for district in districts
    ]
    return codes, rows


@dataclass
class YearTotals:
    year: int
    state_total: Decimal
    allocated: Decimal
    planned: Decimal
    spent: Decimal
    demo_values: bool = False  # the fund year's amounts are demo values (FundYear.demo_values)


def over_the_years() -> list[YearTotals]:
    """Per fund year since the first: total, allocated, planned, spent (four queries)."""
    years = list(FundYear.objects.order_by("year"))
    allocated = dict(
        Allocation.objects.values_list("fund_year_id")
        .annotate(total=Sum("amount"))
        .values_list("fund_year_id", "total")
    )
    planned = dict(
        MeasurePlan.objects.values_list("fund_year_id")
        .annotate(total=Sum("planned"))
        .values_list("fund_year_id", "total")
    )
    spent = dict(
        Spending.objects.values_list("plan__fund_year_id")
        .annotate(total=Sum("amount"))
        .values_list("plan__fund_year_id", "total")
    )
    return [
        YearTotals(
            y.year,
            y.state_total,
            allocated.get(y.pk, ZERO),
            planned.get(y.pk, ZERO),
            spent.get(y.pk, ZERO),
            y.demo_values,
        )
        for y in years
    ]
