"""Förderbereich III: an innovative measure needs a positive LKS vote and the federal
foundation's approval before it may receive money.

    draft → submitted → (LKS) negative vote   [end]
                      → (LKS) positive vote → federal review → approved
                                                             → approved with conditions
                                                             → rejected

The district proposes (with its Bedarfsanalyse); the LKS votes with reasons and records
the federal outcome with date and document. Every step is an Fb3Step and mailed to the
other side. The engine (lotse.workflow) takes the steps; this module says which there
are. Who may take them: funding/access.py; the to-do list: funding/queries.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from lotse.funding import access
from lotse.funding.models import Fb3Proposal, Fb3Step
from lotse.workflow import Change, Required, Transition, Workflow, district_submits_to_lks
from lotse.workflow.records import step_rows

S = Fb3Proposal.Status

REASON = Required(message=gettext_lazy("Bitte begründen Sie das Votum."))
DECIDED_ON = Required(
    message=gettext_lazy("Bitte das Datum der Entscheidung der Bundesstiftung angeben.")
)
DECISION = Required(
    message=gettext_lazy("Bitte den Bescheid der Bundesstiftung hochladen."),
    unless=lambda change: bool(change.obj.federal_document),
)
CONDITIONS = Required(message=gettext_lazy("Bitte die Auflagen eintragen."))


def _record_vote(change: Change) -> None:
    change.obj.lks_reason = change.note


def _record_federal_decision(change: Change) -> None:
    proposal = change.obj
    proposal.federal_decided_on = change.details.get("decided_on")
    proposal.federal_conditions = change.details.get("conditions") or ""
    if change.details.get("document"):
        proposal.federal_document = change.details["document"]


def _vote(name: str, label: str, target: str) -> Transition:
    return Transition(
        name=name,
        label=label,
        sources=(S.SUBMITTED,),
        target=target,
        allowed=access.can_decide_fb3,
        asks_for=("note",),
        required={"note": REASON},
        effect=_record_vote,
    )


def _federal(name: str, label: str, target: str, *, conditions: bool = False) -> Transition:
    required = {"decided_on": DECIDED_ON, "document": DECISION}
    if conditions:
        required["conditions"] = CONDITIONS
    return Transition(
        name=name,
        label=label,
        sources=(S.FEDERAL_REVIEW,),
        target=target,
        allowed=access.can_decide_fb3,
        asks_for=("note", "decided_on", "document", *(("conditions",) if conditions else ())),
        required=required,
        effect=_record_federal_decision,
    )


def _district(proposal: Fb3Proposal):
    return proposal.measure.district


FB3 = Workflow(
    model=Fb3Proposal,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Der LKS vorlegen"),
            sources=(S.DRAFT,),
            target=S.SUBMITTED,
            allowed=access.can_propose_fb3,
        ),
        _vote("vote_positive", gettext_lazy("Positives Votum"), S.FEDERAL_REVIEW),
        _vote("vote_negative", gettext_lazy("Negatives Votum"), S.LKS_NEGATIVE),
        _federal("approve", gettext_lazy("Bewilligung eintragen"), S.APPROVED),
        _federal(
            "approve_with_conditions",
            gettext_lazy("Bewilligung mit Auflagen eintragen"),
            S.APPROVED_WITH_CONDITIONS,
            conditions=True,
        ),
        _federal("reject", gettext_lazy("Ablehnung eintragen"), S.REJECTED),
    ),
    record=step_rows(Fb3Step, "proposal"),
    recipients=district_submits_to_lks(S.SUBMITTED, _district),
    district=_district,
    related=("measure__district",),
    audit_fields=(
        "lks_reason",
        "federal_decided_on",
        "federal_conditions",
        "federal_document",
    ),
    link=lambda proposal: proposal.measure.get_absolute_url(),
    mail_subject="funding/mail/fb3_step_subject.txt",
    mail_body="funding/mail/fb3_step.txt",
)
FEDERAL_STEPS = ("approve", "approve_with_conditions", "reject")

# The steps as the rest of Lotse calls them (views, demo, tests).
transition = FB3.transition
allowed_transitions = FB3.allowed
