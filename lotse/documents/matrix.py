"""The LKS's matrix: 8 districts × checklist items, minimum requirements and
Entwicklungsbausteine, each cell with a status in words (never colour alone) and a link
to its evidence. Built in a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.concept.models import ChecklistItem, StateConcept, StateConceptItem
from lotse.documents.models import ChecklistAssessment, Document, ModuleStatus
from lotse.networks.models import Network, RequirementStatus
from lotse.regions.models import District

# Cell tones for the CSS (the text always says the same).
TONE = {
    "fulfilled": "good",
    "achieved": "good",
    "in_progress": "partial",
    "planned": "partial",
    "not_fulfilled": "bad",
    "not_started": "bad",
    "open": "none",
    "not_applicable": "none",
    "": "none",
}


@dataclass(frozen=True)
class Cell:
    status: str
    label: str
    url: str

    @property
    def tone(self) -> str:
        return TONE.get(self.status, "none")


@dataclass(frozen=True)
class Row:
    kind: str  # "checklist", "minimum_requirement", "development_module"
    code: str
    text: str
    area: str
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    edition: StateConcept
    districts: list[District]
    rows: list[Row]
    concepts: dict[int, Document]
    reports: dict[int, Document]


def _newest_documents(edition: StateConcept, districts) -> tuple[dict, dict, dict]:
    documents = Document.objects.filter(state_concept=edition, district__in=districts).order_by(
        "created_at"
    )
    concepts, reports, newest = {}, {}, {}
    for document in documents:
        if document.kind == Document.Kind.CONCEPT:
            concepts[document.district_id] = document
        else:
            current = reports.get(document.district_id)
            if current is None or document.year > current.year:
                reports[document.district_id] = document
        newest[document.district_id] = document
    return concepts, reports, newest


def build(edition: StateConcept) -> Matrix:
    districts = list(District.objects.without_boundaries().order_by("ags"))
    concepts, reports, newest = _newest_documents(edition, districts)
    no_document = Cell("", _("kein Dokument"), "")

    verdicts = {
        (a.document_id, a.item_id): a
        for a in ChecklistAssessment.objects.filter(document__in=concepts.values())
    }
    rows: list[Row] = []
    for item in ChecklistItem.objects.filter(state_concept=edition, retired=False):
        cells = []
        for district in districts:
            concept = concepts.get(district.pk)
            if concept is None:
                cells.append(no_document)
                continue
            verdict = verdicts.get((concept.pk, item.pk))
            status = verdict.verdict if verdict else ChecklistAssessment.Verdict.OPEN
            cells.append(
                Cell(
                    status,
                    str(ChecklistAssessment.Verdict(status).label),
                    concept.get_absolute_url() + "#checkliste",
                )
            )
        rows.append(Row("checklist", item.code, item.text, item.group, cells))

    items = list(
        StateConceptItem.objects.filter(
            state_concept=edition,
            kind__in=[
                StateConceptItem.Kind.MINIMUM_REQUIREMENT,
                StateConceptItem.Kind.DEVELOPMENT_MODULE,
            ],
        )
        .exclude(funding_area__kind="state_office")
        .select_related("funding_area")
    )
    networks = {
        n.district_id: n for n in Network.objects.filter(parent=None, district__in=districts)
    }
    requirement = {
        (s.network_id, s.item_code): s
        for s in RequirementStatus.objects.filter(network__in=networks.values())
    }
    module_status = {
        (s.document_id, s.module_id): s
        for s in ModuleStatus.objects.filter(document__in=newest.values())
    }
    checklist_for = {
        c.concept_item_id: c
        for c in ChecklistItem.objects.filter(state_concept=edition, concept_item__isnull=False)
    }

    def checked_in_concept(item, district) -> Cell:
        """Without the network's own status: the LKS's verdict on the checklist item."""
        concept = concepts.get(district.pk)
        checklist_item = checklist_for.get(item.pk)
        verdict = (
            verdicts.get((concept.pk, checklist_item.pk)) if concept and checklist_item else None
        )
        if verdict is None:
            return Cell("", _("keine Angabe"), "")
        return Cell(
            verdict.verdict,
            _("Konzept: %(verdict)s") % {"verdict": verdict.get_verdict_display()},
            concept.get_absolute_url() + "#checkliste",
        )

    for item in items:
        cells = []
        for district in districts:
            if item.kind == StateConceptItem.Kind.MINIMUM_REQUIREMENT:
                network = networks.get(district.pk)
                found = requirement.get((network.pk, item.code)) if network else None
                if found is None:
                    cells.append(checked_in_concept(item, district))
                    continue
                url = reverse(
                    "networks:requirements", kwargs={"ags": district.ags, "network_id": network.pk}
                )
                cells.append(Cell(found.status, found.get_status_display(), url))
            else:
                document = newest.get(district.pk)
                found = module_status.get((document.pk, item.pk)) if document else None
                if found is None:
                    cells.append(no_document)
                    continue
                cells.append(
                    Cell(
                        found.status,
                        found.get_status_display(),
                        document.get_absolute_url() + "#bausteine",
                    )
                )
        rows.append(Row(item.kind, item.code, item.title, item.funding_area.label, cells))
    return Matrix(edition, districts, rows, concepts, reports)


def filtered(matrix: Matrix, *, kind: str = "", area: str = "", status: str = "") -> list[Row]:
    rows = matrix.rows
    if kind:
        rows = [row for row in rows if row.kind == kind]
    if area:
        rows = [row for row in rows if area in row.area]
    if status:
        rows = [row for row in rows if any(cell.status == status for cell in row.cells)]
    return rows
