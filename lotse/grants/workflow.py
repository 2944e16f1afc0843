"""The steps of the grant procedure's documents.

    application, interim report, Verwendungsnachweis (the district's):
        open → submitted → received
                         → returned → submitted …
    grant notice (the state's):
        open → issued

The district submits (the generated document is frozen as a file then); the LKS confirms
its receipt or returns it with a reason; the LKS or the state office enters the grant
notice once the application is received. The interim report and the Verwendungsnachweis
follow the notice. Every step is a GrantStep, audited and mailed to the other side. The
engine (lotse.workflow) takes the steps; who may take them: grants/access.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts.mail import addresses_of
from lotse.accounts.models import Role
from lotse.funding.models import MeasurePlan, Spending
from lotse.grants import access, printing
from lotse.grants.models import NOTICE_VALIDATORS, GrantDocument, GrantStep
from lotse.grants.statements import concept_for, statement
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.records import step_rows

S = GrantDocument.Status
K = GrantDocument.Kind


def submission_problems(document: GrantDocument) -> list[str]:
    """What keeps the district from submitting this document now."""
    procedure = document.procedure
    problems = []
    if document.kind == K.APPLICATION:
        concept = concept_for(procedure.district, procedure.fund_year)
        if concept is None or not concept.was_accepted():
            problems.append(
                _("Der Antrag setzt ein von der LKS angenommenes Regionales Gesamtkonzept voraus.")
            )
        if not MeasurePlan.objects.filter(
            fund_year=procedure.fund_year, measure__district=procedure.district
        ).exists():
            problems.append(_("Für dieses Förderjahr sind noch keine Planansätze eingetragen."))
        return problems
    notice_issued = GrantDocument.objects.filter(
        procedure=procedure, kind=K.GRANT_NOTICE, status=S.ISSUED
    ).exists()
    if not notice_issued:
        problems.append(_("Es liegt noch kein Zuwendungsbescheid vor."))
    if (
        document.kind == K.PROOF_OF_USE
        and not Spending.objects.filter(
            plan__fund_year=procedure.fund_year, plan__measure__district=procedure.district
        ).exists()
    ):
        problems.append(_("Für dieses Förderjahr sind noch keine Ausgaben eingetragen."))
    return problems


def _ready_to_submit(change: Change) -> list[str]:
    return submission_problems(change.obj)


def _freeze_submission(change: Change) -> None:
    """What the LKS receives stays as it was submitted: the PDF (and the workbook)."""
    document = change.obj
    document.submitted_at = change.at
    figures = statement(document.procedure, with_reports=document.kind == K.PROOF_OF_USE)
    document.file.save(
        printing.file_name(document, "pdf"),
        ContentFile(printing.pdf(document, figures, draft=False)),
        save=False,
    )
    if document.kind == K.PROOF_OF_USE:
        document.spreadsheet.save(
            printing.file_name(document, "xlsx"),
            ContentFile(printing.proof_of_use_xlsx(figures)),
            save=False,
        )


def _record_receipt(change: Change) -> None:
    change.obj.received_at = change.at


def _application_received(change: Change) -> str | None:
    received = GrantDocument.objects.filter(
        procedure=change.obj.procedure, kind=K.APPLICATION, status=S.RECEIVED
    ).exists()
    if not received:
        return _("Ein Bescheid setzt einen eingegangenen Antrag voraus.")
    return None


def _notice_is_a_pdf(change: Change) -> list[str]:
    upload = change.details.get("document")
    if not upload:
        return []
    problems = []
    for validator in NOTICE_VALIDATORS:
        try:
            validator(upload)
        except ValidationError as refusal:
            problems.extend(refusal.messages)
    return problems


def _amount_not_negative(change: Change) -> str | None:
    amount = change.details.get("amount")
    if amount is not None and amount < 0:
        return _("Beträge können nicht negativ sein.")
    return None


def _record_notice(change: Change) -> None:
    notice = change.obj
    notice.amount = change.details["amount"]
    notice.issued_on = change.details["issued_on"]
    notice.conditions = change.details.get("conditions") or ""
    notice.file = change.details["document"]


def _district(document: GrantDocument):
    return document.procedure.district


def _recipients(document: GrantDocument, to_status: str) -> list[str]:
    """A submission goes to the LKS; everything else to the district's coordinators; a
    received application also to the state office, which issues the notice, and an
    issued notice also to the LKS."""
    if to_status == S.SUBMITTED:
        return addresses_of(Role.STATE_COORDINATOR)
    district = addresses_of(Role.NETWORK_COORDINATOR, district=_district(document))
    if to_status == S.RECEIVED and document.kind == K.APPLICATION:
        return sorted({*district, *addresses_of(Role.GRANT_OFFICE)})
    if to_status == S.ISSUED:
        return sorted({*district, *addresses_of(Role.STATE_COORDINATOR)})
    return district


GRANTS = Workflow(
    model=GrantDocument,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Einreichen"),
            sources=(S.OPEN, S.RETURNED),
            target=S.SUBMITTED,
            allowed=access.can_submit_grant_document,
            asks_for=("note",),
            guards=(_ready_to_submit,),
            effect=_freeze_submission,
        ),
        Transition(
            name="receive",
            label=gettext_lazy("Eingang bestätigen"),
            sources=(S.SUBMITTED,),
            target=S.RECEIVED,
            allowed=access.can_review_grant_document,
            asks_for=("note",),
            effect=_record_receipt,
        ),
        Transition(
            name="return",
            label=gettext_lazy("Zurückgeben"),
            sources=(S.SUBMITTED,),
            target=S.RETURNED,
            allowed=access.can_review_grant_document,
            asks_for=("note",),
            required={
                "note": Required(
                    message=gettext_lazy("Bitte begründen Sie, warum Sie das Dokument zurückgeben.")
                )
            },
        ),
        Transition(
            name="issue",
            label=gettext_lazy("Bescheid eintragen"),
            sources=(S.OPEN,),
            target=S.ISSUED,
            allowed=access.can_issue_grant_notice,
            asks_for=("amount", "issued_on", "conditions", "document", "note"),
            required={
                "amount": Required(message=gettext_lazy("Bitte den bewilligten Betrag angeben.")),
                "issued_on": Required(
                    message=gettext_lazy("Bitte das Datum des Bescheids angeben.")
                ),
                "document": Required(message=gettext_lazy("Bitte den Bescheid als PDF hochladen.")),
            },
            guards=(_application_received, _notice_is_a_pdf, _amount_not_negative),
            effect=_record_notice,
        ),
    ),
    record=step_rows(GrantStep, "document"),
    recipients=_recipients,
    district=_district,
    related=("procedure__district", "procedure__fund_year"),
    audit_fields=(
        "submitted_at",
        "received_at",
        "file",
        "spreadsheet",
        "amount",
        "issued_on",
        "conditions",
    ),
    mail_subject="grants/mail/step_subject.txt",
    mail_body="grants/mail/step.txt",
)

# The steps as the rest of Lotse calls them (views, demo, tests).
transition = GRANTS.transition
allowed_transitions = GRANTS.allowed
