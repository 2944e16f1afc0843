"""The coordinator's review of changes to a live offer.

    draft → submitted (to the district's network coordinator) → approved (taken over)
                    ↘ returned (to the provider, with a note) → submitted …
    submitted / returned → withdrawn (by the provider)

A provider saving a live offer proposes a change (`propose_change`): the ways to reach the
provider go live at once (changes.AT_ONCE), the rest is stored as a proposal while parents
keep seeing the approved version. Approving takes the proposal over in the same
transaction through the offers' write path (actions.save_offer: search table, public cache,
audit). Every step is an OfferChangeStep, audited and mailed to the side whose turn it is;
the engine (lotse.workflow) takes the steps, access.py says who may.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lotse.accounts import audit
from lotse.accounts.mail import addresses_of
from lotse.accounts.models import AuditEntry, Role, User
from lotse.offers import access, actions, changes
from lotse.offers.models import Offer, OfferChange, OfferChangeStep
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.guards import shown_is_current
from lotse.workflow.records import step_rows
from lotse.workflow.refusals import GuardFailed

S = OfferChange.Status


# Optimistic lock: the coordinator decides on the proposal her page showed.
_unchanged_since_shown = shown_is_current(
    "revision",
    lambda change: change.revision,
    gettext_lazy(
        "Der Träger hat seinen Vorschlag inzwischen geändert. Bitte sehen Sie sich den "
        "neuen Stand an und entscheiden Sie dann."
    ),
)


def _on_submit(change: Change) -> None:
    proposal = change.details.get("proposal")
    if proposal is not None and proposal != change.obj.proposal:
        change.obj.proposal = proposal
        change.obj.revision += 1
    change.obj.proposed_by = change.by
    change.obj.return_note = ""


def _on_return(change: Change) -> None:
    change.obj.return_note = change.note


def _on_approve(change: Change) -> None:
    """Take the proposal over; the contact details stay as they are live (they went live
    at once, perhaps corrected again since)."""
    offer = Offer.objects.select_for_update().get(pk=change.obj.offer_id)
    content = changes.content_from(change.obj.proposal)
    for name in changes.AT_ONCE:
        content.fields[name] = getattr(offer, name)
    try:
        actions.save_offer(offer=offer, content=content, by=change.by)
    except ValidationError as refusal:  # the whole step is rolled back
        raise GuardFailed(refusal.messages) from None
    change.obj.return_note = ""


def _recipients(change: OfferChange, to_status: str) -> list[str]:
    """Whose turn it is: the district's coordinators after a submission or a withdrawal
    (the LKS when the offer has no district), the provider's editors otherwise."""
    offer = change.offer
    if to_status in (S.SUBMITTED, S.WITHDRAWN):
        if offer.district_id is None:
            return addresses_of(Role.STATE_COORDINATOR)
        return addresses_of(Role.NETWORK_COORDINATOR, district=offer.district)
    editors = set(addresses_of(Role.PROVIDER_EDITOR, organization=offer.organization))
    if change.proposed_by is not None and change.proposed_by.is_active:
        editors.add(change.proposed_by.email)
    return sorted(editors)


RETURN_NOTE = Required(message=gettext_lazy("Bitte schreiben Sie dem Träger, was zu ändern ist."))
STEP_DETAILS = ("note", "revision")

CHANGE_REVIEW = Workflow(
    model=OfferChange,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Zur Freigabe geben"),
            sources=(S.DRAFT, S.RETURNED),
            target=S.SUBMITTED,
            allowed=access.can_propose_change,
            asks_for=("note",),
            effect=_on_submit,
        ),
        Transition(
            name="approve",
            label=gettext_lazy("Änderungen übernehmen"),
            sources=(S.SUBMITTED,),
            target=S.APPROVED,
            allowed=access.can_review_change,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown,),
            effect=_on_approve,
        ),
        Transition(
            name="return",
            label=gettext_lazy("Mit Hinweis an den Träger zurückgeben"),
            sources=(S.SUBMITTED,),
            target=S.RETURNED,
            allowed=access.can_review_change,
            asks_for=STEP_DETAILS,
            required={"note": RETURN_NOTE},
            guards=(_unchanged_since_shown,),
            effect=_on_return,
        ),
        Transition(
            name="withdraw",
            label=gettext_lazy("Änderungen zurückziehen"),
            sources=(S.SUBMITTED, S.RETURNED),
            target=S.WITHDRAWN,
            allowed=access.can_propose_change,
            asks_for=("note",),
        ),
    ),
    record=step_rows(OfferChangeStep, "change"),
    recipients=_recipients,
    district=lambda change: change.offer.district,
    related=("offer", "offer__organization"),
    audit_fields=("return_note", "revision"),
    link=lambda change: reverse("upkeep:offer_change", kwargs={"offer_id": change.offer_id}),
    mail_subject="offers/mail/change_step_subject.txt",
    mail_body="offers/mail/change_step.txt",
)

allowed_transitions = CHANGE_REVIEW.allowed


def open_change(offer: Offer) -> OfferChange | None:
    """The offer's proposal still under way (at most one, a database constraint)."""
    return offer.changes.filter(status__in=OfferChange.OPEN).first()


@dataclass(frozen=True)
class Proposed:
    """What saving a live offer did: corrections live at once, a change under review."""

    corrected: bool
    change: OfferChange | None
    withdrawn: bool = False


@transaction.atomic
def propose_change(
    *,
    offer: Offer,
    content: actions.OfferContent,
    by: User,
    expected_version: str | None = None,
) -> Proposed:
    """A provider saved her live offer: contact details go live, the rest waits.

    A proposal already waiting is replaced by the new one (its revision counts up); a
    returned one goes back to the coordinator. When the form asks for nothing but the
    live version any more, the open proposal is withdrawn. With `expected_version`, it is
    refused (actions.ConcurrentEdit) if the live offer changed since the form was opened.
    """
    if expected_version is not None:
        actions.refuse_if_changed(offer, expected_version)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    wanted = changes.content_data(content)
    corrected = actions.correct_contact_details(
        offer=offer, values=changes.at_once_values(wanted), by=by
    )
    live = changes.offer_data(offer)
    change = (
        OfferChange.objects.select_for_update()
        .filter(offer=offer, status__in=OfferChange.OPEN)
        .first()
    )
    if not changes.needs_review(live, wanted):
        if change is not None and change.status != S.DRAFT:
            CHANGE_REVIEW.transition(change, "withdraw", by=by)
            return Proposed(corrected=corrected, change=None, withdrawn=True)
        return Proposed(corrected=corrected, change=None)
    if change is None:
        change = OfferChange.objects.create(offer=offer, proposal=wanted, proposed_by=by)
        audit.record_creation(actor=by, obj=change, fields=("status",), district=offer.district)
    if change.status == S.SUBMITTED:
        if change.proposal != wanted:
            before = audit.snapshot(change, ("revision",))
            change.proposal = wanted
            change.revision += 1
            change.proposed_by = by
            change.save(update_fields=["proposal", "revision", "proposed_by", "updated_at"])
            audit.record_changes(actor=by, obj=change, before=before, district=offer.district)
        return Proposed(corrected=corrected, change=change)
    CHANGE_REVIEW.transition(change, "submit", by=by, proposal=wanted)
    change.refresh_from_db()
    return Proposed(corrected=corrected, change=change)


def review(change: OfferChange) -> list[changes.Difference]:
    """What the coordinator decides on: the live version against the proposal, field by
    field (contact details are live already and left out)."""
    return changes.differences(changes.offer_data(change.offer), change.proposal)


def steps_of(change: OfferChange) -> list[OfferChangeStep]:
    return list(change.steps.order_by("at", "pk"))


def latest_changes_of(offer: Offer, *, limit: int = 5) -> list[OfferChange]:
    return list(offer.changes.order_by("-created_at", "-pk")[:limit])


def history_entries(offer: Offer, *, limit: int = 30) -> list[tuple[AuditEntry, list[str]]]:
    """The offer's audit entries, newest first, each with the German labels of the parts it
    changed."""
    entries = AuditEntry.objects.filter(
        content_type__app_label="offers", content_type__model="offer", object_id=str(offer.pk)
    ).order_by("-at")[:limit]
    return [(entry, [changes.label(name) for name in entry.changes]) for entry in entries]


def details_from(data: Any) -> dict[str, Any]:
    """The step's details as the review form sends them."""
    return {"note": data.get("note", ""), "revision": data.get("revision") or None}
