"""The yearly cycle of a measure's documents (Projektsteckbrief, Sachbericht).

    draft → submitted (to the district) → checked → forwarded (to the LKS) → accepted
              ↘ returned (to the provider)            ↘ returned by the LKS → forwarded …

The provider (or the district) writes and submits; the district's network coordinator
checks — for a Sachbericht with the complete check NWK-P1 to NWK-P3 — returns it with a
note or forwards it; the LKS accepts or returns it to the district with a note. Every
step is a DocumentStep and mailed to the side whose turn it is. The engine
(lotse.workflow) takes the steps; who may take them: access.py.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accountability import access, checks
from lotse.accountability.mail import district_coordinators, writers_of
from lotse.accountability.models import DocumentStep, MeasureDocument
from lotse.accounts.mail import addresses_of
from lotse.accounts.models import Role
from lotse.funding.fb22 import all_conditions_hold
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.guards import shown_is_current
from lotse.workflow.records import step_rows

S = MeasureDocument.Status
REPORT_TEXTS = ("activities", "reach", "cooperation", "difficulties", "outlook")

RETURN_NOTE = Required(message=gettext_lazy("Bitte schreiben Sie dazu, was zu ändern ist."))


# Optimistic lock: the page the step was taken on must show the current document.
_unchanged_since_shown = shown_is_current(
    "lock_version",
    lambda document: document.lock_version,
    gettext_lazy(
        "Jemand anderes hat dieses Dokument inzwischen geändert. Es ist nichts verloren; "
        "bitte prüfen Sie den neuen Stand und wiederholen Sie den Schritt."
    ),
)


def _has_content(change: Change) -> str | None:
    document = change.obj
    if document.kind == MeasureDocument.Kind.PROFILE:
        if not document.description.strip():
            return _("Bitte beschreiben Sie die Maßnahme, bevor Sie einreichen.")
        return None
    report = document.measure.progress_reports.filter(year=document.fund_year.year).first()
    if report is None or not any(getattr(report, name).strip() for name in REPORT_TEXTS):
        return _("Der Sachbericht ist noch leer.")
    return None


def _check_complete(change: Change) -> list[str]:
    return checks.check_problems(change.obj)


def _fb22_conditions_hold(change: Change) -> str | None:
    """An FB II.2 measure's Sachbericht is accepted only when V1 to V6 hold together."""
    document = change.obj
    if document.kind != MeasureDocument.Kind.PROGRESS_REPORT:
        return None
    if all_conditions_hold(document.measure):
        return None
    return _(
        "Die Fördervoraussetzungen FB-II.2-V1 bis V6 sind nicht alle bestätigt; der "
        "Sachbericht einer Maßnahme im Förderbereich II.2 kann so nicht angenommen werden."
    )


def _bump(change: Change) -> None:
    change.obj.lock_version += 1
    change.obj.updated_by = change.by


def _on_submit(change: Change) -> None:
    _bump(change)
    change.obj.submitted_at = change.at
    change.obj.return_note = ""


def _on_check(change: Change) -> None:
    _bump(change)
    change.obj.checked_at = change.at


def _on_return(change: Change) -> None:
    _bump(change)
    change.obj.return_note = change.note


def _on_accept(change: Change) -> None:
    _bump(change)
    change.obj.accepted_at = change.at


def _recipients(document: MeasureDocument, to_status: str) -> list[str]:
    """Whose turn it is now: the district after a submission or the LKS's return, the LKS
    after forwarding, the writers after a return, a check or the acceptance."""
    measure = document.measure
    if to_status in (S.SUBMITTED, S.RETURNED_BY_LKS):
        return district_coordinators(measure)
    if to_status == S.FORWARDED:
        return addresses_of(Role.STATE_COORDINATOR)
    if to_status == S.ACCEPTED:
        return sorted(set(writers_of(measure)) | set(district_coordinators(measure)))
    return writers_of(measure)


def _district(document: MeasureDocument):
    return document.measure.district


STEP_DETAILS = ("note", "lock_version")

MEASURE_DOCUMENTS = Workflow(
    model=MeasureDocument,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Beim Jugendamt einreichen"),
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            allowed=access.can_submit,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown, _has_content),
            effect=_on_submit,
        ),
        Transition(
            name="check",
            label=gettext_lazy("Als geprüft festhalten"),
            sources=(S.SUBMITTED,),
            target=S.CHECKED,
            allowed=access.can_take_district_steps,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown, _check_complete),
            effect=_on_check,
        ),
        Transition(
            name="return",
            label=gettext_lazy("An den Träger zurückgeben"),
            sources=(S.SUBMITTED, S.CHECKED, S.RETURNED_BY_LKS),
            target=S.RETURNED,
            allowed=access.can_take_district_steps,
            asks_for=STEP_DETAILS,
            required={"note": RETURN_NOTE},
            guards=(_unchanged_since_shown,),
            effect=_on_return,
        ),
        Transition(
            name="forward",
            label=gettext_lazy("An die LKS weiterleiten"),
            sources=(S.CHECKED, S.RETURNED_BY_LKS),
            target=S.FORWARDED,
            allowed=access.can_take_district_steps,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown, _check_complete),
            effect=_bump,
        ),
        Transition(
            name="accept",
            label=gettext_lazy("Annehmen"),
            sources=(S.FORWARDED,),
            target=S.ACCEPTED,
            allowed=access.can_take_state_steps,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown, _fb22_conditions_hold),
            effect=_on_accept,
        ),
        Transition(
            name="return_to_district",
            label=gettext_lazy("An das Jugendamt zurückgeben"),
            sources=(S.FORWARDED,),
            target=S.RETURNED_BY_LKS,
            allowed=access.can_take_state_steps,
            asks_for=STEP_DETAILS,
            required={"note": RETURN_NOTE},
            guards=(_unchanged_since_shown,),
            effect=_on_return,
        ),
    ),
    record=step_rows(DocumentStep, "document"),
    recipients=_recipients,
    district=_district,
    related=("measure__district", "measure__funding_area", "measure__provider", "fund_year"),
    audit_fields=("submitted_at", "checked_at", "accepted_at", "return_note"),
    mail_subject="accountability/mail/step_subject.txt",
    mail_body="accountability/mail/step.txt",
)

# The steps as the rest of Lotse calls them (views, demo, tests).
transition = MEASURE_DOCUMENTS.transition
allowed_transitions = MEASURE_DOCUMENTS.allowed
