"""Förderbereich III: an innovative measure needs a positive LKS vote and the federal
foundation's approval before it may receive money.

    draft → submitted → (LKS) negative vote   [end]
                      → (LKS) positive vote → federal review → approved
                                                             → approved with conditions
                                                             → rejected

The district proposes (with its Bedarfsanalyse); the LKS votes and records the federal
outcome with date and document. Every step is logged and mailed to the other side.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts import audit
from lotse.accounts.models import Role, User
from lotse.concept.mail import coordinators_of, reviewers
from lotse.core.links import public_url
from lotse.funding.models import Fb3Proposal, Fb3Step

S = Fb3Proposal.Status


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    source: str
    target: str
    by_lks: bool


STEPS = {
    s.name: s
    for s in (
        Step("submit", gettext_lazy("Der LKS vorlegen"), S.DRAFT, S.SUBMITTED, by_lks=False),
        Step("vote_positive", gettext_lazy("Positives Votum"), S.SUBMITTED, S.FEDERAL_REVIEW, by_lks=True),
        Step("vote_negative", gettext_lazy("Negatives Votum"), S.SUBMITTED, S.LKS_NEGATIVE, by_lks=True),
        Step("approve", gettext_lazy("Bewilligung eintragen"), S.FEDERAL_REVIEW, S.APPROVED, by_lks=True),
        Step("approve_with_conditions", gettext_lazy("Bewilligung mit Auflagen eintragen"), S.FEDERAL_REVIEW, S.APPROVED_WITH_CONDITIONS, by_lks=True),
        Step("reject", gettext_lazy("Ablehnung eintragen"), S.FEDERAL_REVIEW, S.REJECTED, by_lks=True),
    )
}  # fmt: skip
FEDERAL_STEPS = ("approve", "approve_with_conditions", "reject")


class StepRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _may(user: User, proposal: Fb3Proposal, step: Step) -> bool:
    if proposal.status != step.source:
        return False
    if step.by_lks:
        return user.has_role(Role.STATE_COORDINATOR)
    return (
        user.districts(role=Role.NETWORK_COORDINATOR)
        .filter(pk=proposal.measure.district_id)
        .exists()
    )


def allowed_steps(user: User, proposal: Fb3Proposal) -> list[Step]:
    return [step for step in STEPS.values() if _may(user, proposal, step)]


@transaction.atomic
def take(
    proposal: Fb3Proposal,
    name: str,
    *,
    by: User,
    note: str = "",
    decided_on: datetime.date | None = None,
    document=None,
    conditions: str = "",
) -> Fb3Step:
    proposal = (
        Fb3Proposal.objects.select_for_update()
        .select_related("measure__district")
        .get(pk=proposal.pk)
    )
    step = STEPS.get(name)
    if step is None or not _may(by, proposal, step):
        raise StepRefused(
            [
                _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
                % {"status": proposal.get_status_display()}
            ]
        )
    note = note.strip()
    problems = []
    if name.startswith("vote_") and not note:
        problems.append(_("Bitte begründen Sie das Votum."))
    if name in FEDERAL_STEPS:
        if decided_on is None:
            problems.append(_("Bitte das Datum der Entscheidung der Bundesstiftung angeben."))
        if not document and not proposal.federal_document:
            problems.append(_("Bitte den Bescheid der Bundesstiftung hochladen."))
        if name == "approve_with_conditions" and not conditions.strip():
            problems.append(_("Bitte die Auflagen eintragen."))
    if problems:
        raise StepRefused(problems)
    before = proposal.status
    proposal.status = step.target
    if name.startswith("vote_"):
        proposal.lks_reason = note
    if name in FEDERAL_STEPS:
        proposal.federal_decided_on = decided_on
        proposal.federal_conditions = conditions.strip()
        if document:
            proposal.federal_document = document
    proposal.save()
    record = Fb3Step.objects.create(
        proposal=proposal,
        from_status=before,
        to_status=step.target,
        by=by,
        by_label=by.email,
        note=note,
    )
    audit.record(
        actor=by,
        obj=proposal,
        action="update",
        changes={"status": [before, step.target]},
        district=proposal.measure.district,
    )
    transaction.on_commit(lambda: _send_mail_later(record.pk))
    return record


def _send_mail_later(step_id: int) -> None:
    from lotse.funding.tasks import send_fb3_mail  # tasks imports this module

    send_fb3_mail.enqueue(step_id=step_id)


def notify(step_id: int) -> int:
    """The LKS hears of a proposal; the district of every decision."""
    record = Fb3Step.objects.select_related("proposal__measure__district").get(pk=step_id)
    proposal = record.proposal
    measure = proposal.measure
    if record.to_status == S.SUBMITTED:
        recipients = reviewers()
    else:
        recipients = coordinators_of(measure.district)
    if not recipients:
        return 0
    url = public_url(measure.get_absolute_url())
    body = (
        f"Guten Tag,\n\ndas Vorhaben „{measure}“ (Förderbereich III, {measure.district}) hat einen "
        f"neuen Stand: {record.get_to_status_display()} (vorher: {record.get_from_status_display()}), "
        f"eingetragen von {record.by_label}.\n"
        + (f"\nBegründung / Anmerkung:\n{record.note}\n" if record.note else "")
        + f"\nZum Vorhaben: {url}\n\nDiese Nachricht wurde von Lotse – Frühe Hilfen MV automatisch versandt.\n"
    )
    return send_mail(
        f"Lotse: FB III „{measure}“ – {record.get_to_status_display()}", body, None, recipients
    )


def to_do(user: User):
    """Proposals waiting for this person: drafts of her district, or the LKS's votes and
    federal outcomes to record."""
    proposals = Fb3Proposal.objects.select_related("measure__district").defer(
        "measure__district__boundary"
    )
    if user.has_role(Role.STATE_COORDINATOR):
        return proposals.filter(status__in=[S.SUBMITTED, S.FEDERAL_REVIEW])
    return proposals.filter(
        status=S.DRAFT, measure__district__in=user.districts(role=Role.NETWORK_COORDINATOR)
    )
