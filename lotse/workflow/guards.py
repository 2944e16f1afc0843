"""Guards that several workflows share, made for each use with its own detail and message.

A guard takes the step being taken (`engine.Change`) and answers with a refusal message or
None; see `engine.Guard`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from lotse.workflow.engine import Change, Guard


def shown_is_current(detail: str, current: Callable[[Any], Any], message: str) -> Guard:
    """Optimistic lock: the step's form sent the object's version as `detail`; when the
    object has changed since the page showed it (`current(obj)` differs), refuse with
    `message`. A step sent without the detail (from code, not from a page) passes."""

    def guard(change: Change) -> str | None:
        shown = change.details.get(detail)
        if shown in (None, "") or str(shown) == str(current(change.obj)):
            return None
        return str(message)

    return guard


def date_not_in_future(detail: str, message: str) -> Guard:
    """The date the step records (`detail`: the day a committee decided, a federal step was
    taken, …) has happened already."""

    def guard(change: Change) -> str | None:
        day = change.details.get(detail)
        if day and day > timezone.localdate():
            return str(message)
        return None

    return guard
