"""Demo only: thinly served districts, so the reach analysis has white spots to show.

The generator lets half of its outreach offers cover a whole district. An outreach offer
reaches every place it covers (lotse/monitoring/reach.py), so with a few of them in every
district each municipality counts as reached and every reach indicator is 100. In the
rural districts named here the outreach offers of the demo serve only one municipality
each, as a small provider's home visits would; their far corners become white spots.
Invented, like the offers themselves.
"""

from __future__ import annotations

import random

from lotse.offers import search_index
from lotse.offers.models import ServiceArea
from lotse.regions.models import Municipality

THINLY_SERVED = ("13071", "13076")  # Mecklenburgische Seenplatte, Ludwigslust-Parchim


def narrow_the_outreach(district_ags: tuple[str, ...] = THINLY_SERVED, *, seed: int = 13) -> None:
    """District-wide service areas in these districts become one municipality each."""
    rng = random.Random(seed)
    changed = []
    for ags in district_ags:
        municipalities = list(
            Municipality.objects.filter(district__ags=ags)
            .order_by("ags")
            .values_list("ags", "name")
        )
        if not municipalities:
            continue
        for area in ServiceArea.objects.filter(ags=ags).order_by("pk"):
            area.ags, area.name = rng.choice(municipalities)
            area.save(update_fields=["ags", "name"])
            changed.append(area.offer_id)
    if changed:
        search_index.refresh(changed)
