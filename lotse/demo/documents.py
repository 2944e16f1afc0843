"""Demo concepts, annual reports and measures: every district in a different state of the
review workflow (two accepted, some in review with comments, one overdue draft), annual
reports for last year, and three measures per district with results and Sachberichte.

Everything goes through the real actions and workflow, so history, versions and the
audit log look as they would in use.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from lotse.accounts.models import User
from lotse.concept.models import ChecklistItem, StateConcept
from lotse.documents import actions, workflow
from lotse.documents.models import ChecklistAssessment, Document
from lotse.documents.queries import item_assessments
from lotse.funding.models import Indicator, IndicatorResult, Measure, ProgressReport
from lotse.networks.models import ItemStatus
from lotse.offers.models import Offer
from lotse.organizations.models import Organization
from lotse.regions.models import District

SECTION_TEXTS = {
    "situation": "## Daten\n\nIm Landkreis leben [[kinder_unter_3]] Kinder unter drei Jahren; [[geburten]] Kinder wurden geboren, [[sgb2_kinder_unter_3]] Kinder unter drei Jahren leben in SGB-II-Bedarfsgemeinschaften. Im Angebotsverzeichnis sind [[angebote_aktiv]] Angebote des Landkreises auffindbar.\n\n## Besonderheiten\n\n- weite Wege im ländlichen Raum\n- wenige Kinderärzt:innen außerhalb der Städte\n- gute Zusammenarbeit mit den Schwangerschaftsberatungsstellen\n",
    "social_areas": "Zum Stand dieser Fassung haben alle Netzwerke des Landkreises zusammen (das Netzwerk und seine Teilnetzwerke) [[partner_gesamt]] aktive Partner; jede Organisation zählt einmal. Eingerichtet sind [[teilnetzwerke]] Teilnetzwerke.\n\n[[tabelle:partner_nach_sektor]]\n",
    "goals": "1. Jede Familie mit einem Neugeborenen erfährt von den Frühen Hilfen.\n2. Das Gesundheitswesen ist in jedem Sozialraum im Netzwerk vertreten.\n3. Eltern bringen ihre Themen regelmäßig in das Netzwerk ein.\n",
    "measures": "Die Maßnahmen sind unten mit Förderbereich, Bezug und Indikatoren aufgeführt.",
    "network": None,  # keeps its prefilled text with live figures
    "goal_review": "Die Ziele der Maßnahmen wurden überwiegend erreicht; Einzelheiten in der Tabelle.",
    "outlook": "Im nächsten Jahr wird ein weiterer Qualitätszirkel mit der Kassenärztlichen Vereinigung aufgebaut.",
}
AREA_TEXT = "Die Mindestanforderungen werden eingehalten: eine fachlich qualifizierte Koordination, vereinbarte Qualitätsstandards und regelmäßige Netzwerktreffen ([[netzwerktreffen]] im laufenden Jahr). (Demotext)"
# One text per Förderbereich (by FundingArea.code); other chapters get AREA_TEXT.
AREA_TEXTS = {
    "I": AREA_TEXT,
    "II.1.1": "Zwei Familienhebammen und eine Familien-Gesundheits- und Kinderkrankenpflegerin begleiten Familien nach der Geburt bis zum ersten Geburtstag des Kindes. Sie sind beim Gesundheitsamt angestellt, nehmen an der kollegialen Beratung teil und werden über die Lotsendienste der Geburtskliniken und die Netzwerkpartner vermittelt. (Demotext)",
    "II.1.2": "Ehrenamtliche Familienpatinnen und -paten unterstützen Familien im Alltag. Eine hauptamtliche Fachkraft gewinnt, schult und begleitet sie; die Einsätze werden schriftlich vereinbart und regelmäßig reflektiert. (Demotext)",
    "II.2": "Ein offenes Eltern-Café im Familienzentrum und eine Sprechstunde in der Geburtsklinik bringen Familien und Angebote zusammen. Jobcenter, Schwangerschaftsberatung und Jugendamt stimmen Übergänge in den Netzwerktreffen ab. (Demotext)",
    "III": "Erprobt wird eine Online-Elternsprechstunde für Familien in abgelegenen Orten. Nach einem Jahr wird ausgewertet, ob sie angenommen wird und in den Regelbetrieb übergehen soll. (Demotext)",
}

# District index → the states its concept goes through.
CONCEPT_PATHS = {
    0: ["submit", "start_review", "accept", "publish"],  # public at /konzepte/<ags>/<edition>/
    1: ["submit", "start_review", "request_changes", "submit", "start_review", "accept"],
    2: ["submit", "start_review"],  # in review, with comments
    3: ["submit"],
    4: ["submit", "start_review", "request_changes"],
    5: ["submit", "start_review"],
    6: [],  # draft, overdue
    7: ["submit"],
}
REPORT_PATHS = {
    0: ["submit", "start_review", "accept"],
    1: ["submit", "start_review", "accept"],
    2: ["submit"],
    3: ["submit", "start_review"],
}


def seed_documents(*, lks: User, coordinators: dict[str, User]) -> None:
    edition = StateConcept.objects.current()
    if edition is None or Document.objects.exists():
        return
    last_year = timezone.localdate().year - 1
    for index, district in enumerate(District.objects.order_by("ags")):
        writer = coordinators[district.ags]
        _measures(district, edition, last_year)
        concept = actions.start_concept(district=district, edition=edition, by=writer)
        _write(concept, writer)
        _walk(concept, CONCEPT_PATHS[index % 8], writer=writer, lks=lks, index=index)
        report = actions.start_annual_report(
            district=district, edition=edition, year=last_year, by=writer
        )
        _write(report, writer)
        _walk(
            report,
            REPORT_PATHS.get(index, [] if index == 7 else ["submit"]),
            writer=writer,
            lks=lks,
            index=index,
        )


def _write(document: Document, writer: User) -> None:
    for section in document.sections.select_related("funding_area"):
        area_text = (
            AREA_TEXTS.get(section.funding_area.code, AREA_TEXT) if section.funding_area else ""
        )
        text = SECTION_TEXTS.get(section.key, area_text)
        if text:
            actions.save_section(section, text=text, based_on=section.revision, by=writer)
    # The statuses of the document's year: the concept's year (this one) a step further
    # than the report's (last year), so the matrix shows the change; every fifth stays
    # unassessed.
    steps = [ItemStatus.Status.PLANNED, ItemStatus.Status.IN_PROGRESS, ItemStatus.Status.ACHIEVED]
    is_report = document.kind == Document.Kind.ANNUAL_REPORT
    rows = []
    for number, (assessment, _disagreement) in enumerate(item_assessments(document)):
        if number % 5 == 4:
            continue
        step = number % 3 - (1 if is_report and number % 3 else 0)
        code = assessment.item.code
        rows.append(
            (
                assessment,
                {
                    "status": steps[step],
                    "reason": "",
                    "goals": f"Ziele zu {code} für die Laufzeit des Konzepts.",
                },
            )
        )
    actions.save_module_statuses(document, rows, by=writer)


def _walk(document: Document, steps: list[str], *, writer: User, lks: User, index: int) -> None:
    items = list(ChecklistItem.objects.filter(state_concept=document.state_concept))
    for number, step in enumerate(steps):
        if step == "start_review":
            workflow.transition(document, step, by=lks)
            if document.kind == Document.Kind.CONCEPT:
                for item in items[: 6 + index]:
                    actions.assess(
                        document, item, verdict=ChecklistAssessment.Verdict.FULFILLED, by=lks
                    )
            continue
        if step == "request_changes":
            section = document.sections.get(key="goals")
            actions.comment(
                document,
                text="Bitte die Ziele messbar formulieren (Zielwert und Jahr).",
                by=lks,
                from_reviewer=True,
                section=section,
            )
            if document.kind == Document.Kind.CONCEPT:
                actions.assess(
                    document, items[-1], verdict=ChecklistAssessment.Verdict.NOT_FULFILLED, by=lks
                )
                actions.comment(
                    document,
                    text="Für das Eltern-Café fehlt der Hinweis auf den Projektsteckbrief.",
                    by=lks,
                    from_reviewer=True,
                    checklist_item=items[-1],
                )
            workflow.transition(
                document, step, by=lks, note="Bitte Ziele und Checklistenpunkt Z4 überarbeiten."
            )
            if number + 1 < len(steps):  # the district answers and resubmits
                goals = document.sections.get(key="goals")
                actions.save_section(
                    goals,
                    text=goals.text
                    + "4. Bis Ende 2025 nehmen 80 % der Partner an mindestens zwei Netzwerktreffen im Jahr teil.\n",
                    based_on=goals.revision,
                    by=writer,
                )
            continue
        if step == "publish":
            workflow.transition(
                document,
                step,
                by=writer,
                decided_on=timezone.localdate(),
                decided_by="Jugendhilfeausschuss",
            )
            continue
        workflow.transition(document, step, by=lks if step == "accept" else writer)
    if document.status == Document.Status.IN_REVIEW and document.kind == Document.Kind.CONCEPT:
        section = document.sections.get(key="situation")
        actions.comment(
            document,
            text="Bitte die Quelle der Geburtenzahlen ergänzen.",
            by=lks,
            from_reviewer=True,
            section=section,
        )


def _measures(district: District, edition: StateConcept, year: int) -> None:
    areas = {area.code: area for area in edition.funding_areas.all()}
    items = {item.code: item for item in edition.items.all()}
    provider = Organization.objects.filter(district=district).order_by("name").first()
    offers = list(Offer.objects.filter(district=district).order_by("name")[:2])
    plans = [
        (
            "Netzwerkkoordination Frühe Hilfen",
            "I",
            ["FB-I-M1", "FB-I-M3", "FB-I-E1"],
            Decimal("100"),
            [
                (
                    "Alle Sektoren sind im Netzwerk vertreten",
                    "vertretene Sektoren",
                    "Sektoren",
                    Decimal("12"),
                    Decimal("11"),
                    "partly",
                )
            ],
        ),
        (
            "Familienpatenschaften mit Ehrenamtlichen",
            "II.1.2",
            ["FB-II.1.2-M1", "FB-II.1.2-M2", "FB-II.1.2-E1"],
            Decimal("80"),
            [
                (
                    "Familien werden durch Ehrenamtliche begleitet",
                    "begleitete Familien",
                    "Familien",
                    Decimal("25"),
                    Decimal("27"),
                    "reached",
                )
            ],
        ),
        (
            "Eltern-Café im Familienzentrum",
            "II.2",
            ["FB-II.2-E1", "FB-II.2-E3"],
            Decimal("60"),
            [
                (
                    "Familien in Belastungslagen werden erreicht",
                    "Besuche im Jahr",
                    "Besuche",
                    Decimal("400"),
                    Decimal("310"),
                    "partly",
                )
            ],
        ),
    ]
    for title, area_code, serves, share, indicators in plans:
        measure = Measure.objects.create(
            district=district,
            state_concept=edition,
            funding_area=areas[area_code],
            title=title,
            description=f"{title} im Landkreis {district.name} (Demo).",
            target_group="Werdende Eltern und Familien mit Kindern von 0 bis 3 Jahren.",
            provider=provider,
            provider_name="" if provider else "Träger (Demo)",
            starts_on=datetime.date(2023, 1, 1),
            funding_share=share,
        )
        measure.serves.set([items[code] for code in serves])
        if area_code == "II.2":
            measure.offers.set(offers)
        for position, (goal, name, unit, target, actual, rating) in enumerate(indicators):
            indicator = Indicator.objects.create(
                measure=measure, goal=goal, name=name, unit=unit, target=target, position=position
            )
            IndicatorResult.objects.create(
                indicator=indicator,
                year=year,
                actual=actual,
                rating=rating,
                explanation="Demo-Ergebnis.",
            )
        ProgressReport.objects.create(
            measure=measure,
            year=year,
            activities="Regelmäßige Angebote über das ganze Jahr (Demo).",
            reach="Familien in allen Sozialräumen; keine personenbezogenen Daten.",
            cooperation="Abstimmung in den Netzwerktreffen.",
            difficulties="Weite Wege im ländlichen Raum; Fahrdienst eingerichtet.",
            outlook="Fortsetzung im nächsten Jahr.",
        )
