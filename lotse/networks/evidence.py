"""What a network's data shows as evidence for the minimum requirements and development
modules of Förderbereich I (FB-I-M1…M4, FB-I-E1…E11), and the sector coverage.

Plain functions over the stored data; the pages only display what these return.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks.models import (
    HEALTH_SECTORS,
    Coordination,
    Meeting,
    Network,
    ParentTopic,
    Partner,
    QualityStandard,
    Sector,
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


def coverage_by_network(networks) -> dict[int, Coverage]:
    """One query for many networks (the LKS matrix)."""
    rows = (
        Partner.objects.active()
        .filter(network__in=networks)
        .values("network_id", "sector")
        .annotate(count=Count("id"))
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["network_id"], {})[row["sector"]] = row["count"]
    return {network_id: Coverage(counts) for network_id, counts in result.items()}


@dataclass(frozen=True)
class Evidence:
    code: str
    lines: list[str]


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
    coverage = sector_coverage([network])
    coordinations = Coordination.objects.filter(network=network).filter(
        Q(until__isnull=True) | Q(until__gte=datetime.date(year, 1, 1))
    )
    fte = coordinations.aggregate(total=Sum("fte"))["total"] or 0
    trainings = sum(c.trainings.count() for c in coordinations.prefetch_related("trainings"))
    standards = list(QualityStandard.objects.filter(network=network))
    due = [s for s in standards if s.next_review_on and s.next_review_on <= today]
    network_meetings = _meetings(
        network, year, Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING
    )
    meeting_count = network_meetings.count()
    attending = _sectors_attending(network_meetings)
    qualification = _meetings(network, year, Meeting.Kind.QUALIFICATION)
    circles = _meetings(network, year, Meeting.Kind.QUALITY_CIRCLE)
    subs = list(network.sub_networks.select_related("social_area"))
    health = [s for s in coverage.present if s in HEALTH_SECTORS]
    topics = ParentTopic.objects.filter(
        Q(network=network) | Q(network__parent=network), month__year=year
    )
    topic_count = topics.count()
    topic_lines = [
        ngettext(
            "%(count)s Thema aus der Elternschaft %(year)s erfasst",
            "%(count)s Themen aus der Elternschaft %(year)s erfasst",
            topic_count,
        )
        % {"count": display(topic_count, sees_small_numbers=False), "year": year},
        _("Befragungen folgen."),
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
        ),
        "FB-I-M4": Evidence("FB-I-M4", topic_lines),
        "FB-I-E10": Evidence("FB-I-E10", topic_lines),
        "FB-I-E2": Evidence(
            "FB-I-E2",
            [
                ngettext("%(count)s Teilnetzwerk", "%(count)s Teilnetzwerke", len(subs))
                % {"count": len(subs)}
            ],
        ),
        "FB-I-E3": Evidence(
            "FB-I-E3",
            [
                _("%(with)s von %(total)s Teilnetzwerken mit schriftlich verbindenden Maßnahmen")
                % {"with": sum(1 for s in subs if s.linking_measures.strip()), "total": len(subs)}
            ]
            if subs
            else [_("Keine Teilnetzwerke.")],
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
        ),
        "FB-I-E7": Evidence(
            "FB-I-E7",
            [
                _("Öffentlicher Gesundheitsdienst ist Partner")
                if Sector.PUBLIC_HEALTH in coverage.present
                else _("Öffentlicher Gesundheitsdienst ist noch kein Partner.")
            ],
        ),
        "FB-I-E8": Evidence(
            "FB-I-E8",
            [
                ngettext(
                    "%(count)s Qualifizierung %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    "%(count)s Qualifizierungen %(year)s, Teilnehmende aus %(sectors)s Sektoren",
                    qualification.count(),
                )
                % {
                    "count": qualification.count(),
                    "year": year,
                    "sectors": len(_sectors_attending(qualification)),
                }
            ],
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
        ),
    }


def requirement_items():
    """FB I's minimum requirements and development modules of the Landeskonzept in force."""
    return list(
        StateConceptItem.objects.filter(
            state_concept=StateConcept.objects.current(),
            funding_area__code="I",
            kind__in=["minimum_requirement", "development_module"],
        ).order_by("kind", "position")
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


def requirement_rows(network: Network, items, year: int):
    """(item, evidence, status) for the requirements page and its PDF."""
    statuses = {s.item_code: s for s in network.requirement_statuses.select_related("set_by")}
    evidence = evidence_for(network, year)
    return [(item, evidence.get(item.code), statuses.get(item.code)) for item in items]
