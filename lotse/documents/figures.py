"""Numbers a concept or report cites live from the system.

A coordinator writes `[[kinder_unter_3]]` or `[[tabelle:partner_nach_sektor]]` in a text;
the page shows today's value, a submitted version keeps the value it had then. The
figures come from the district's statistics, its network and its offers — never typed
twice. Partners, sub-networks and offers are the district's key figures
(lotse/networks/key_figures.py) on the year's reference date, as on every other page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lotse.networks import key_figures
from lotse.networks.models import Meeting, Network, ParentTopic, Sector, VolunteerService
from lotse.networks.small_numbers import display
from lotse.offers.models import Topic
from lotse.regions.models import District, Statistic
from lotse.regions.queries import latest_statistics


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: str


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str


@dataclass
class Figures:
    """All figures of one district and year, by the name used in texts."""

    values: dict[str, Figure] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "values": {key: vars(figure) for key, figure in self.values.items()},
            "tables": {
                key: {
                    "caption": table.caption,
                    "headers": list(table.headers),
                    "rows": [list(row) for row in table.rows],
                    "source": table.source,
                }
                for key, table in self.tables.items()
            },
        }


STATISTIC_NAMES = {
    Statistic.Kind.CHILDREN_UNDER_3: "kinder_unter_3",
    Statistic.Kind.BIRTHS: "geburten",
    Statistic.Kind.SGB2_CHILDREN_UNDER_3: "sgb2_kinder_unter_3",
    Statistic.Kind.POPULATION: "einwohner",
    Statistic.Kind.AREA_KM2: "flaeche_km2",
}


def _number(value) -> str:
    if hasattr(value, "normalize") and value == value.to_integral_value():
        value = int(value)
    return number_format(value, force_grouping=True)


def district_figures(district: District, year: int, *, sees_small_numbers: bool = False) -> Figures:
    """The figures of a district for a report year (network activity of that year).
    Counts about families (the parents' topics) of 1–4 read "< 5" unless the viewer
    `sees_small_numbers` (the LKS, small_numbers.py); a stored version keeps "< 5"."""
    figures = Figures()
    statistics = latest_statistics([district]).get(district.pk, {})
    for kind, name in STATISTIC_NAMES.items():
        statistic = statistics.get(kind)
        if statistic is None:
            continue
        source = f"{statistic.source}, {statistic.year}"
        if statistic.is_invented:
            source += " – " + _("erfundener Demowert")
        figures.values[name] = Figure(
            f"{statistic.get_kind_display()} ({statistic.year})", _number(statistic.value), source
        )

    networks = Network.objects.filter(district=district)
    # Partners, sub-networks and offers: the one definition of each (key_figures.py), on
    # the year's reference date (31.12., or today while the year runs).
    by_sector = key_figures.partners_by_sector([district], year)[district.pk]
    lotse = _("Lotse, Netzwerkdaten")
    figures.values["partner_gesamt"] = Figure(
        key_figures.partner_label(year),
        _number(key_figures.partner_count(district, year)),
        lotse,
    )
    figures.values["teilnetzwerke"] = Figure(
        key_figures.sub_network_label(year),
        _number(key_figures.sub_network_count(district, year)),
        lotse,
    )
    figures.tables["partner_nach_sektor"] = Table(
        _("Netzwerkpartner nach Sektor %(as_of)s") % {"as_of": key_figures.as_of(year)},
        (_("Sektor"), _("Partner")),
        tuple(
            (sector.name, _number(by_sector[sector.code]))
            for sector in Sector.objects.active()
            if sector.code in by_sector
        ),
        lotse,
    )
    meetings = Meeting.objects.filter(network__in=networks, starts_at__year=year)
    network_meetings = meetings.filter(
        kind__in=[Meeting.Kind.NETWORK_MEETING, Meeting.Kind.SUB_NETWORK_MEETING]
    ).annotate(
        invited_count=Count("invited", distinct=True),
        attended_count=Count("attended", distinct=True),
    )
    invited = sum(m.invited_count for m in network_meetings)
    attended = sum(m.attended_count for m in network_meetings)
    figures.values["netzwerktreffen"] = Figure(
        _("Netzwerktreffen %(year)s") % {"year": year}, _number(len(network_meetings)), lotse
    )
    figures.values["teilnahmequote"] = Figure(
        _("Teilnahme an Netzwerktreffen %(year)s (anwesend je eingeladen)") % {"year": year},
        f"{round(100 * attended / invited)} %" if invited else "–",
        lotse,
    )
    figures.values["qualitaetszirkel"] = Figure(
        _("Qualitätszirkel (IQZ) %(year)s") % {"year": year},
        _number(meetings.filter(kind=Meeting.Kind.QUALITY_CIRCLE).count()),
        lotse,
    )
    topic_count = ParentTopic.objects.filter(network__in=networks, month__year=year).count()
    figures.values["elternthemen"] = Figure(
        _("Themen aus der Elternschaft %(year)s") % {"year": year},
        display(topic_count, sees_small_numbers=sees_small_numbers),
        lotse,
    )
    volunteers = sum(
        VolunteerService.objects.filter(network__in=networks).values_list(
            "active_volunteers", flat=True
        )
    )
    figures.values["ehrenamtliche"] = Figure(_("aktive Ehrenamtliche"), _number(volunteers), lotse)

    directory = _("Lotse, Angebotsverzeichnis")
    figures.values["angebote_aktiv"] = Figure(
        key_figures.offer_label(year), _number(key_figures.offer_count(district, year)), directory
    )
    findable = key_figures.findable_offers(year).filter(district=district)
    by_topic = dict(
        Topic.objects.annotate(
            count=Count("offers", filter=Q(offers__in=findable), distinct=True)
        ).values_list("label", "count")
    )
    figures.tables["angebote_nach_thema"] = Table(
        _("Auffindbare Angebote nach Thema %(as_of)s") % {"as_of": key_figures.as_of(year)},
        (_("Thema"), _("Angebote")),
        tuple((label, _number(count)) for label, count in by_topic.items() if count),
        directory,
    )
    return figures
