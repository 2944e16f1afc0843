"""The view side of the engine: a step asked for in a form, and the answer to a refusal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from lotse.accounts.access import AuthenticatedHttpRequest
from lotse.workflow.engine import Workflow
from lotse.workflow.refusals import NotAllowed, TransitionRefused, UnknownTransition


def take_step(
    request: AuthenticatedHttpRequest, workflow: Workflow, obj: Any, name: str, **details: Any
):
    """Take the step and say so, or say why not; returns the status-change row or None.

    An unknown step is 404 and a step that is not the person's 403, as the page never
    offered it; any other refusal (someone was quicker, a detail is missing) is one
    message per problem on the object's page.
    """
    try:
        row = workflow.transition(obj, name, by=request.user, **details)
    except UnknownTransition:
        raise Http404 from None
    except NotAllowed:
        raise PermissionDenied from None
    except TransitionRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
        return None
    target = workflow.transitions[name].target
    messages.success(
        request, _("Neuer Stand: %(status)s.") % {"status": workflow.state_label(target)}
    )
    return row
