"""The coordinator's review of a new offer, before parents find it.

    pending (waits for the district's network coordinator) → approved (live)
            ↘ returned (to the provider, with a note) → pending …

A new offer made by a provider waits (Offer.approval); the coordinator of its district (the
LKS when it has none) approves it, or returns it with a note saying what to fix. The
provider reads the note on her start page and on the offer, fixes the offer and submits it
again (saving the form does so, `resubmit_after_save`). Nothing goes live without a way to
reach someone (contacts.require_reachable). Every step is an OfferApprovalStep, audited
and mailed to the side whose turn it is, in each recipient's language (lotse.workflow).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lotse.accounts.mail import addresses_of, send_in_their_language
from lotse.accounts.models import Role, User
from lotse.core.links import public_url
from lotse.offers import access, actions, contacts, search_index
from lotse.offers.models import Offer, OfferApprovalStep
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.guards import shown_is_current
from lotse.workflow.records import step_rows

A = Offer.Approval


# Optimistic lock: the coordinator decides on the offer as her page showed it.
_unchanged_since_shown = shown_is_current(
    "version",
    actions.version_of,
    gettext_lazy(
        "Das Angebot wurde inzwischen geändert. Bitte sehen Sie sich den neuen Stand an "
        "und entscheiden Sie dann."
    ),
)


def _reachable(change: Change) -> list[str] | None:
    try:
        contacts.require_reachable(change.obj)
    except ValidationError as refusal:
        return refusal.messages
    return None


def _on_approve(change: Change) -> None:
    offer = change.obj
    offer.approval_note = ""
    offer.save(update_fields=["approval", "approval_note", "last_modified"])
    search_index.refresh([offer.pk])  # parents find it from now on


def _on_return(change: Change) -> None:
    change.obj.approval_note = change.note


def _on_submit(change: Change) -> None:
    change.obj.approval_note = ""


def _recipients(offer: Offer, to_status: str) -> list[str]:
    """Whose turn it is: the district's coordinators (the LKS when the offer has no
    district) when it waits, the provider's editors otherwise."""
    if to_status == A.PENDING:
        if offer.district_id is None:
            return addresses_of(Role.STATE_COORDINATOR)
        return addresses_of(Role.NETWORK_COORDINATOR, district=offer.district)
    return addresses_of(Role.PROVIDER_EDITOR, organization=offer.organization)


RETURN_NOTE = Required(message=gettext_lazy("Bitte schreiben Sie dem Träger, was zu ändern ist."))
STEP_DETAILS = ("note", "version")

APPROVAL = Workflow(
    model=Offer,
    state_field="approval",
    transitions=(
        Transition(
            name="approve",
            label=gettext_lazy("Freigeben"),
            sources=(A.PENDING,),
            target=A.APPROVED,
            allowed=access.can_approve,
            asks_for=STEP_DETAILS,
            guards=(_unchanged_since_shown, _reachable),
            effect=_on_approve,
        ),
        Transition(
            name="return",
            label=gettext_lazy("Mit Hinweis an den Träger zurückgeben"),
            sources=(A.PENDING,),
            target=A.RETURNED,
            allowed=access.can_approve,
            asks_for=STEP_DETAILS,
            required={"note": RETURN_NOTE},
            guards=(_unchanged_since_shown,),
            effect=_on_return,
        ),
        Transition(
            name="submit",
            label=gettext_lazy("Erneut zur Freigabe geben"),
            sources=(A.RETURNED,),
            target=A.PENDING,
            allowed=access.can_resubmit,
            asks_for=("note",),
            effect=_on_submit,
        ),
    ),
    record=step_rows(OfferApprovalStep, "offer"),
    recipients=_recipients,
    district=lambda offer: offer.district,
    related=("organization",),
    audit_fields=("approval_note",),
    link=lambda offer: reverse("upkeep:offer", kwargs={"offer_id": offer.pk}),
    mail_subject="offers/mail/approval_step_subject.txt",
    mail_body="offers/mail/approval_step.txt",
)

allowed_steps = APPROVAL.allowed


def announce_new_offer(offer: Offer) -> None:
    """A provider made a new offer: after the commit, the coordinators whose turn it is hear
    of it, each in her language."""
    if offer.approval != A.PENDING:
        return
    recipients = _recipients(offer, A.PENDING)
    context = {
        "object": offer,
        "to_status": A.PENDING.label,
        "url": public_url(reverse("upkeep:offer", kwargs={"offer_id": offer.pk})),
    }
    transaction.on_commit(
        lambda: send_in_their_language(
            recipients,
            "offers/mail/approval_step_subject.txt",
            "offers/mail/new_offer.txt",
            context,
        )
    )


def resubmit_after_save(offer: Offer, by: User) -> bool:
    """A returned offer saved by its provider goes back to the coordinator. Returns
    whether it did."""
    if offer.approval != A.RETURNED or not access.can_resubmit(by, offer):
        return False
    APPROVAL.transition(offer, "submit", by=by)
    return True


def steps_of(offer: Offer) -> list[OfferApprovalStep]:
    return list(offer.approval_steps.order_by("at", "pk"))


def details_from(data: Any) -> dict[str, Any]:
    """The step's details as the form on the offer's page sends them."""
    return {"note": data.get("note", ""), "version": data.get("version") or None}
