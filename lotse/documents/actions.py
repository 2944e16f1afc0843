"""The write side of concepts and reports: start one, write a section, state the modules,
review (checklist verdicts, comments), attach files. Every change is audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.concept.models import ChecklistItem, StateConcept
from lotse.documents import deadlines, structure
from lotse.documents.models import (
    Attachment,
    ChecklistAssessment,
    Document,
    ReviewComment,
    Section,
)
from lotse.documents.queries import status_year
from lotse.networks import actions as network_actions
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
    audit.record_creation(
        actor=by,
        obj=document,
        fields=("kind", "year", "status", "due_on"),
        district=document.district,
    )
    return document


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
def save_module_statuses(document: Document, rows: Iterable[tuple], *, by: User) -> int:
    """Store the district's statuses for the document's year (validated by the form):
    `rows` are (assessment, values) with status, reason and goals. An unassessed item left
    empty stays unassessed. Returns how many changed."""
    if not document.is_editable():
        raise NotEditable
    year = status_year(document)
    changed = 0
    for assessment, values in rows:
        if not values["status"]:
            continue
        stored = assessment.status
        before = (stored.status, stored.reason, stored.goals) if stored else None
        after = network_actions.set_item_status(
            district=document.district,
            item=assessment.item,
            year=year,
            status=values["status"],
            reason=values["reason"],
            goals=values["goals"],
            by=by,
        )
        changed += before != (after.status, after.reason, after.goals)
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
