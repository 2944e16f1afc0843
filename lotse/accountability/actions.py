"""The write side of the measure documents: texts, the coordinator's check and a new
Projektsteckbrief revision. Every change lands in the audit log; the steps between states
are the workflow's (workflow.py).

Two people on the same document: each form carries the document's `lock_version`; the
row is locked while saving, and a form older than the stored document is refused with
`ConcurrentEdit`, so nobody overwrites what the other saved.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accountability.models import CoordinatorCheck, MeasureDocument, RequirementCheck
from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.concept.models import StateConceptItem
from lotse.funding.models import FundYear, Measure, ProgressReport

K = MeasureDocument.Kind
PROFILE_TEXTS = ("description", "target_group")
CHECK_FIELDS = (
    "need_verdict",
    "need",
    "need_sources",
    "need_evidence",
    "need_reason",
    "goals_verdict",
    "goals_note",
)


class Refused(Exception):
    """The change was not made; `message` says why, in German."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConcurrentEdit(Refused):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Jemand anderes hat dieses Dokument inzwischen gespeichert. Ihre Fassung ist "
                "nicht gespeichert und nichts ist verloren: bitte laden Sie die Seite neu und "
                "übernehmen Sie Ihre Änderungen."
            )
        )


class NotEditable(Refused):
    def __init__(self) -> None:
        super().__init__(_("Das Dokument ist in diesem Stand nicht bearbeitbar."))


def _locked(document: MeasureDocument) -> MeasureDocument:
    return (
        MeasureDocument.objects.select_for_update(of=("self",))
        .select_related("measure__district", "fund_year")
        .get(pk=document.pk)
    )


def _touch(document: MeasureDocument, by: User) -> None:
    document.lock_version += 1
    document.updated_by = by
    document.updated_at = timezone.now()


@transaction.atomic
def save_profile(
    measure: Measure, document: MeasureDocument | None, *, texts: dict, based_on: int, by: User
) -> MeasureDocument:
    """Store the Projektsteckbrief's texts; the first save creates revision 1."""
    if document is None:
        if based_on != 0:
            raise ConcurrentEdit
        try:
            with transaction.atomic():
                document = MeasureDocument.objects.create(
                    measure=measure,
                    kind=K.PROFILE,
                    number=1,
                    lock_version=1,  # a form shown before it existed carries 0
                    updated_by=by,
                    **texts,
                )
        except IntegrityError:
            # Someone else started it in the same moment.
            raise ConcurrentEdit from None
        audit.record_creation(
            actor=by, obj=document, fields=("status", *PROFILE_TEXTS), district=measure.district
        )
        return document
    current = _locked(document)
    _may_edit(current, based_on)
    before = audit.snapshot(current, PROFILE_TEXTS)
    for name, value in texts.items():
        setattr(current, name, value)
    _touch(current, by)
    current.save()
    audit.record_changes(actor=by, obj=current, before=before, district=measure.district)
    return current


@transaction.atomic
def save_report(
    measure: Measure, fund_year: FundYear, *, texts: dict, based_on: int, by: User
) -> MeasureDocument:
    """Store a Sachbericht's texts (in funding.ProgressReport); the first save creates
    the document of this fund year."""
    document = (
        MeasureDocument.objects.select_for_update(of=("self",))
        .filter(measure=measure, kind=K.PROGRESS_REPORT, fund_year=fund_year)
        .first()
    )
    if document is None:
        if based_on != 0:
            raise ConcurrentEdit
        try:
            with transaction.atomic():
                document = MeasureDocument.objects.create(
                    measure=measure,
                    kind=K.PROGRESS_REPORT,
                    fund_year=fund_year,
                    lock_version=1,  # a form shown before it existed carries 0
                    updated_by=by,
                )
        except IntegrityError:
            raise ConcurrentEdit from None
        audit.record_creation(
            actor=by, obj=document, fields=("status", "fund_year"), district=measure.district
        )
    else:
        _may_edit(document, based_on)
        _touch(document, by)
        document.save()
    report, created = ProgressReport.objects.get_or_create(
        measure=measure, year=fund_year.year, defaults=texts
    )
    if created:
        audit.record_creation(actor=by, obj=report, fields=texts.keys(), district=measure.district)
        return document
    before = audit.snapshot(report, texts.keys())
    for name, value in texts.items():
        setattr(report, name, value)
    report.save()
    audit.record_changes(actor=by, obj=report, before=before, district=measure.district)
    return document


def _may_edit(document: MeasureDocument, based_on: int) -> None:
    if not document.is_editable():
        raise NotEditable
    if document.lock_version != based_on:
        raise ConcurrentEdit


@transaction.atomic
def save_check(
    document: MeasureDocument,
    *,
    values: dict,
    requirements: list[tuple[StateConceptItem, bool, str]],
    based_on: int,
    by: User,
) -> CoordinatorCheck:
    """Store the coordinator's complete check (validated by CheckForm) of a Sachbericht."""
    current = _locked(document)
    if not current.is_checkable():
        raise NotEditable
    if current.lock_version != based_on:
        raise ConcurrentEdit
    district = current.measure.district
    check = CoordinatorCheck.objects.filter(document=current).first()
    before = audit.snapshot(check, CHECK_FIELDS) if check else None
    if check is None:
        check = CoordinatorCheck(document=current)
    for name, value in values.items():
        setattr(check, name, value)
    check.checked_by = by
    check.save()
    audit.record_states(
        actor=by,
        obj=check,
        before=before,
        after=audit.snapshot(check, CHECK_FIELDS),
        district=district,
    )
    stored = {row.requirement_id: row for row in check.requirements.all()}
    for item, kept, note in requirements:
        row = stored.get(item.pk)
        row_before = audit.snapshot(row, ("kept", "note")) if row else None
        if row is None:
            row = RequirementCheck(coordinator_check=check, requirement=item, kept=kept, note=note)
        row.kept, row.note = kept, note
        row.save()
        audit.record_states(
            actor=by,
            obj=row,
            before=row_before,
            after=audit.snapshot(row, ("kept", "note")),
            district=district,
        )
    _touch(current, by)
    current.save()
    return check


@transaction.atomic
def start_profile_revision(latest: MeasureDocument, *, by: User) -> MeasureDocument:
    """A new Projektsteckbrief revision after the accepted one, its texts copied."""
    current = _locked(latest)
    newer = MeasureDocument.objects.filter(
        measure=current.measure, kind=K.PROFILE, number__gt=current.number
    ).exists()
    if current.status != MeasureDocument.Status.ACCEPTED or newer:
        raise Refused(_("Eine neue Fassung beginnt erst, wenn die letzte angenommen ist."))
    revision = MeasureDocument.objects.create(
        measure=current.measure,
        kind=K.PROFILE,
        number=current.number + 1,
        description=current.description,
        target_group=current.target_group,
        updated_by=by,
    )
    audit.record_creation(
        actor=by,
        obj=revision,
        fields=("status", "number", *PROFILE_TEXTS),
        district=current.measure.district,
    )
    return revision
