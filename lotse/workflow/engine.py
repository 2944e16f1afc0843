"""The engine: a workflow is data (its transitions), a step is one atomic `transition()`.

Taking a step locks the object's row, checks the step exists, is the person's, starts
from the object's state and has what it needs; then it writes the new state, lets the
step set its own fields, stores the workflow's status-change row, records the change in
the audit log and, after the commit, mails the other side. Any refusal raises a
`TransitionRefused` and leaves everything as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lotse.accounts import audit
from lotse.accounts.mail import addresses_of, by_language
from lotse.accounts.models import Role, User
from lotse.core.links import public_url
from lotse.regions.models import District
from lotse.workflow.refusals import (
    GuardFailed,
    NotAllowed,
    UnknownTransition,
    WrongState,
)
from lotse.workflow.tasks import send_step_mail

# A guard answers with a refusal message (German, through gettext), several, or None.
Guard = Callable[["Change"], str | Sequence[str] | None]


@dataclass(frozen=True, kw_only=True)
class Required:
    """A detail a step cannot go without (the reason for a vote), with the refusal message."""

    message: str
    # The object may carry it already: a decision document uploaded before, open comments.
    unless: Callable[[Change], bool] | None = None


@dataclass(frozen=True, kw_only=True)
class Transition:
    """One step: from which states to which, who may take it, and what it needs."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    # Who may take it, on this object; the predicate lives in the app's access.py.
    allowed: Callable[[User, Any], bool]
    # The details its form offers (note, decided_on, …), in the order shown.
    asks_for: tuple[str, ...] = ()
    required: Mapping[str, Required] = field(default_factory=dict)
    guards: tuple[Guard, ...] = ()
    # Sets the step's own fields on the locked object (submitted_at, a frozen version, …)
    # after the new state and before the save.
    effect: Callable[[Change], None] | None = None


@dataclass(frozen=True, kw_only=True)
class Change:
    """A step being taken, as the hooks of a workflow see it."""

    obj: Any
    transition: Transition
    from_status: str
    by: User
    details: Mapping[str, Any]
    at: datetime.datetime

    @property
    def to_status(self) -> str:
        return self.transition.target

    @property
    def note(self) -> str:
        return self.details.get("note") or ""


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    recipients: list[str]


class Workflow:
    """The transitions over one model's state field, and what every step writes and mails.

    `record` stores the workflow's own status-change row and returns it; `recipients`
    gives the addresses to tell about a step, by the object and its new state; `district`
    files the audit entry under the object's district. The mail is rendered from
    `mail_subject` and `mail_body` with object, step, from_status, to_status, by, at,
    note and url (the object's page, `link`).
    """

    def __init__(
        self,
        *,
        model: type[models.Model],
        transitions: Iterable[Transition],
        record: Callable[[Change], models.Model],
        recipients: Callable[[Any, str], list[str]],
        district: Callable[[Any], District | None],
        state_field: str = "status",
        related: tuple[str, ...] = (),
        audit_fields: tuple[str, ...] = (),
        link: Callable[[Any], str] | None = None,
        mail_subject: str = "workflow/mail/status_change_subject.txt",
        mail_body: str = "workflow/mail/status_change.txt",
    ) -> None:
        self.model = model
        self.state_field = state_field
        self.transitions: dict[str, Transition] = {}
        self.record = record
        self.recipients = recipients
        self.district = district
        self.related = related
        self.audit_fields = (state_field, *audit_fields)
        self.link = link or (lambda obj: obj.get_absolute_url())
        self.mail_subject = mail_subject
        self.mail_body = mail_body
        state_column = model._meta.get_field(state_field)
        assert isinstance(state_column, models.Field)  # a column with choices, not a relation
        states = dict(state_column.flatchoices)
        for step in transitions:
            _check(step, states, self.transitions)
            self.transitions[step.name] = step
        self._state_labels = states

    def state_label(self, state: str) -> str:
        """The state's name for people, in the active language."""
        return str(self._state_labels[state])

    def allowed(self, user: User, obj: models.Model) -> list[Transition]:
        """The steps this person may take now (the buttons on the object's page)."""
        state = getattr(obj, self.state_field)
        return [
            step
            for step in self.transitions.values()
            if state in step.sources and step.allowed(user, obj)
        ]

    @transaction.atomic
    def transition(self, obj: models.Model, name: str, *, by: User, **details: Any) -> Any:
        """Take the step `name` and return its status-change row, or raise a
        TransitionRefused (nothing has changed then)."""
        step = self.transitions.get(name)
        if step is None:
            raise UnknownTransition
        # The row lock serialises two people clicking at once: the second one waits, then
        # sees the new state and is refused. Only the object's own row ("self"): the
        # joined rows (its district) stay free for everyone else.
        obj = (
            self.model._default_manager.select_for_update(of=("self",))
            .select_related(*self.related)
            .get(pk=obj.pk)
        )
        if not step.allowed(by, obj):
            raise NotAllowed
        before_state = getattr(obj, self.state_field)
        if before_state not in step.sources:
            raise WrongState(self.state_label(before_state))
        change = Change(
            obj=obj,
            transition=step,
            from_status=before_state,
            by=by,
            details={k: v.strip() if isinstance(v, str) else v for k, v in details.items()},
            at=timezone.now(),
        )
        problems = _problems(change)
        if problems:
            raise GuardFailed(problems)
        before = audit.snapshot(obj, self.audit_fields)
        setattr(obj, self.state_field, step.target)
        if step.effect:
            step.effect(change)
        obj.save()
        row = self.record(change)
        audit.record_changes(actor=by, obj=obj, before=before, district=self.district(obj))
        # After commit: nobody must hear of a step that was rolled back.
        transaction.on_commit(lambda: self._mail_after_commit(change))
        return row

    def mail_for(self, change: Change, recipients: list[str] | None = None) -> Mail | None:
        """The mail about a step, in the active language, to `recipients` (by default all
        who are to hear of it); None if nobody is."""
        if recipients is None:
            recipients = self.recipients(change.obj, change.to_status)
        if not recipients:
            return None
        context = {
            "object": change.obj,
            "step": change.transition.label,
            "from_status": self.state_label(change.from_status),
            "to_status": self.state_label(change.to_status),
            "by": change.by.email,
            "at": change.at,
            "note": change.note,
            "url": public_url(self.link(change.obj)),
        }
        subject = render_to_string(self.mail_subject, context)
        return Mail(
            subject="".join(subject.splitlines()).strip(),
            body=render_to_string(self.mail_body, context),
            recipients=recipients,
        )

    def _mail_after_commit(self, change: Change) -> None:
        # In each recipient's language (User.language), not the one of the page the step
        # was taken on: one mail per language.
        recipients = self.recipients(change.obj, change.to_status)
        for language, addresses in by_language(recipients).items():
            with translation.override(language):
                mail = self.mail_for(change, addresses)
            if mail:
                send_step_mail.enqueue(
                    subject=mail.subject, body=mail.body, recipients=mail.recipients
                )


def district_submits_to_lks(
    submitted: str, district: Callable[[Any], District | None]
) -> Callable[[Any, str], list[str]]:
    """`recipients` of a procedure a district puts before the LKS: the LKS hears of the
    submission (the step into `submitted`), the district's network coordinators of every
    other step."""

    def recipients(obj: Any, to_status: str) -> list[str]:
        if to_status == submitted:
            return addresses_of(Role.STATE_COORDINATOR)
        return addresses_of(Role.NETWORK_COORDINATOR, district=district(obj))

    return recipients


def _problems(change: Change) -> list[str]:
    """Missing required details first, then what the guards say."""
    problems: list[str] = []
    for name, required in change.transition.required.items():
        if change.details.get(name) in (None, "") and not (
            required.unless and required.unless(change)
        ):
            problems.append(str(required.message))
    for guard in change.transition.guards:
        said = guard(change)
        if isinstance(said, str):
            problems.append(said)
        elif said:
            problems.extend(str(problem) for problem in said)
    return problems


def _check(step: Transition, states: Mapping[str, Any], known: Mapping[str, Transition]) -> None:
    """A definition with a typo fails when its module is imported, not on a user's click."""
    if step.name in known:
        raise ImproperlyConfigured(f"Two transitions are named {step.name!r}.")
    unknown = {*step.sources, step.target} - set(states)
    if unknown:
        raise ImproperlyConfigured(f"Transition {step.name!r} names unknown states {unknown}.")
    unasked = set(step.required) - set(step.asks_for)
    if unasked:
        raise ImproperlyConfigured(
            f"Transition {step.name!r} requires {unasked} but its form does not ask for them."
        )
