"""How each indicator is computed, per district and year, from what Lotse records.

Every formula returns, per district, a numerator and (for rates) a denominator; the value
is numerator / denominator × scale. The state value sums numerators and denominators —
a rate over all of MV, not a mean of district rates. A fixed number of queries per
formula, whatever the number of districts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.funding.models import Spending
from lotse.monitoring import reach
from lotse.networks import key_figures
from lotse.networks.models import Meeting, ParentTopic, VolunteerService
from lotse.offers.models import Offer, UnmetSearch
from lotse.regions.models import District, Statistic


@dataclass(frozen=True)
class Ratio:
    numerator: Decimal
    denominator: Decimal | None = None
    scale: int = 1

    @property
    def value(self) -> Decimal | None:
        if self.denominator is None:
            return self.numerator
        if not self.denominator:
            return None
        return (self.numerator / self.denominator * self.scale).quantize(Decimal("0.001"))


def combined(ratios: list[Ratio]) -> Ratio | None:
    if not ratios:
        return None
    numerator = sum((r.numerator for r in ratios), Decimal(0))
    if ratios[0].denominator is None:
        return Ratio(numerator)
    return Ratio(numerator, sum((r.denominator or 0 for r in ratios), Decimal(0)), ratios[0].scale)


def children_under_3(districts, year: int) -> dict[int, Decimal]:
    """The newest district figure up to the year."""
    found = {}
    for statistic in Statistic.objects.filter(
        district__in=districts, kind=Statistic.Kind.CHILDREN_UNDER_3, year__lte=year
    ).order_by("district_id", "-year"):
        found.setdefault(statistic.district_id, statistic.value)
    return found


def offers_per_1000_children(indicator, year, districts):
    """Findable offers on the year's reference date (key_figures.offer_counts)."""
    counts = key_figures.offer_counts(districts, year, indicator.topic_code or None)
    children = children_under_3(districts, year)
    return {
        d.pk: Ratio(Decimal(counts[d.pk]), children.get(d.pk), 1000)
        for d in districts
        if d.pk in children
    }


def reach_share(indicator, year, districts):
    """The reach rule (reach.py) over the offers findable on the year's reference date."""
    places = reach.analyse(indicator.topic_code or None, on=key_figures.reference_date(year))
    by_district = defaultdict(list)
    for place in places:
        by_district[place.district_id].append(place)
    result = {}
    for district in districts:
        reached, total = reach.share_within(
            by_district.get(district.pk, []), indicator.radius_km or 10
        )
        result[district.pk] = Ratio(reached, total, 100)
    return result


def network_partners(indicator, year, districts):
    """Active partners of all networks of the district (key_figures.partner_counts)."""
    counts = key_figures.partner_counts(districts, year)
    return {d.pk: Ratio(Decimal(counts[d.pk])) for d in districts}


def network_sectors(indicator, year, districts):
    """Sectors the district's networks cover (key_figures.partners_by_sector)."""
    by_sector = key_figures.partners_by_sector(districts, year)
    return {d.pk: Ratio(Decimal(sum(1 for n in by_sector[d.pk].values() if n))) for d in districts}


def _network_meetings(year, districts):
    return Meeting.objects.filter(
        network__district__in=districts,
        starts_at__year=year,
        kind__in=[Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING],
    )


def network_meetings(indicator, year, districts):
    counts = dict(
        _network_meetings(year, districts)
        .values_list("network__district_id")
        .annotate(n=Count("id"))
    )
    return {d.pk: Ratio(Decimal(counts.get(d.pk, 0))) for d in districts}


def meeting_attendance(indicator, year, districts):
    # distinct counts per meeting, then summed per district
    per_meeting = (
        _network_meetings(year, districts)
        .annotate(
            invited_n=Count("invited", distinct=True), attended_n=Count("attended", distinct=True)
        )
        .values_list("network__district_id", "invited_n", "attended_n")
    )
    invited, attended = defaultdict(int), defaultdict(int)
    for district_id, invited_n, attended_n in per_meeting:
        invited[district_id] += invited_n
        attended[district_id] += attended_n
    return {
        d.pk: Ratio(Decimal(attended[d.pk]), Decimal(invited[d.pk]), 100)
        for d in districts
        if invited[d.pk]
    }


def verified_share(indicator, year, districts):
    """Today's share only: the history keeps when offers were findable, not every check,
    so a past year has no value rather than today's."""
    if key_figures.reference_date(year) < timezone.localdate():
        return {}
    listed = dict(
        Offer.objects.filter(status="active", approval="approved")
        .values_list("district_id")
        .annotate(n=Count("id"))
    )
    fresh = dict(Offer.objects.findable().values_list("district_id").annotate(n=Count("id")))
    return {
        d.pk: Ratio(Decimal(fresh.get(d.pk, 0)), Decimal(listed[d.pk]), 100)
        for d in districts
        if listed.get(d.pk)
    }


def unmet_searches(indicator, year, districts):
    counts = dict(
        UnmetSearch.objects.filter(day__year=year)
        .values_list("district_ags")
        .annotate(n=Sum("count"))
    )
    return {d.pk: Ratio(Decimal(counts.get(d.ags) or 0)) for d in districts}


def parent_topics(indicator, year, districts):
    counts = dict(
        ParentTopic.objects.filter(network__district__in=districts, month__year=year)
        .values_list("network__district_id")
        .annotate(n=Count("id"))
    )
    return {d.pk: Ratio(Decimal(counts.get(d.pk, 0))) for d in districts}


def volunteers(indicator, year, districts):
    """Active volunteers of the volunteer services. They keep only their current count, no
    history: a past year has no value here (PAST_YEARS_NOTES), only the one kept by its end."""
    if key_figures.reference_date(year) < timezone.localdate():
        return {}
    counts = dict(
        VolunteerService.objects.filter(network__district__in=districts)
        .values_list("network__district_id")
        .annotate(n=Sum("active_volunteers"))
    )
    return {d.pk: Ratio(Decimal(counts.get(d.pk) or 0)) for d in districts}


def spending_per_child(indicator, year, districts):
    spendings = Spending.objects.filter(plan__fund_year__year=year)
    if indicator.funding_area_code:
        spendings = spendings.filter(plan__measure__funding_area__code=indicator.funding_area_code)
    totals = dict(spendings.values_list("plan__measure__district_id").annotate(total=Sum("amount")))
    children = children_under_3(districts, year)
    return {
        d.pk: Ratio(totals.get(d.pk) or Decimal(0), children.get(d.pk))
        for d in districts
        if d.pk in children
    }


FORMULAS = {
    "offers_per_1000_children": (
        offers_per_1000_children,
        _(
            "auffindbare Angebote je 1.000 Kinder unter 3 (am 31.12. des Jahres, im laufenden Jahr heute)"
        ),
    ),
    "reach_share": (reach_share, _("Anteil der Kinder unter 3 im Umkreis eines Angebots")),
    "network_partners": (
        network_partners,
        _(
            "aktive Partner aller Netzwerke des Landkreises (am 31.12. des Jahres, im laufenden Jahr heute)"
        ),
    ),
    "network_sectors": (
        network_sectors,
        _("in den Netzwerken vertretene Sektoren (aus der Liste der LKS)"),
    ),
    "network_meetings": (network_meetings, _("Netzwerktreffen im Jahr")),
    "meeting_attendance": (meeting_attendance, _("Teilnahme an Netzwerktreffen")),
    "verified_share": (verified_share, _("Anteil geprüfter Angebote")),
    "unmet_searches": (unmet_searches, _("Suchen ohne Ergebnis")),
    "parent_topics": (parent_topics, _("Themen aus der Elternschaft")),
    "volunteers": (volunteers, _("aktive Ehrenamtliche")),
    "spending_per_child": (spending_per_child, _("Ausgaben je Kind unter 3")),
}
# Why a formula has no value for a past year: its records keep no history.
PAST_YEARS_NOTES = {
    "volunteers": _(
        "Die Ehrenamtsdienste erfassen nur die aktuelle Zahl der aktiven Ehrenamtlichen, keinen Verlauf. Ein vergangenes Jahr hat darum nur den Wert, der bis zu seinem 31.12. gespeichert wurde (manage.py record_indicators); sonst bleibt es leer."
    ),
}
# Counts of people's actions: 1–4 are shown as "< 5" (small_numbers, k = 5).
SMALL_COUNTS = {"unmet_searches", "parent_topics"}


def compute(
    indicator, year: int, districts: list[District] | None = None
) -> tuple[dict[int, Ratio], Ratio | None]:
    """Per district and for the state."""
    districts = districts or list(District.objects.without_boundaries().order_by("ags"))
    function, _label = FORMULAS[indicator.formula]
    per_district = function(indicator, year, districts)
    return per_district, combined(list(per_district.values()))
