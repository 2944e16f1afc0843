"""The review workflow of concepts and annual reports.

    draft → submitted → in review → changes requested → submitted … → accepted

The district submits (and resubmits); only the LKS starts a review, asks for changes or
accepts. Every step is a StatusChange (who, when, note), a submission or acceptance
freezes a Version, and the other side gets an e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.concept import access
from lotse.concept.models import Document, ModuleStatus, StateConceptItem, StatusChange
from lotse.concept.tasks import send_status_change_mail
from lotse.concept.versions import save_version

S = Document.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    by_reviewer: bool
    needs_note: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", gettext_lazy("Einreichen"), (S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED, by_reviewer=False),
        Transition("start_review", gettext_lazy("Prüfung beginnen"), (S.SUBMITTED,), S.IN_REVIEW, by_reviewer=True),
        Transition("request_changes", gettext_lazy("Änderungen erbitten"), (S.IN_REVIEW,), S.CHANGES_REQUESTED, by_reviewer=True, needs_note=True),
        Transition("accept", gettext_lazy("Annehmen"), (S.IN_REVIEW,), S.ACCEPTED, by_reviewer=True),
    )
}  # fmt: skip


class TransitionError(Exception):
    """The step is not possible; `problems` says why, in German."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def allowed_transitions(user: User, document: Document) -> list[Transition]:
    """The steps this person may take now (the buttons on the document page)."""
    return [t for t in TRANSITIONS.values() if _may(user, document, t)]


def _may(user: User, document: Document, transition: Transition) -> bool:
    if document.status not in transition.sources:
        return False
    if transition.by_reviewer:
        return access.can_review(user)
    return access.can_submit(user, document)


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
        from lotse.concept.queries import measures_of

        unlinked = [m.title for m in measures_of(document) if not m.serves.all()]
        if unlinked:
            problems.append(
                _(
                    "Maßnahmen ohne Bezug zu einer Mindestanforderung oder einem Entwicklungsbaustein: %(measures)s."
                )
                % {"measures": ", ".join(unlinked)}
            )
    return problems


@transaction.atomic
def transition(document: Document, name: str, *, by: User, note: str = "") -> StatusChange:
    """Take one step of the workflow, or raise TransitionError (nothing changes then)."""
    document = Document.objects.select_for_update().select_related("district").get(pk=document.pk)
    step = TRANSITIONS.get(name)
    if step is None or not _may(by, document, step):
        raise TransitionError(
            [
                _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
                % {"status": document.get_status_display()}
            ]
        )
    note = note.strip()
    if step.needs_note and not note and not document.comments.filter(resolved=False).exists():
        raise TransitionError(
            [_("Bitte begründen Sie, welche Änderungen Sie erbitten (Anmerkung oder Kommentar).")]
        )
    if name == "submit":
        problems = submission_problems(document)
        if problems:
            raise TransitionError(problems)
    before = document.status
    document.status = step.target
    now = timezone.now()
    if name == "submit":
        document.submitted_at = now
        save_version(document, by=by)
    elif name == "accept":
        document.accepted_at = now
        save_version(document, by=by, accepted=True)
    document.save(update_fields=["status", "submitted_at", "accepted_at", "updated_at"])
    change = StatusChange.objects.create(
        document=document,
        from_status=before,
        to_status=step.target,
        by=by,
        by_label=by.email,
        note=note,
    )
    audit.record(
        actor=by,
        obj=document,
        action="update",
        changes={"status": [before, step.target]},
        district=document.district,
    )
    transaction.on_commit(lambda: send_status_change_mail.enqueue(change_id=change.pk))
    return change
