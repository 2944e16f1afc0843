"""Splitting a fund year's districts' part by an allocation key — exactly, step by step.

share(district) = Σ over components  weight / Σweights × value(district) / Σ value(all)

The base component counts 1 per district (an equal base amount). Statistic components
read one year for all districts: the component's year if every district has a figure for
it, else the newest year before it that every district has (the page says which year
was used). Districts are never compared across years: a key mixing 2020 for six
districts with 2022 for two would shift money by the year of the count, not the need. Amounts are whole euros found
by the largest-remainder method, so they add up exactly to the total; if the total
itself has cents, they go to the district with the largest remainder. All arithmetic is
in fractions and Decimal, never floating point.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from lotse.funding.models import AllocationComponent, AllocationKey
from lotse.regions.models import District, Statistic

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ComponentInput:
    component: AllocationComponent
    values: dict[int, Decimal]  # district id → value
    years_used: dict[int, int | None]
    year: int | None = None  # the one statistics year used for every district (None: base)
    reference_date: datetime.date | None = None  # the figures' common Stichtag, if recorded

    @property
    def total(self) -> Decimal:
        return sum(self.values.values(), Decimal(0))


@dataclass
class Row:
    district: District
    values: list[Decimal]
    years: list[int | None]
    shares: list[Fraction]  # the district's share within each component
    share: Fraction  # weighted overall share
    exact: Fraction  # euros before rounding
    amount: Decimal = Decimal(0)

    @property
    def cells(self) -> list[tuple[Decimal, int | None]]:
        """(value, statistics year used) per component, for the step-by-step table."""
        return list(zip(self.values, self.years, strict=True))

    @property
    def share_percent(self) -> Decimal:
        return (Decimal(self.share.numerator) / Decimal(self.share.denominator) * 100).quantize(
            Decimal("0.0001")
        )

    @property
    def exact_euro(self) -> Decimal:
        return (Decimal(self.exact.numerator) / Decimal(self.exact.denominator)).quantize(CENT)


@dataclass
class Result:
    key: AllocationKey
    total: Decimal
    components: list[ComponentInput]
    weights: list[Fraction]  # normalised
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def statistics(self) -> list[ComponentInput]:
        """The statistic components (not the base), each read in one year for all districts."""
        return [part for part in self.components if part.year is not None]

    def amounts(self) -> dict[int, Decimal]:
        return {row.district.pk: row.amount for row in self.rows}


def split_exactly(total: Decimal, shares: list[Fraction]) -> list[Decimal]:
    """Whole euros in proportion to `shares` (which sum to 1) that add up to `total`."""
    if total < 0:
        raise ValueError("negative total")
    if not shares:
        return []
    euros = int(total)  # total >= 0: truncation is floor
    cents = total - euros
    exact = [share * euros for share in shares]
    floors = [math.floor(value) for value in exact]
    leftover = euros - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    amounts = [Decimal(value) for value in floors]
    amounts[order[0]] += cents
    return amounts


def common_year(component: AllocationComponent, districts: list[District]) -> int | None:
    """The newest year up to the component's year with a figure for every district."""
    wanted = {d.pk for d in districts}
    by_year: dict[int, set[int]] = {}
    for year, district_id in Statistic.objects.filter(
        district__in=districts, kind=component.kind, year__lte=component.statistics_year
    ).values_list("year", "district_id"):
        by_year.setdefault(year, set()).add(district_id)
    complete = [year for year, present in by_year.items() if wanted <= present]
    return max(complete, default=None)


def _statistic_values(component: AllocationComponent, districts: list[District]):
    """(values, years used, the common year, its Stichtag if all figures share one) of one
    component; values are empty when no
    year up to the component's has a figure for every district."""
    if component.kind == AllocationComponent.BASE:
        return {d.pk: Decimal(1) for d in districts}, {d.pk: None for d in districts}, None, None
    year = common_year(component, districts)
    if year is None:
        return {}, {}, None, None
    rows = Statistic.objects.filter(district__in=districts, kind=component.kind, year=year)
    values, dates = {}, set()
    for district_id, value, reference_date in rows.values_list(
        "district_id", "value", "reference_date"
    ):
        values[district_id] = value
        dates.add(reference_date)
    reference_date = dates.pop() if len(dates) == 1 else None
    return values, {d.pk: year for d in districts}, year, reference_date


def _missing_in_year(component: AllocationComponent, districts: list[District]) -> list[str]:
    present = set(
        Statistic.objects.filter(
            district__in=districts, kind=component.kind, year=component.statistics_year
        ).values_list("district_id", flat=True)
    )
    return [d.name for d in districts if d.pk not in present]


def compute(key: AllocationKey, total: Decimal, districts: list[District] | None = None) -> Result:
    """The split of `total` by `key` with every intermediate step, or the problems."""
    districts = districts or list(District.objects.without_boundaries().order_by("ags"))
    components = list(key.components.all())
    result = Result(key=key, total=total, components=[], weights=[])
    if not components:
        result.problems.append(_("Der Schlüssel hat noch keine Bestandteile."))
        return result
    weight_sum = sum((Fraction(c.weight) for c in components), Fraction(0))
    result.weights = [Fraction(c.weight) / weight_sum for c in components]
    for component in components:
        values, years, year, reference_date = _statistic_values(component, districts)
        if component.kind != AllocationComponent.BASE and year is None:
            missing = _missing_in_year(component, districts)
            result.problems.append(
                _(
                    "%(kind)s: kein Jahr bis %(year)s liegt für alle Landkreise vor "
                    "(im Jahr %(year)s fehlt: %(districts)s)."
                )
                % {
                    "kind": component.get_kind_display(),
                    "year": component.statistics_year,
                    "districts": ", ".join(missing),
                }
            )
        result.components.append(ComponentInput(component, values, years, year, reference_date))
    if result.problems:
        return result
    for part in result.components:
        if part.total <= 0:
            result.problems.append(
                _("%(kind)s ist für alle Landkreise zusammen 0.")
                % {"kind": part.component.get_kind_display()}
            )
    if result.problems:
        return result
    for district in districts:
        shares = [
            Fraction(part.values[district.pk]) / Fraction(part.total) for part in result.components
        ]
        share = sum((w * s for w, s in zip(result.weights, shares, strict=True)), Fraction(0))
        result.rows.append(
            Row(
                district=district,
                values=[part.values[district.pk] for part in result.components],
                years=[part.years_used[district.pk] for part in result.components],
                shares=shares,
                share=share,
                exact=share * Fraction(total),
            )
        )
    for row, amount in zip(
        result.rows, split_exactly(total, [r.share for r in result.rows]), strict=True
    ):
        row.amount = amount
    return result
