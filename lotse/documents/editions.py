"""The LKS keeps its own Landeskonzept edition: the federal steps, the obligations it
confirms, and the deadlines of the districts' concepts and reports.

    draft → submitted to the Bund → confirmed by the Bund → published → superseded

Art. 5 Abs. 4 VV Fonds FH has the LKS put its Landeskonzept before the Bund every three
years; Lotse only records the steps (with the day each happened). Publishing starts the
districts' clock: their regional concepts are due `concept_due_months` (twelve, Landeskonzept
§ 2) after the publication, and it supersedes the edition published before. The months are
the LKS's to set, as is the annual reports' deadline, which the Landeskonzept does not fix.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts import audit
from lotse.accounts.mail import addresses_of
from lotse.accounts.models import Role, User
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.documents import access, deadlines
from lotse.documents.models import Document, EditionStep
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.guards import date_not_in_future
from lotse.workflow.records import step_rows

S = StateConcept.Status

ON = Required(message=gettext_lazy("Bitte das Datum des Schritts angeben."))


_not_in_the_future = date_not_in_future("on", gettext_lazy("Das Datum liegt in der Zukunft."))


def _date_field(step: str) -> str:
    return {"submit": "submitted_on", "confirm": "confirmed_on", "publish": "published_on"}[step]


def _record_day(change: Change) -> None:
    setattr(change.obj, _date_field(change.transition.name), change.details["on"])


def _publish(change: Change) -> None:
    """The day of publication starts the districts' deadline; the edition published
    before is superseded by this one."""
    edition = change.obj
    edition.published_on = change.details["on"]
    # Stored now, so the older edition's step sees its published successor.
    edition.save(update_fields=["status", "published_on"])
    refresh_due_dates(edition)
    older = StateConcept.objects.filter(status=S.PUBLISHED, valid_from__lt=edition.valid_from)
    for previous in older.exclude(pk=edition.pk):
        EDITION.transition(
            previous,
            "supersede",
            by=change.by,
            note=_("Abgelöst durch %(edition)s.") % {"edition": edition.title},
        )


def _published_before_is_older(change: Change) -> str | None:
    newer = StateConcept.objects.filter(
        status=S.PUBLISHED, valid_from__gt=change.obj.valid_from
    ).first()
    if newer:
        return _("Es ist schon ein neueres Landeskonzept veröffentlicht: %(edition)s.") % {
            "edition": newer.title
        }
    return None


def _recipients(edition: StateConcept, to_status: str) -> list[str]:
    """Publication concerns the districts (their deadline starts) and the ministry."""
    if to_status == S.PUBLISHED:
        return addresses_of(Role.NETWORK_COORDINATOR) + addresses_of(Role.MINISTRY)
    return []


def _federal(name: str, label: str, source: str, target: str) -> Transition:
    return Transition(
        name=name,
        label=label,
        sources=(source,),
        target=target,
        allowed=access.can_keep_edition,
        asks_for=("on", "note"),
        required={"on": ON},
        guards=(_not_in_the_future,),
        effect=_record_day,
    )


EDITION = Workflow(
    model=StateConcept,
    transitions=(
        _federal("submit", gettext_lazy("Einreichung beim Bund eintragen"), S.DRAFT, S.SUBMITTED),
        _federal(
            "confirm", gettext_lazy("Bestätigung des Bundes eintragen"), S.SUBMITTED, S.CONFIRMED
        ),
        Transition(
            name="publish",
            label=gettext_lazy("Veröffentlichung eintragen"),
            sources=(S.CONFIRMED,),
            target=S.PUBLISHED,
            allowed=access.can_keep_edition,
            asks_for=("on", "note"),
            required={"on": ON},
            guards=(_not_in_the_future, _published_before_is_older),
            effect=_publish,
        ),
        # Taken by the publication of the next edition, never on its own.
        Transition(
            name="supersede",
            label=gettext_lazy("Ablösen"),
            sources=(S.PUBLISHED,),
            target=S.SUPERSEDED,
            allowed=access.can_supersede_edition,
            asks_for=("note",),
        ),
    ),
    record=step_rows(EditionStep, "state_concept"),
    recipients=_recipients,
    district=lambda edition: None,
    audit_fields=("submitted_on", "confirmed_on", "published_on"),
    link=lambda edition: edition.get_absolute_url(),
    mail_body="documents/mail/edition_step.txt",
)

transition = EDITION.transition
allowed_transitions = EDITION.allowed


def refresh_due_dates(edition: StateConcept) -> int:
    """Put the edition's deadlines on its documents again; returns how many moved.

    A document whose deadline moved later gets its reminders again from the start."""
    moved = 0
    documents = Document.objects.filter(state_concept=edition).select_for_update()
    for document in documents:
        if document.kind == Document.Kind.CONCEPT:
            due_on = deadlines.concept_due_on(edition)
        else:
            due_on = deadlines.annual_report_due_on(edition, document.year)
        if due_on == document.due_on:
            continue
        if due_on > document.due_on:
            document.reminder_stage = 0
        document.due_on = due_on
        document.save(update_fields=["due_on", "reminder_stage", "updated_at"])
        moved += 1
    return moved


@transaction.atomic
def set_deadlines(
    *,
    edition: StateConcept,
    concept_due_months: int,
    report_due_months: int,
    published_on: datetime.date | None,
    by: User,
) -> int:
    """Store the LKS's deadlines of the edition (and a corrected publication day) and move
    the due dates of its documents with them; returns how many documents moved."""
    edition = StateConcept.objects.select_for_update().get(pk=edition.pk)
    fields = ["concept_due_months", "report_due_months", "published_on"]
    if published_on is None and edition.is_public():
        raise ValidationError(
            _("Ein veröffentlichtes Landeskonzept braucht ein Veröffentlichungsdatum."),
            code="published_on_missing",
        )
    before = audit.snapshot(edition, fields)
    edition.concept_due_months = concept_due_months
    edition.report_due_months = report_due_months
    if edition.is_public():
        edition.published_on = published_on
    edition.save(update_fields=fields)
    audit.record_changes(actor=by, obj=edition, before=before)
    return refresh_due_dates(edition)


@transaction.atomic
def set_obligations(*, edition: StateConcept, chosen: dict[int, tuple[str, bool]], by: User) -> int:
    """The LKS confirms or changes the obligations of the edition's development modules:
    `chosen` maps an item's id to (obligation, confirmed). Returns how many changed."""
    changed = 0
    items = StateConceptItem.objects.select_for_update().filter(
        state_concept=edition,
        kind=StateConceptItem.Kind.DEVELOPMENT_MODULE,
        pk__in=chosen,
    )
    for item in items:
        obligation, confirmed = chosen[item.pk]
        if obligation not in StateConceptItem.Obligation.values:
            raise ValidationError(_("Unbekannte Verbindlichkeit."), code="unknown_obligation")
        if item.obligation == obligation and item.obligation_uncertain != confirmed:
            continue
        before = audit.snapshot(item, ["obligation", "obligation_uncertain"])
        item.obligation = obligation
        item.obligation_uncertain = not confirmed
        item.save(update_fields=["obligation", "obligation_uncertain"])
        audit.record_changes(actor=by, obj=item, before=before)
        changed += 1
    return changed
