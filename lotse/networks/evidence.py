"""What a network's data shows as evidence for the minimum requirements and development
modules of Förderbereich I (FB-I-M1…M4, FB-I-E1…E11), and the sector coverage.

Plain functions over the stored data; the pages only display what these return.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks import key_figures
from lotse.networks.item_status import Assessment, assessments, edition_for_year, in_order
from lotse.networks.models import (
    Coordination,
    ItemStatus,
    Meeting,
    Network,
    ParentTopic,
    Partner,
    QualityStandard,
    Sector,
    Survey,
)
from lotse.networks.sectors import active_sectors, health_care_codes
from lotse.networks.small_numbers import display
from lotse.regions.models import District


@dataclass(frozen=True)
class Coverage:
    """Active partners per sector of a network (or of several), over the sectors the LKS
    keeps in use (sectors.py); a retired sector does not count."""

    counts: dict[str, int]
    sectors: tuple[Sector, ...] = field(default_factory=lambda: tuple(active_sectors()))

    @property
    def present(self) -> list[str]:
        return [sector.code for sector in self.sectors if self.counts.get(sector.code)]

    @property
    def missing(self) -> list[str]:
        return [sector.code for sector in self.sectors if not self.counts.get(sector.code)]

    @property
    def missing_labels(self) -> list[str]:
        return [sector.name for sector in self.sectors if not self.counts.get(sector.code)]

    @property
    def total(self) -> int:
        return len(self.sectors)

    def rows(self) -> list[tuple[str, str, int]]:
        return [(s.code, s.name, self.counts.get(s.code, 0)) for s in self.sectors]


def sector_coverage(networks) -> Coverage:
    counts = Counter(
        Partner.objects.active().filter(network__in=networks).values_list("sector", flat=True)
    )
    return Coverage(dict(counts))


@dataclass(frozen=True)
class Evidence:
    """What the records show for one item. `missing` names what an "erreicht" would need
    but the records lack (empty when they support it or the item has no such record)."""

    code: str
    lines: list[str]
    missing: str = ""


def warning(missing: str, status: str) -> str:
    """The warning shown beside a status the records do not support: "erreicht" while
    the records the item rests on are empty (`missing` says which). Empty when they agree."""
    if not missing or status != ItemStatus.Status.ACHIEVED:
        return ""
    return _("„erreicht“ passt nicht zu den Daten: %(missing)s.") % {"missing": missing}


def disagreement(evidence: Evidence | None, status: str) -> str:
    """`warning` for one item's evidence (None: the item has no evidence)."""
    return warning(evidence.missing if evidence else "", status)


def _meetings(network: Network, year: int, *kinds: str):
    return Meeting.objects.filter(
        Q(network=network) | Q(network__parent=network), starts_at__year=year, kind__in=kinds
    )


def _sectors_attending(meetings) -> set[str]:
    return set(Partner.objects.filter(attendances__in=meetings).values_list("sector", flat=True))


@dataclass(frozen=True)
class Records:
    """What one network's records hold for a year, as far as the rules of FB I rest on
    it. A district's network counts its sub-networks' meetings, topics and surveys too."""

    coordinations: int = 0
    standards: int = 0
    network_meetings: int = 0
    qualifications: int = 0
    quality_circles: int = 0
    parent_topics: int = 0
    surveys: int = 0
    sub_networks: int = 0
    linked_sub_networks: int = 0
    sectors: frozenset[str] = frozenset()
    # Of those, the ones the LKS flags as health care (FB-I-E6).
    health_care_sectors: frozenset[str] = frozenset()


def _per_network(ids: set[int], rows) -> Counter:
    """Sum counts given per (network, its parent) onto every network of `ids` they belong
    to: a sub-network's record counts for itself and for its district's network."""
    totals: Counter = Counter()
    for network_id, parent_id, count in rows:
        for owner in {network_id, parent_id} & ids:
            totals[owner] += count
    return totals


def records_for(networks, year: int) -> dict[int, Records]:
    """Network id → its `Records` in `year`, for any number of networks in a fixed number
    of queries (the LKS's matrices ask for all districts at once)."""
    networks = list(networks)
    ids = {network.pk for network in networks}
    mine = Q(network__in=ids) | Q(network__parent__in=ids)
    pair = ("network_id", "network__parent_id")

    def counted(queryset, *group: str):
        return queryset.values_list(*group).annotate(n=Count("id")).order_by()

    coordinations = dict(
        counted(
            Coordination.objects.filter(network__in=ids).filter(
                Q(until__isnull=True) | Q(until__gte=datetime.date(year, 1, 1))
            ),
            "network_id",
        )
    )
    standards = dict(
        counted(QualityStandard.objects.filter(network__in=ids).current().standards(), "network_id")
    )
    meetings: dict[str, Counter] = {}
    by_kind: dict[str, list] = {}
    for network_id, parent_id, kind, count in counted(
        Meeting.objects.filter(mine, starts_at__year=year), *pair, "kind"
    ):
        by_kind.setdefault(kind, []).append((network_id, parent_id, count))
    for kind, rows in by_kind.items():
        meetings[kind] = _per_network(ids, rows)
    topics = _per_network(ids, counted(ParentTopic.objects.filter(mine, month__year=year), *pair))
    surveys = _per_network(
        ids,
        counted(
            Survey.objects.filter(mine, opens_on__year__lte=year, closes_on__year__gte=year),
            *pair,
        ),
    )
    subs = dict(counted(Network.objects.filter(parent__in=ids), "parent_id"))
    linked = Counter(
        parent_id
        for parent_id, _network_id in QualityStandard.objects.current()
        .linking_measures()
        .filter(network__parent__in=ids)
        .values_list("network__parent_id", "network_id")
        .distinct()
    )
    # A district's network answers for the district: its sectors are those of all its
    # networks on the year's reference date, as on every other page (key_figures.py); a
    # sub-network's are its own active partners'.
    mains = [network for network in networks if network.parent_id is None]
    district_sectors = key_figures.partners_by_sector(
        District.objects.filter(pk__in={network.district_id for network in mains}), year
    )
    sub_sectors: dict[int, set[str]] = {}
    sub_ids = [network.pk for network in networks if network.parent_id]
    for network_id, sector in (
        Partner.objects.active()
        .filter(network__in=sub_ids)
        .values_list("network_id", "sector")
        .distinct()
        if sub_ids
        else []
    ):
        sub_sectors.setdefault(network_id, set()).add(sector)

    health_care = health_care_codes()

    def sectors(network) -> frozenset[str]:
        if network.parent_id:
            return frozenset(sub_sectors.get(network.pk, ()))
        counts = district_sectors.get(network.district_id, {})
        return frozenset(sector for sector, count in counts.items() if count)

    def meetings_of(network_id: int, *kinds: str) -> int:
        return sum(meetings.get(kind, Counter())[network_id] for kind in kinds)

    return {
        network.pk: Records(
            coordinations=coordinations.get(network.pk, 0),
            standards=standards.get(network.pk, 0),
            network_meetings=meetings_of(
                network.pk, Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING
            ),
            qualifications=meetings_of(network.pk, Meeting.Kind.QUALIFICATION),
            quality_circles=meetings_of(network.pk, Meeting.Kind.QUALITY_CIRCLE),
            parent_topics=topics[network.pk],
            surveys=surveys[network.pk],
            sub_networks=subs.get(network.pk, 0),
            linked_sub_networks=linked[network.pk],
            sectors=sectors(network),
            health_care_sectors=sectors(network) & health_care,
        )
        for network in networks
    }


def missing(records: Records, year: int) -> dict[str, str]:
    """The rules: per item code, what an "erreicht" would need but the records lack
    (no entry when they support it or the item rests on no such record)."""
    rules = {
        "FB-I-M1": (records.coordinations, _("keine Koordination eingetragen")),
        "FB-I-M2": (records.standards, _("kein Qualitätsstandard beschlossen")),
        "FB-I-M3": (
            records.network_meetings,
            _("kein Netzwerktreffen im Jahr %(year)s erfasst") % {"year": year},
        ),
        "FB-I-E2": (records.sub_networks, _("kein Teilnetzwerk eingetragen")),
        "FB-I-E3": (
            records.linked_sub_networks,
            _("kein Teilnetzwerk mit schriftlich verbindenden Maßnahmen"),
        ),
        "FB-I-E6": (
            records.health_care_sectors,
            _("kein Partner aus dem Gesundheitswesen"),
        ),
        "FB-I-E7": (
            Sector.PUBLIC_HEALTH in records.sectors,
            _("der Öffentliche Gesundheitsdienst ist kein Partner"),
        ),
        "FB-I-E8": (
            records.qualifications,
            _("0 Qualifizierungen im Jahr %(year)s erfasst") % {"year": year},
        ),
        "FB-I-E9": (
            records.quality_circles,
            _("kein IQZ-Treffen im Jahr %(year)s erfasst") % {"year": year},
        ),
    }
    voices = records.parent_topics or records.surveys
    no_voices = _("weder Themen aus der Elternschaft noch Befragungen %(year)s erfasst") % {
        "year": year
    }
    rules["FB-I-M4"] = rules["FB-I-E10"] = (voices, no_voices)
    return {code: text for code, (found, text) in rules.items() if not found}


def matrix_warnings(networks, items, cells, year: int) -> dict[tuple[int, int], str]:
    """(district id, item id) → the warning beside a district's "erreicht" its network's
    records do not support, for the LKS's matrices (`cells`: `item_status.status_cells`)."""
    records = records_for(networks, year)
    found: dict[tuple[int, int], str] = {}
    for network in networks:
        lacking = missing(records[network.pk], year)
        for item in items:
            cell = cells.get((network.district_id, item.pk))
            text = warning(lacking.get(item.code, ""), cell.value) if cell else ""
            if text:
                found[(network.district_id, item.pk)] = text
    return found


def evidence_for(
    network: Network, year: int, *, sees_small_numbers: bool = False
) -> dict[str, Evidence]:
    """Evidence lines per item code for one year; what is missing by the rules of
    `missing`, the same the LKS's matrices warn about. Counts about families (the parents'
    topics) of 1–4 read "< 5" unless the viewer `sees_small_numbers` (small_numbers.py)."""
    today = timezone.localdate()
    in_use = active_sectors()
    total_sectors = len(in_use)
    records = records_for([network], year)[network.pk]
    lacking = missing(records, year)
    coordinations = Coordination.objects.filter(network=network).filter(
        Q(until__isnull=True) | Q(until__gte=datetime.date(year, 1, 1))
    )
    fte = coordinations.aggregate(total=Sum("fte"))["total"] or 0
    trainings = sum(c.trainings.count() for c in coordinations.prefetch_related("trainings"))
    standards = list(QualityStandard.objects.filter(network=network).current().standards())
    due = [s for s in standards if s.next_review_on and s.next_review_on <= today]
    attending = _sectors_attending(
        _meetings(network, year, Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING)
    )
    qualification = _meetings(network, year, Meeting.Kind.QUALIFICATION)
    present = [sector.code for sector in in_use if sector.code in records.sectors]
    # FB-I-E6: the sectors the LKS flags as health care.
    health = [s.name for s in in_use if s.is_health_care and s.code in records.sectors]
    topic_lines = [
        ngettext(
            "%(count)s Thema aus der Elternschaft %(year)s erfasst",
            "%(count)s Themen aus der Elternschaft %(year)s erfasst",
            records.parent_topics,
        )
        % {
            "count": display(records.parent_topics, sees_small_numbers=sees_small_numbers),
            "year": year,
        },
        ngettext(
            "%(count)s Befragung %(year)s",
            "%(count)s Befragungen %(year)s",
            records.surveys,
        )
        % {"count": records.surveys, "year": year},
    ]

    def lines(*items: str) -> list[str]:
        return [item for item in items if item]

    def evidence(code: str, shown: list[str]) -> Evidence:
        return Evidence(code, shown, lacking.get(code, ""))

    return {
        "FB-I-M1": evidence(
            "FB-I-M1",
            lines(
                ngettext(
                    "%(count)s Person in der Koordination, zusammen %(fte)s VZÄ",
                    "%(count)s Personen in der Koordination, zusammen %(fte)s VZÄ",
                    records.coordinations,
                )
                % {"count": records.coordinations, "fte": f"{fte:.2f}".replace(".", ",")}
                if records.coordinations
                else _("Keine Koordination eingetragen."),
                ngettext(
                    "%(count)s Fortbildung eingetragen",
                    "%(count)s Fortbildungen eingetragen",
                    trainings,
                )
                % {"count": trainings},
            ),
        ),
        "FB-I-M2": evidence(
            "FB-I-M2",
            lines(
                ngettext(
                    "%(count)s Qualitätsstandard beschlossen",
                    "%(count)s Qualitätsstandards beschlossen",
                    len(standards),
                )
                % {"count": len(standards)},
                _("zuletzt am %(date)s") % {"date": standards[0].adopted_on.strftime("%m/%Y")}
                if standards
                else "",
                ngettext(
                    "%(count)s Überprüfung fällig",
                    "%(count)s Überprüfungen fällig",
                    len(due),
                )
                % {"count": len(due)}
                if due
                else "",
            ),
        ),
        "FB-I-M3": evidence(
            "FB-I-M3",
            lines(
                ngettext(
                    "%(count)s Netzwerktreffen %(year)s",
                    "%(count)s Netzwerktreffen %(year)s",
                    records.network_meetings,
                )
                % {"count": records.network_meetings, "year": year},
                _("%(present)s von %(total)s Sektoren waren dabei")
                % {"present": len(attending), "total": total_sectors},
            ),
        ),
        "FB-I-M4": evidence("FB-I-M4", topic_lines),
        "FB-I-E10": evidence("FB-I-E10", topic_lines),
        "FB-I-E2": evidence(
            "FB-I-E2",
            [
                ngettext("%(count)s Teilnetzwerk", "%(count)s Teilnetzwerke", records.sub_networks)
                % {"count": records.sub_networks}
            ],
        ),
        "FB-I-E3": evidence(
            "FB-I-E3",
            [
                _("%(with)s von %(total)s Teilnetzwerken mit schriftlich verbindenden Maßnahmen")
                % {"with": records.linked_sub_networks, "total": records.sub_networks}
            ]
            if records.sub_networks
            else [_("Keine Teilnetzwerke.")],
        ),
        "FB-I-E5": evidence(
            "FB-I-E5",
            [
                _("%(present)s von %(total)s Sektoren im Netzwerk")
                % {"present": len(present), "total": total_sectors},
            ],
        ),
        "FB-I-E6": evidence(
            "FB-I-E6",
            [
                _("Gesundheitswesen: %(sectors)s") % {"sectors": ", ".join(health)}
                if health
                else _("Kein Partner aus dem Gesundheitswesen.")
            ],
        ),
        "FB-I-E7": evidence(
            "FB-I-E7",
            [
                _("Öffentlicher Gesundheitsdienst ist Partner")
                if Sector.PUBLIC_HEALTH in records.sectors
                else _("Öffentlicher Gesundheitsdienst ist noch kein Partner.")
            ],
        ),
        "FB-I-E8": evidence(
            "FB-I-E8",
            [
                ngettext(
                    "%(count)s Qualifizierung %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    "%(count)s Qualifizierungen %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    records.qualifications,
                )
                % {
                    "count": records.qualifications,
                    "year": year,
                    "sectors": len(_sectors_attending(qualification)),
                }
            ],
        ),
        "FB-I-E9": evidence(
            "FB-I-E9",
            [
                ngettext(
                    "%(count)s IQZ-Treffen %(year)s",
                    "%(count)s IQZ-Treffen %(year)s",
                    records.quality_circles,
                )
                % {"count": records.quality_circles, "year": year}
            ],
        ),
    }


def requirement_items(year: int | None = None):
    """FB I's minimum requirements and development modules (Muss first) of the
    Landeskonzept for `year` (the one in force when no year is given)."""
    edition = edition_for_year(year) if year else StateConcept.objects.current()
    return list(
        in_order(
            StateConceptItem.objects.filter(
                state_concept=edition,
                funding_area__code="I",
                kind__in=["minimum_requirement", "development_module"],
            ).select_related("funding_area")
        )
    )


def volunteer_requirement_items():
    """The minimum requirements of FB II.1.2 in the Landeskonzept in force."""
    return list(
        StateConceptItem.objects.filter(
            state_concept=StateConcept.objects.current(),
            funding_area__code="II.1.2",
            kind="minimum_requirement",
        ).order_by("position")
    )


def volunteer_service_facts(service) -> list[str]:
    """What the data itself shows for a volunteer service (beside the coordinator's check)."""
    is_partner = (
        Partner.objects.active()
        .filter(
            network__in=[
                service.network_id,
                *service.network.sub_networks.values_list("pk", flat=True),
            ],
            organization=service.provider_id,
        )
        .exists()
    )
    return [
        _("Der Träger ist Partner im Netzwerk.")
        if is_partner
        else _("Der Träger ist noch kein Partner im Netzwerk."),
        _("Hauptamtliche Begleitung: %(name)s") % {"name": service.guide_name}
        if service.guide_name
        else _("Keine hauptamtliche Begleitung eingetragen."),
    ]


@dataclass(frozen=True)
class RequirementRow:
    """One item on the requirements page and its PDF."""

    item: StateConceptItem
    evidence: Evidence | None
    assessment: Assessment

    @property
    def disagreement(self) -> str:
        return disagreement(self.evidence, self.assessment.value)


def requirement_rows(
    network: Network, items, year: int, *, sees_small_numbers: bool = False
) -> list[RequirementRow]:
    """Item, the records' evidence and the district's status in `year`, with history."""
    evidence = evidence_for(network, year, sees_small_numbers=sees_small_numbers)
    return [
        RequirementRow(a.item, evidence.get(a.item.code), a)
        for a in assessments(network.district, year, items)
    ]
