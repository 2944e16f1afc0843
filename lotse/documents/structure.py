"""The chapters of a new concept or annual report, from the stored Landeskonzept.

A concept has the district's own chapters (situation, social areas, goals, measures) and
one chapter per Förderbereich with the minimum requirements and Entwicklungsbausteine
that apply (the cross-cutting chapter on the coordination included, the LKS's own not).
An annual report (Anlage 6, "Jährliche Konzeptumsetzung Netzwerk und
Netzwerkkoordination") has the network chapter prefilled with live figures, one chapter
per Förderbereich on what was done, and the Ziel- und Erfolgskontrolle of the measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lotse.concept.checklist import section_key_for
from lotse.concept.models import FundingArea, StateConcept


@dataclass(frozen=True)
class SectionPlan:
    key: str
    title: str
    guidance: str
    funding_area: FundingArea | None = None
    text: str = ""


MEASURES_KEY = "measures"
GOAL_REVIEW_KEY = "goal_review"


def _areas(edition: StateConcept):
    return [
        area
        for area in edition.funding_areas.order_by("position")
        if area.kind != FundingArea.Kind.STATE_OFFICE
    ]


def concept_sections(edition: StateConcept) -> list[SectionPlan]:
    plans = [
        SectionPlan(
            "situation",
            _("Ausgangslage und Bedarfsanalyse"),
            _(
                "Daten der amtlichen Statistik und der Jugendhilfeplanung: Geburten, Kinder unter 3 Jahren, Familien in belasteten Lebenslagen, regionale Besonderheiten."
            ),
            text=_(
                "Im Landkreis bzw. in der Stadt leben [[kinder_unter_3]] Kinder unter drei Jahren; [[geburten]] Kinder wurden geboren. [[sgb2_kinder_unter_3]] Kinder unter drei Jahren leben in SGB-II-Bedarfsgemeinschaften.\n"
            ),
        ),
        SectionPlan(
            "social_areas",
            _("Sozialräume und Netzwerkstruktur"),
            _(
                "Die Sozialräume, ihre Teilnetzwerke und wie sie zusammenarbeiten (FB-I-E2, FB-I-E3)."
            ),
            text=_(
                "Zum Stand dieser Fassung haben alle Netzwerke des Landkreises zusammen (das Netzwerk und seine Teilnetzwerke) [[partner_gesamt]] aktive Partner; jede Organisation zählt einmal. Eingerichtet sind [[teilnetzwerke]] Teilnetzwerke.\n\n[[tabelle:partner_nach_sektor]]\n"
            ),
        ),
        SectionPlan(
            "goals",
            _("Ziele"),
            _(
                "Ziele für die Laufzeit des Konzepts, abgeleitet aus den Leitzielen des Landeskonzepts und der Jugendhilfeplanung (FB-I-E11)."
            ),
        ),
    ]
    for area in _areas(edition):
        plans.append(
            SectionPlan(
                section_key_for(area),
                area.label if area.kind == FundingArea.Kind.FUNDING_AREA else area.title,
                _(
                    "Wie die Mindestanforderungen eingehalten und die Entwicklungsbausteine dieses Bereichs umgesetzt werden; Stand der Bausteine unten."
                ),
                funding_area=area,
            )
        )
    plans.append(
        SectionPlan(
            MEASURES_KEY,
            _("Maßnahmen und Finanzierung"),
            _(
                "Überblick über die Maßnahmen; die Maßnahmen selbst (Förderbereich, Bezug, Träger, Ziele und Indikatoren) werden unter „Maßnahmen“ gepflegt und hier aufgeführt."
            ),
        )
    )
    return plans


def annual_report_sections(edition: StateConcept, year: int) -> list[SectionPlan]:
    plans = [
        SectionPlan(
            "network",
            _("Netzwerk und Netzwerkkoordination"),
            _(
                "Aufgaben der Netzwerkkoordination im Berichtsjahr: Netzwerktreffen, Beteiligung, Qualitätsstandards, Qualifizierung, Themen der Eltern (vorausgefüllt aus Lotse, bitte ergänzen)."
            ),
            text=_(
                "Im Jahr %(year)s gab es in allen Netzwerken des Landkreises [[netzwerktreffen]] Netzwerk- und Teilnetzwerktreffen; die Teilnahmequote (anwesend je eingeladen) lag bei [[teilnahmequote]]. Am Stichtag (31.12.%(year)s, im laufenden Jahr der heutige Tag) hatten alle Netzwerke des Landkreises zusammen [[partner_gesamt]] aktive Partner, jede Organisation einmal gezählt; eingerichtet waren [[teilnetzwerke]] Teilnetzwerke.\n\n[[tabelle:partner_nach_sektor]]\n\nTreffen der Qualitätszirkel (IQZ) %(year)s: [[qualitaetszirkel]]. Themen aus der Elternschaft, erfasst %(year)s: [[elternthemen]]. Aktive Ehrenamtliche der Ehrenamtsdienste, wie zuletzt eingetragen: [[ehrenamtliche]]. Am Stichtag im Verzeichnis auffindbare Angebote: [[angebote_aktiv]].\n\n[[tabelle:angebote_nach_thema]]\n"
            )
            % {"year": year},
        )
    ]
    for area in _areas(edition):
        plans.append(
            SectionPlan(
                section_key_for(area),
                _("Umsetzung: %(area)s") % {"area": area.label},
                _("Was wurde im Berichtsjahr in diesem Bereich umgesetzt, was hat sich verändert?"),
                funding_area=area,
            )
        )
    plans += [
        SectionPlan(
            GOAL_REVIEW_KEY,
            _("Ziel- und Erfolgskontrolle"),
            _(
                "Die Ergebnisse je Maßnahme (Zielwert, Istwert, Bewertung) werden bei den Maßnahmen erfasst und hier aufgeführt; hier die Einordnung."
            ),
        ),
        SectionPlan(
            "outlook",
            _("Ausblick und Anpassungen"),
            _("Was im nächsten Jahr geplant ist und was am Konzept angepasst werden soll."),
        ),
    ]
    return plans
