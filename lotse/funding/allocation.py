"""Splitting a fund year's districts' part by an allocation key — exactly, step by step.

share(district) = Σ over components  weight / Σweights × value(district) / Σ value(all)

The base component counts 1 per district (an equal base amount). Statistic components
read the district statistic of the component's year, or the newest year before it when
that year is missing (the page says which year was used). Amounts are whole euros found
by the largest-remainder method, so they add up exactly to the total; if the total
itself has cents, they go to the district with the largest remainder. All arithmetic is
in fractions and Decimal, never floating point.
"""

from __future__ import annotations

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


def _statistic_values(component: AllocationComponent, districts: list[District]):
    values: dict[int, Decimal] = {}
    years: dict[int, int | None] = {}
    if component.kind == AllocationComponent.BASE:
        return {d.pk: Decimal(1) for d in districts}, {d.pk: None for d in districts}
    rows = Statistic.objects.filter(
        district__in=districts, kind=component.kind, year__lte=component.statistics_year
    ).order_by("district_id", "-year")
    for statistic in rows:
        if statistic.district_id not in values:
            values[statistic.district_id] = statistic.value
            years[statistic.district_id] = statistic.year
    return values, years


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
        values, years = _statistic_values(component, districts)
        missing = [d.name for d in districts if d.pk not in values]
        if missing:
            result.problems.append(
                _("%(kind)s (bis %(year)s) fehlt für: %(districts)s.")
                % {
                    "kind": component.get_kind_display(),
                    "year": component.statistics_year,
                    "districts": ", ".join(missing),
                }
            )
        result.components.append(ComponentInput(component, values, years))
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
