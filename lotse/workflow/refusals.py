"""Why a step of a workflow was refused. Nothing has changed when one of these is raised.

Views turn them into answers: an unknown step is 404, a step that is not the person's is
403 (its button was never shown), any other refusal one German message per problem.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


class TransitionRefused(Exception):
    """The step was not taken; `problems` says why, in the active language."""

    def __init__(self, problems: Iterable[str]):
        self.problems = [str(problem) for problem in problems]
        super().__init__("; ".join(self.problems))


class UnknownTransition(TransitionRefused):
    """The workflow has no step of this name (a forged or outdated form)."""

    def __init__(self) -> None:
        super().__init__([_("Diesen Schritt gibt es hier nicht.")])


class NotAllowed(TransitionRefused):
    """The step is not this person's: another role or another district takes it."""

    def __init__(self) -> None:
        super().__init__([_("Diesen Schritt dürfen Sie nicht gehen.")])


class WrongState(TransitionRefused):
    """The object is not in a state the step starts from (someone was quicker)."""

    def __init__(self, state_label: str) -> None:
        super().__init__(
            [_("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.") % {"status": state_label}]
        )


class GuardFailed(TransitionRefused):
    """A rule of the step is not met: a required detail is missing or a guard refused."""
