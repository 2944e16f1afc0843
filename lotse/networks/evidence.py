"""What a network's data shows as evidence for the minimum requirements and development
modules of Förderbereich I (FB-I-M1…M4, FB-I-E1…E11), and the sector coverage.

Plain functions over the stored data; the pages only display what these return.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks import key_figures
from lotse.networks.item_status import Assessment, assessments, edition_for_year, in_order
from lotse.networks.models import (
    HEALTH_SECTORS,
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
from lotse.networks.small_numbers import display


@dataclass(frozen=True)
class Coverage:
    """Active partners per sector of a network (or of several)."""

    counts: dict[str, int]

    @property
    def present(self) -> list[str]:
        return [sector for sector in Sector.values if self.counts.get(sector)]

    @property
    def missing(self) -> list[str]:
        return [sector for sector in Sector.values if not self.counts.get(sector)]

    @property
    def missing_labels(self) -> list[str]:
        return [str(Sector(sector).label) for sector in self.missing]

    def rows(self) -> list[tuple[str, str, int]]:
        return [(sector.value, sector.label, self.counts.get(sector.value, 0)) for sector in Sector]


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


def disagreement(evidence: Evidence | None, status: str) -> str:
    """The warning shown beside a status the records do not support: "erreicht" while
    the records the item rests on are empty. Empty when they agree."""
    if evidence is None or not evidence.missing or status != ItemStatus.Status.ACHIEVED:
        return ""
    return _("„erreicht“ passt nicht zu den Daten: %(missing)s.") % {"missing": evidence.missing}


def _meetings(network: Network, year: int, *kinds: str):
    return Meeting.objects.filter(
        Q(network=network) | Q(network__parent=network), starts_at__year=year, kind__in=kinds
    )


def _sectors_attending(meetings) -> set[str]:
    return set(Partner.objects.filter(attendances__in=meetings).values_list("sector", flat=True))


def evidence_for(network: Network, year: int) -> dict[str, Evidence]:
    """Evidence lines per item code for one year."""
    today = timezone.localdate()
    total_sectors = len(Sector.values)
    # The district's network answers for the district: its sectors are those of all its
    # networks on the year's reference date, as on every other page (key_figures.py).
    coverage = (
        sector_coverage([network])
        if network.is_sub_network
        else Coverage(key_figures.partners_by_sector([network.district], year)[network.district_id])
    )
    coordinations = Coordination.objects.filter(network=network).filter(
        Q(until__isnull=True) | Q(until__gte=datetime.date(year, 1, 1))
    )
    fte = coordinations.aggregate(total=Sum("fte"))["total"] or 0
    trainings = sum(c.trainings.count() for c in coordinations.prefetch_related("trainings"))
    standards = list(QualityStandard.objects.filter(network=network).current().standards())
    due = [s for s in standards if s.next_review_on and s.next_review_on <= today]
    network_meetings = _meetings(
        network, year, Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING
    )
    meeting_count = network_meetings.count()
    attending = _sectors_attending(network_meetings)
    qualification = _meetings(network, year, Meeting.Kind.QUALIFICATION)
    qualification_count = qualification.count()
    circles = _meetings(network, year, Meeting.Kind.QUALITY_CIRCLE)
    subs = list(network.sub_networks.select_related("social_area"))
    # Sub-networks with at least one written linking measure in force (FB-I-E3).
    linked = set(
        QualityStandard.objects.current()
        .linking_measures()
        .filter(network__in=subs)
        .values_list("network_id", flat=True)
    )
    health = [s for s in coverage.present if s in HEALTH_SECTORS]
    topics = ParentTopic.objects.filter(
        Q(network=network) | Q(network__parent=network), month__year=year
    )
    topic_count = topics.count()
    surveys = Survey.objects.filter(
        Q(network=network) | Q(network__parent=network),
        opens_on__year__lte=year,
        closes_on__year__gte=year,
    ).count()
    no_voices = (
        _("weder Themen aus der Elternschaft noch Befragungen %(year)s erfasst") % {"year": year}
        if not topic_count and not surveys
        else ""
    )
    topic_lines = [
        ngettext(
            "%(count)s Thema aus der Elternschaft %(year)s erfasst",
            "%(count)s Themen aus der Elternschaft %(year)s erfasst",
            topic_count,
        )
        % {"count": display(topic_count, sees_small_numbers=False), "year": year},
        ngettext(
            "%(count)s Befragung %(year)s",
            "%(count)s Befragungen %(year)s",
            surveys,
        )
        % {"count": surveys, "year": year},
    ]

    def lines(*items: str) -> list[str]:
        return [item for item in items if item]

    return {
        "FB-I-M1": Evidence(
            "FB-I-M1",
            lines(
                ngettext(
                    "%(count)s Person in der Koordination, zusammen %(fte)s VZÄ",
                    "%(count)s Personen in der Koordination, zusammen %(fte)s VZÄ",
                    coordinations.count(),
                )
                % {"count": coordinations.count(), "fte": f"{fte:.2f}".replace(".", ",")}
                if coordinations
                else _("Keine Koordination eingetragen."),
                ngettext(
                    "%(count)s Fortbildung eingetragen",
                    "%(count)s Fortbildungen eingetragen",
                    trainings,
                )
                % {"count": trainings},
            ),
            "" if coordinations else _("keine Koordination eingetragen"),
        ),
        "FB-I-M2": Evidence(
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
            "" if standards else _("kein Qualitätsstandard beschlossen"),
        ),
        "FB-I-M3": Evidence(
            "FB-I-M3",
            lines(
                ngettext(
                    "%(count)s Netzwerktreffen %(year)s",
                    "%(count)s Netzwerktreffen %(year)s",
                    meeting_count,
                )
                % {"count": meeting_count, "year": year},
                _("%(present)s von %(total)s Sektoren waren dabei")
                % {"present": len(attending), "total": total_sectors},
            ),
            ""
            if meeting_count
            else _("kein Netzwerktreffen im Jahr %(year)s erfasst") % {"year": year},
        ),
        "FB-I-M4": Evidence("FB-I-M4", topic_lines, no_voices),
        "FB-I-E10": Evidence("FB-I-E10", topic_lines, no_voices),
        "FB-I-E2": Evidence(
            "FB-I-E2",
            [
                ngettext("%(count)s Teilnetzwerk", "%(count)s Teilnetzwerke", len(subs))
                % {"count": len(subs)}
            ],
            "" if subs else _("kein Teilnetzwerk eingetragen"),
        ),
        "FB-I-E3": Evidence(
            "FB-I-E3",
            [
                _("%(with)s von %(total)s Teilnetzwerken mit schriftlich verbindenden Maßnahmen")
                % {"with": len(linked), "total": len(subs)}
            ]
            if subs
            else [_("Keine Teilnetzwerke.")],
            "" if linked else _("kein Teilnetzwerk mit schriftlich verbindenden Maßnahmen"),
        ),
        "FB-I-E5": Evidence(
            "FB-I-E5",
            [
                _("%(present)s von %(total)s Sektoren im Netzwerk")
                % {"present": len(coverage.present), "total": total_sectors},
            ],
        ),
        "FB-I-E6": Evidence(
            "FB-I-E6",
            [
                _("Gesundheitswesen: %(sectors)s")
                % {"sectors": ", ".join(str(Sector(s).label) for s in health)}
                if health
                else _("Kein Partner aus dem Gesundheitswesen.")
            ],
            "" if health else _("kein Partner aus dem Gesundheitswesen"),
        ),
        "FB-I-E7": Evidence(
            "FB-I-E7",
            [
                _("Öffentlicher Gesundheitsdienst ist Partner")
                if Sector.PUBLIC_HEALTH in coverage.present
                else _("Öffentlicher Gesundheitsdienst ist noch kein Partner.")
            ],
            ""
            if Sector.PUBLIC_HEALTH in coverage.present
            else _("der Öffentliche Gesundheitsdienst ist kein Partner"),
        ),
        "FB-I-E8": Evidence(
            "FB-I-E8",
            [
                ngettext(
                    "%(count)s Qualifizierung %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    "%(count)s Qualifizierungen %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    qualification_count,
                )
                % {
                    "count": qualification_count,
                    "year": year,
                    "sectors": len(_sectors_attending(qualification)),
                }
            ],
            ""
            if qualification_count
            else _("0 Qualifizierungen im Jahr %(year)s erfasst") % {"year": year},
        ),
        "FB-I-E9": Evidence(
            "FB-I-E9",
            [
                ngettext(
                    "%(count)s IQZ-Treffen %(year)s",
                    "%(count)s IQZ-Treffen %(year)s",
                    circles.count(),
                )
                % {"count": circles.count(), "year": year}
            ],
            ""
            if circles.exists()
            else _("kein IQZ-Treffen im Jahr %(year)s erfasst") % {"year": year},
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


def requirement_rows(network: Network, items, year: int) -> list[RequirementRow]:
    """Item, the records' evidence and the district's status in `year`, with history."""
    evidence = evidence_for(network, year)
    return [
        RequirementRow(a.item, evidence.get(a.item.code), a)
        for a in assessments(network.district, year, items)
    ]
