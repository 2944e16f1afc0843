"""Unmet demand on the map: the anonymous zero-result searches of the offer finder over
the last twelve months, by municipality (a postcode counts for the first municipality it
covers), topic and age band. Cells under 5 are suppressed (k = 5) for everyone but the
LKS, who sees them as they are (lotse.networks.small_numbers)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from lotse.networks.small_numbers import is_small
from lotse.offers.models import UnmetSearch
from lotse.regions.models import Postcode


@dataclass(frozen=True)
class Demand:
    by_municipality: dict[str, int]  # suppressed cells left out
    by_topic_and_age: list[tuple[str, str, int]]  # suppressed cells left out
    suppressed: int  # how many cells were held back


def unmet_demand(today: datetime.date, *, sees_small_numbers: bool = False) -> Demand:
    rows = list(
        UnmetSearch.objects.filter(day__gt=today - datetime.timedelta(days=365)).values_list(
            "postcode", "municipality_ags", "topic", "age_band", "count"
        )
    )
    postcodes = {row[0] for row in rows if row[0]}
    municipality_of = {}
    for postcode in Postcode.objects.filter(code__in=postcodes).prefetch_related("municipalities"):
        first = min(postcode.municipalities.all(), key=lambda m: m.ags, default=None)
        if first:
            municipality_of[postcode.code] = first.ags
    places, cells = Counter(), Counter()
    for postcode, municipality_ags, topic, band, count in rows:
        ags = municipality_ags or municipality_of.get(postcode, "")
        if ags:
            places[ags] += count
        cells[(topic, band)] += count

    def shown(count: int) -> bool:
        return sees_small_numbers or not is_small(count)

    shown_places = {ags: n for ags, n in places.items() if shown(n)}
    shown_cells = sorted(
        ((t, b, n) for (t, b), n in cells.items() if shown(n)), key=lambda c: -c[2]
    )
    suppressed = (len(places) - len(shown_places)) + (len(cells) - len(shown_cells))
    return Demand(shown_places, shown_cells, suppressed)
