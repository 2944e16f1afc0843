"""The write side of concepts and reports: start one, write a section, state the modules,
review (checklist verdicts, comments), attach files. Every change is audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.concept.models import ChecklistItem, StateConcept, StateConceptItem
from lotse.documents import deadlines, structure
from lotse.documents.models import (
    Attachment,
    ChecklistAssessment,
    Document,
    ModuleStatus,
    ReviewComment,
    Section,
)
from lotse.networks.models import Network, RequirementStatus
from lotse.regions.models import District


def _create(document: Document, plans: list[structure.SectionPlan], by: User) -> Document:
    document.save()
    Section.objects.bulk_create(
        Section(
            document=document,
            key=plan.key,
            title=plan.title,
            guidance=plan.guidance,
            funding_area=plan.funding_area,
            text=plan.text,
            position=position,
        )
        for position, plan in enumerate(plans)
    )
    ModuleStatus.objects.bulk_create(
        ModuleStatus(document=document, module=module, status=status, reason=reason)
        for module, status, reason in _initial_module_statuses(document)
    )
    audit.record_creation(
        actor=by,
        obj=document,
        fields=("kind", "year", "status", "due_on"),
        district=document.district,
    )
    return document


def _initial_module_statuses(document: Document):
    """Start from the latest statement: the district's previous document, else what the
    network workspace records for the FB I items."""
    modules = StateConceptItem.objects.filter(
        state_concept=document.state_concept, kind=StateConceptItem.Kind.DEVELOPMENT_MODULE
    ).exclude(funding_area__kind="state_office")
    previous = (
        Document.objects.filter(district=document.district, state_concept=document.state_concept)
        .exclude(pk=document.pk)
        .order_by("-created_at")
        .first()
    )
    known: dict[str, tuple[str, str]] = {}
    if previous:
        known = {
            s.module.code: (s.status, s.reason)
            for s in previous.module_statuses.select_related("module")
        }
    else:
        network = Network.objects.filter(district=document.district, parent=None).first()
        if network:
            for row in RequirementStatus.objects.filter(network=network):
                if row.status != ModuleStatus.Status.NOT_APPLICABLE or row.comment:
                    known[row.item_code] = (
                        row.status,
                        row.comment if row.status == "not_applicable" else "",
                    )
    for module in modules:
        status, reason = known.get(module.code, (ModuleStatus.Status.NOT_STARTED, ""))
        yield module, status, reason


@transaction.atomic
def start_concept(*, district: District, edition: StateConcept, by: User) -> Document:
    document = Document(
        kind=Document.Kind.CONCEPT,
        district=district,
        state_concept=edition,
        due_on=deadlines.concept_due_on(edition),
    )
    return _create(document, structure.concept_sections(edition), by)


@transaction.atomic
def start_annual_report(
    *, district: District, edition: StateConcept, year: int, by: User
) -> Document:
    document = Document(
        kind=Document.Kind.ANNUAL_REPORT,
        district=district,
        state_concept=edition,
        year=year,
        due_on=deadlines.annual_report_due_on(edition, year),
    )
    return _create(document, structure.annual_report_sections(edition, year), by)


@dataclass
class ConcurrentEdit(Exception):
    """Someone saved the section after the editor opened it: nothing was overwritten."""

    section: Section

    def __str__(self) -> str:
        return "section changed meanwhile"


class NotEditable(Exception):
    """The document is with the LKS or accepted: its texts are frozen."""


@transaction.atomic
def save_section(section: Section, *, text: str, based_on: int, by: User) -> Section:
    """Store a section's text unless someone else saved it since `based_on` (its revision)."""
    current = (
        Section.objects.select_for_update().select_related("document__district").get(pk=section.pk)
    )
    if not current.document.is_editable():
        raise NotEditable
    if current.revision != based_on:
        raise ConcurrentEdit(current)
    if current.text == text:
        return current
    before = audit.snapshot(current, ["text"])
    current.text = text
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    current.save(update_fields=["text", "revision", "updated_at", "updated_by"])
    audit.record_changes(actor=by, obj=current, before=before, district=current.document.district)
    return current


@transaction.atomic
def save_module_statuses(
    document: Document, rows: Iterable[tuple[ModuleStatus, dict]], *, by: User
) -> int:
    """Store the statuses (validated by the form); returns how many changed."""
    if not document.is_editable():
        raise NotEditable
    changed = 0
    rows = list(rows)
    # A ModelForm already put the new values on its instance: "before" comes from the database.
    stored = {s.pk: s for s in ModuleStatus.objects.filter(pk__in=[row[0].pk for row in rows])}
    for status, values in rows:
        before = audit.snapshot(stored[status.pk], ["status", "reason", "goals"])
        for name, value in values.items():
            setattr(status, name, value)
        if audit.snapshot(status, before.keys()) != before:
            status.save(update_fields=list(values))
            audit.record_changes(actor=by, obj=status, before=before, district=document.district)
            changed += 1
    return changed


@transaction.atomic
def assess(
    document: Document, item: ChecklistItem, *, verdict: str, by: User
) -> ChecklistAssessment:
    assessment, _ = ChecklistAssessment.objects.get_or_create(document=document, item=item)
    if assessment.verdict != verdict:
        before = audit.snapshot(assessment, ["verdict"])
        assessment.verdict = verdict
        assessment.by = by
        assessment.save()
        audit.record_changes(actor=by, obj=assessment, before=before, district=document.district)
    return assessment


@transaction.atomic
def comment(
    document: Document,
    *,
    text: str,
    by: User,
    from_reviewer: bool,
    section: Section | None = None,
    checklist_item: ChecklistItem | None = None,
) -> ReviewComment:
    last = document.versions.order_by("-number").first()
    remark = ReviewComment.objects.create(
        document=document,
        section=section,
        checklist_item=checklist_item,
        version_number=last.number if last else 0,
        author=by,
        author_label=by.email,
        from_reviewer=from_reviewer,
        text=text,
    )
    audit.record_creation(actor=by, obj=remark, fields=("text",), district=document.district)
    return remark


@transaction.atomic
def resolve_comment(remark: ReviewComment, *, by: User) -> None:
    before = audit.snapshot(remark, ["resolved"])
    remark.resolved = True
    remark.save(update_fields=["resolved"])
    audit.record_changes(actor=by, obj=remark, before=before, district=remark.document.district)


@transaction.atomic
def attach(document: Document, *, title: str, upload, by: User) -> Attachment:
    if not document.is_editable():
        raise NotEditable
    attachment = Attachment.objects.create(
        document=document, title=title, file=upload, uploaded_by=by
    )
    audit.record_creation(
        actor=by, obj=attachment, fields=("title", "file"), district=document.district
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User) -> None:
    if not attachment.document.is_editable():
        raise NotEditable
    audit.record_deletion(
        actor=by, obj=attachment, fields=("title", "file"), district=attachment.document.district
    )
    attachment.file.delete(save=False)
    attachment.delete()
