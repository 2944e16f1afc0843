"""A district's key figures: one definition, one query, one home for each.

Every page, PDF, export and concept placeholder that shows one of these figures reads it
here, so the network page, the workspace, the concept's `[[partner_gesamt]]`, the annual
report, the LKS's matrix, the indicators and the reports cannot disagree:

- `reference_date(year)`: the day a figure of a year counts on. The 31 December of a past
  year; today for this year (the year is not over yet). `as_of(year)` says it in words.
- `partner_counts(districts, year)`: active partners of **all** networks of the district
  (the main network and its sub-networks) on the reference date, each organisation once.
  Active on a day: joined on or before it (or no date known), not left on or before it.
- `partners_by_sector(districts, year)`: the same partners per sector in use (the sectors
  the LKS sets, `Sector`; a retired one is not counted); an organisation counts once per
  sector.
- `sub_network_counts(districts, year)`: sub-networks set up on or before the reference
  date.
- `current_coordinations(network, day)` and `coordinator_names(district, day)`: who
  coordinates the district's network (the `Coordination` records of the main network
  whose time covers the day). The workspace and the network page both name these people;
  a sign-in account with the coordinator's role is an access right, not this fact.
- `offer_counts(districts, year, topic_code)`: offers of the district parents could find
  on the reference date: for this year the directory as it is (active, approved, checked
  within the last twelve months), for a past year the listing history
  (`lotse.offers.listing_history`).

Each `*_counts` function answers for many districts in one query; the singular helpers
(`partner_count` …) are for a page about one district. Import from here (layer
`lotse.networks`), so everything from the networks upwards can use the figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.networks.models import Coordination, Network, Partner, Sector
from lotse.networks.sectors import sector_total
from lotse.offers import listing_history
from lotse.offers.models import Offer
from lotse.regions.models import District


def reference_date(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day the figures of `year` count on: 31 December, or today while the year runs."""
    today = today or timezone.localdate()
    return min(datetime.date(year, 12, 31), today)


def as_of(year: int) -> str:
    """ "am 31.12.2025": the reference date in words, for labels."""
    return _("am %(date)s") % {"date": date_format(reference_date(year), "d.m.Y")}


def partner_label(year: int) -> str:
    return _("aktive Partner aller Netzwerke des Landkreises %(as_of)s") % {"as_of": as_of(year)}


def sector_label(year: int) -> str:
    return _("vertretene Sektoren (von %(total)s) aller Netzwerke des Landkreises %(as_of)s") % {
        "total": sector_total(),
        "as_of": as_of(year),
    }


def sub_network_label(year: int) -> str:
    return _("Teilnetzwerke des Landkreises %(as_of)s") % {"as_of": as_of(year)}


def offer_label(year: int) -> str:
    return _("auffindbare Angebote des Landkreises %(as_of)s") % {"as_of": as_of(year)}


def _ids(districts: Iterable[District]) -> list[int]:
    return [district.pk for district in districts]


def active_partners_on(day: datetime.date) -> QuerySet[Partner]:
    """Partners in a network on `day`: joined by then (or no date known), not left."""
    return Partner.objects.filter(Q(since__isnull=True) | Q(since__lte=day)).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def partner_counts(districts: Iterable[District], year: int) -> dict[int, int]:
    """Active partners (organisations) of all networks per district id, on the reference
    date; 0 for a district without any."""
    ids = _ids(districts)
    counts = dict(
        active_partners_on(reference_date(year))
        .filter(network__district__in=ids)
        .values_list("network__district_id")
        .annotate(n=Count("organization", distinct=True))
        .order_by()
    )
    return {pk: counts.get(pk, 0) for pk in ids}


def partners_by_sector(districts: Iterable[District], year: int) -> dict[int, dict[str, int]]:
    """Active partners per sector (sector value → organisations) per district id."""
    ids = _ids(districts)
    result: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    rows = (
        active_partners_on(reference_date(year))
        .filter(network__district__in=ids, sector__in=Sector.objects.active().values("code"))
        .values_list("network__district_id", "sector")
        .annotate(n=Count("organization", distinct=True))
        .order_by()
    )
    for district_id, sector, count in rows:
        result[district_id][sector] = count
    return result


def sub_network_counts(districts: Iterable[District], year: int) -> dict[int, int]:
    """Sub-networks per district id that existed on the reference date."""
    ids = _ids(districts)
    day = reference_date(year)
    counts = dict(
        Network.objects.filter(district__in=ids, parent__isnull=False, created_at__date__lte=day)
        .values_list("district_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {pk: counts.get(pk, 0) for pk in ids}


def findable_offers(year: int) -> QuerySet[Offer]:
    """The offers parents could find on the reference date of `year`."""
    day = reference_date(year)
    if day == timezone.localdate():
        return Offer.objects.findable()
    return listing_history.findable_on(day)


def offer_counts(
    districts: Iterable[District], year: int, topic_code: str | None = None
) -> dict[int, int]:
    """Findable offers per district id (the district that looks after the offer) on the
    reference date, optionally only those on one topic."""
    ids = _ids(districts)
    offers = findable_offers(year).filter(district__in=ids)
    if topic_code:
        offers = offers.filter(topics__code=topic_code)
    counts = dict(
        offers.values_list("district_id").annotate(n=Count("id", distinct=True)).order_by()
    )
    return {pk: counts.get(pk, 0) for pk in ids}


def current_coordinations(
    network: Network, day: datetime.date | None = None
) -> QuerySet[Coordination]:
    """The network's coordination on `day` (default today): started by then (or no date
    known), not ended before it."""
    day = day or timezone.localdate()
    return (
        network.coordinations.filter(Q(since__isnull=True) | Q(since__lte=day))
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .order_by("-since", "person_name")
    )


def coordinator_names(district: District, day: datetime.date | None = None) -> list[str]:
    """Who coordinates the district's network on `day`: the people of the main network's
    current coordination (as the network page shows them)."""
    network = Network.objects.filter(district=district, parent=None).first()
    if network is None:
        return []
    return list(current_coordinations(network, day).values_list("person_name", flat=True))


def partner_count(district: District, year: int) -> int:
    return partner_counts([district], year)[district.pk]


def sub_network_count(district: District, year: int) -> int:
    return sub_network_counts([district], year)[district.pk]


def offer_count(district: District, year: int, topic_code: str | None = None) -> int:
    return offer_counts([district], year, topic_code)[district.pk]


def sector_count(district: District, year: int) -> int:
    """How many of the sectors in use the district's networks cover."""
    return sum(1 for count in partners_by_sector([district], year)[district.pk].values() if count)
