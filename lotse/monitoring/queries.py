"""Indicator values over the years: recorded values for past years, live for this year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from lotse.monitoring.formulas import SMALL_COUNTS, compute
from lotse.monitoring.models import Indicator, Target, Value
from lotse.networks.small_numbers import HIDDEN, suppress_row
from lotse.regions.models import District


@dataclass
class Series:
    """One indicator: years × districts (+ the state), with targets."""

    indicator: Indicator
    districts: list[District]
    years: list[int]
    values: dict[tuple[int | None, int], Decimal | None]  # (district id or None, year)
    targets: dict[tuple[int | None, int], Decimal]

    def suppressed(self, year: int) -> dict[int | None, str]:
        """A small count's year for everyone but the LKS: 1–4 as "< 5", with secondary
        suppression, since the state total beside the districts would give a single
        hidden district away (small_numbers.suppress_row; the state under None)."""
        counts = {
            str(d.pk): int(self.values[(d.pk, year)])
            for d in self.districts
            if self.values.get((d.pk, year)) is not None
        }
        shown = suppress_row(counts, show_total=True)
        result: dict[int | None, str] = {
            int(key): text for key, text in shown.items() if key != "total"
        }
        result[None] = shown["total"]
        return result

    def _hidden(self, district_id: int | None, year: int, sees_small_numbers: bool) -> bool:
        if sees_small_numbers or self.indicator.formula not in SMALL_COUNTS:
            return False
        return self.suppressed(year).get(district_id) == HIDDEN

    def shown(self, district_id: int | None, year: int, *, sees_small_numbers: bool) -> str:
        """The value as a page shows it; small counts hidden from all but the LKS."""
        value = self.values.get((district_id, year))
        if value is None:
            return "–"
        if self._hidden(district_id, year, sees_small_numbers):
            return HIDDEN
        return format_value(value)

    def exported(
        self, district_id: int | None, year: int, *, sees_small_numbers: bool
    ) -> Decimal | int | str:
        """The value for a file: a number stays a number (a spreadsheet can sum it), only a
        hidden small count stays text ("< 5"); no value is an empty cell."""
        value = self.values.get((district_id, year))
        if value is None:
            return ""
        if self._hidden(district_id, year, sees_small_numbers):
            return HIDDEN
        if self.indicator.formula in SMALL_COUNTS:
            return int(value)
        return value

    def latest(self, district_id: int | None) -> Decimal | None:
        return self.values.get((district_id, self.years[-1]))

    def trend(self, district_id: int | None) -> Decimal | None:
        first = next(
            (
                self.values.get((district_id, y))
                for y in self.years
                if self.values.get((district_id, y)) is not None
            ),
            None,
        )
        last = self.latest(district_id)
        if first is None or last is None:
            return None
        return last - first


def format_value(value: Decimal) -> str:
    from django.utils.formats import number_format

    digits = 0 if value == value.to_integral_value() else 1
    return number_format(value, decimal_pos=digits, force_grouping=True)


def series(indicator: Indicator, *, first_year: int | None = None) -> Series:
    this_year = timezone.localdate().year
    districts = list(District.objects.without_boundaries().order_by("ags"))
    recorded = list(Value.objects.filter(indicator=indicator, year__lt=this_year))
    years = sorted(
        {v.year for v in recorded if first_year is None or v.year >= first_year} | {this_year}
    )
    values = {(v.district_id, v.year): v.value for v in recorded}
    per_district, state = compute(indicator, this_year, districts)
    for district in districts:
        ratio = per_district.get(district.pk)
        values[(district.pk, this_year)] = ratio.value if ratio else None
    values[(None, this_year)] = state.value if state else None
    targets = {(t.district_id, t.year): t.value for t in Target.objects.filter(indicator=indicator)}
    return Series(indicator, districts, years, values, targets)


def record(year: int) -> int:
    """Keep this year's computed values (run at year end, or for a past year whose data is
    complete): the trend reads them later."""
    districts = list(District.objects.without_boundaries().order_by("ags"))
    stored = 0
    for indicator in Indicator.objects.all():
        per_district, state = compute(indicator, year, districts)
        for district in [*districts, None]:
            ratio = state if district is None else per_district.get(district.pk)
            Value.objects.update_or_create(
                indicator=indicator,
                district=district,
                year=year,
                defaults={
                    "value": ratio.value if ratio else None,
                    "numerator": ratio.numerator if ratio else None,
                    "denominator": ratio.denominator if ratio else None,
                },
            )
            stored += 1
    return stored
