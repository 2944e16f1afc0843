"""One workflow engine for Lotse's state machines (docs/adr/0007-one-workflow-engine.md).

A workflow is a `Workflow` of `Transition`s over one model's state field, defined in the
app that owns the model (`documents/workflow.py`, `funding/fb3.py`); permissions come from
the app's `access.py`, status-change rows from its `models.py`. The engine imports only
`lotse.core`, `lotse.regions` and `lotse.accounts`, never an app with a workflow.
"""

from lotse.workflow.engine import (
    Change,
    Mail,
    Required,
    Transition,
    Workflow,
    district_submits_to_lks,
)
from lotse.workflow.refusals import (
    GuardFailed,
    NotAllowed,
    TransitionRefused,
    UnknownTransition,
    WrongState,
)

__all__ = [
    "Change",
    "GuardFailed",
    "Mail",
    "NotAllowed",
    "Required",
    "Transition",
    "TransitionRefused",
    "UnknownTransition",
    "Workflow",
    "WrongState",
    "district_submits_to_lks",
]
