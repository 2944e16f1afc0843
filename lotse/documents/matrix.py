"""The LKS's matrix: 8 districts × checklist items, minimum requirements and
Entwicklungsbausteine, each cell with a status in words (never colour alone) and a link
to its evidence; the statuses of any year with the change since the year before. Built in
a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.concept.models import ChecklistItem, StateConcept
from lotse.documents.models import ChecklistAssessment, Document
from lotse.networks import evidence, item_status
from lotse.networks.models import Network
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
    # Beside an "erreicht" the district's records do not support (`networks.evidence`).
    warning: str = ""

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
    year: int


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


def _status_url(item, district, networks, newest, year: int) -> str:
    """Where the district states the item: FB I on its network's requirements page, the
    other items in its newest document."""
    network = networks.get(district.pk)
    if item.funding_area.code == "I" and network is not None:
        url = reverse(
            "networks:requirements", kwargs={"ags": district.ags, "network_id": network.pk}
        )
        return f"{url}?jahr={year}#{item.code}"
    document = newest.get(district.pk)
    return document.get_absolute_url() + "#bausteine" if document else ""


def build(edition: StateConcept, year: int) -> Matrix:
    """The matrix of `edition`'s checklist and of the districts' statuses in `year`, each
    with the change since the year before."""
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

    # The districts' statuses of minimum requirements and development modules in `year`:
    # the one status the network page, the concept and the report show as well.
    items = list(item_status.assessable_items(edition))
    statuses = item_status.status_cells(districts, items, year)
    networks = {
        n.district_id: n for n in Network.objects.filter(parent=None, district__in=districts)
    }
    warnings = evidence.matrix_warnings(list(networks.values()), items, statuses, year)
    checklist_for = {
        c.concept_item_id: c
        for c in ChecklistItem.objects.filter(state_concept=edition, concept_item__isnull=False)
    }

    def verdict_in_concept(item, district) -> str:
        """Beside an unassessed item: the LKS's verdict on its checklist item, if any."""
        concept = concepts.get(district.pk)
        checklist_item = checklist_for.get(item.pk)
        verdict = (
            verdicts.get((concept.pk, checklist_item.pk)) if concept and checklist_item else None
        )
        if verdict is None:
            return ""
        return _("Konzept: %(verdict)s") % {"verdict": verdict.get_verdict_display()}

    for item in items:
        cells = []
        for district in districts:
            found = statuses[(district.pk, item.pk)]
            label = found.label
            if not found.value and verdict_in_concept(item, district):
                label = f"{label} ({verdict_in_concept(item, district)})"
            if found.changed:
                label = _("%(label)s (%(year)s: %(previous)s)") % {
                    "label": found.label,
                    "year": year - 1,
                    "previous": found.previous_label,
                }
            cells.append(
                Cell(
                    found.value,
                    label,
                    _status_url(item, district, networks, newest, year),
                    warnings.get((district.pk, item.pk), ""),
                )
            )
        rows.append(Row(item.kind, item.code, item.title, item.funding_area.label, cells))
    return Matrix(edition, districts, rows, concepts, reports, year)


def filtered(matrix: Matrix, *, kind: str = "", area: str = "", status: str = "") -> list[Row]:
    rows = matrix.rows
    if kind:
        rows = [row for row in rows if row.kind == kind]
    if area:
        rows = [row for row in rows if area in row.area]
    if status:
        rows = [row for row in rows if any(cell.status == status for cell in row.cells)]
    return rows
