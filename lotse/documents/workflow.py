"""The review workflow of concepts and annual reports.

    draft → submitted → in review → changes requested → submitted … → accepted

The district submits (and resubmits); only the LKS starts a review, asks for changes or
accepts. Every step is a StatusChange (who, when, note), a submission or acceptance
freezes a Version, and the other side gets an e-mail. The engine (lotse.workflow) takes
the steps; this module says which there are.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.concept.models import StateConceptItem
from lotse.documents import access
from lotse.documents.models import Document, ModuleStatus, StatusChange
from lotse.documents.versions import save_version
from lotse.workflow import Change, Required, Transition, Workflow, district_submits_to_lks
from lotse.workflow.records import step_rows

S = Document.Status


def submission_problems(document: Document) -> list[str]:
    """What keeps a document from being submitted: required modules must be engaged."""
    problems = []
    statuses = document.module_statuses.select_related("module")
    for status in statuses:
        module = status.module
        if (
            module.obligation == StateConceptItem.Obligation.REQUIRED
            and status.status == ModuleStatus.Status.NOT_APPLICABLE
        ):
            problems.append(
                _(
                    "%(code)s ist ein erforderlicher Entwicklungsbaustein und kann nicht „nicht zutreffend“ sein."
                )
                % {"code": module.code}
            )
    if document.kind == Document.Kind.CONCEPT:
        empty = [s.title for s in document.sections.all() if not s.text.strip()]
        if empty:
            problems.append(_("Noch ohne Text: %(sections)s.") % {"sections": ", ".join(empty)})
        from lotse.documents.queries import measures_of

        unlinked = [m.title for m in measures_of(document) if not m.serves.all()]
        if unlinked:
            problems.append(
                _(
                    "Maßnahmen ohne Bezug zu einer Mindestanforderung oder einem Entwicklungsbaustein: %(measures)s."
                )
                % {"measures": ", ".join(unlinked)}
            )
    return problems


def _submission_is_complete(change: Change) -> list[str]:
    return submission_problems(change.obj)


def _has_open_comments(change: Change) -> bool:
    return change.obj.comments.filter(resolved=False).exists()


def _freeze_submission(change: Change) -> None:
    change.obj.submitted_at = change.at
    save_version(change.obj, by=change.by)


def _freeze_acceptance(change: Change) -> None:
    change.obj.accepted_at = change.at
    save_version(change.obj, by=change.by, accepted=True)


def _district(document: Document):
    return document.district


REVIEW = Workflow(
    model=Document,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Einreichen"),
            sources=(S.DRAFT, S.CHANGES_REQUESTED),
            target=S.SUBMITTED,
            allowed=access.can_take_district_steps,
            asks_for=("note",),
            guards=(_submission_is_complete,),
            effect=_freeze_submission,
        ),
        Transition(
            name="start_review",
            label=gettext_lazy("Prüfung beginnen"),
            sources=(S.SUBMITTED,),
            target=S.IN_REVIEW,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
        ),
        Transition(
            name="request_changes",
            label=gettext_lazy("Änderungen erbitten"),
            sources=(S.IN_REVIEW,),
            target=S.CHANGES_REQUESTED,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
            required={
                "note": Required(
                    message=gettext_lazy(
                        "Bitte begründen Sie, welche Änderungen Sie erbitten (Anmerkung oder Kommentar)."
                    ),
                    unless=_has_open_comments,
                )
            },
        ),
        Transition(
            name="accept",
            label=gettext_lazy("Annehmen"),
            sources=(S.IN_REVIEW,),
            target=S.ACCEPTED,
            allowed=access.can_take_review_steps,
            asks_for=("note",),
            effect=_freeze_acceptance,
        ),
    ),
    record=step_rows(StatusChange, "document"),
    recipients=district_submits_to_lks(S.SUBMITTED, _district),
    district=_district,
    related=("district", "state_concept"),
    audit_fields=("submitted_at", "accepted_at"),
    mail_body="documents/mail/status_change.txt",
)

# The review's steps as the rest of Lotse calls them (views, demo, tests).
transition = REVIEW.transition
allowed_transitions = REVIEW.allowed
