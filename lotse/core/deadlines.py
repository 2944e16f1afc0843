"""Reminder stages of a deadline: pure date arithmetic, shared by every procedure that
reminds people of something due (concepts and reports, Sachberichte, grant documents)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypeVar

Stage = TypeVar("Stage")


def stage_on(
    due_on: datetime.date,
    today: datetime.date,
    *,
    before: Sequence[tuple[Stage, int]],
    overdue: Stage,
) -> Stage | None:
    """The reminder stage a deadline is in today: `overdue` once it has passed, else the
    stage of the narrowest window of `before` ((stage, days before the due date), widest
    first) that today falls in, else None."""
    left = (due_on - today).days
    if left < 0:
        return overdue
    stage = None
    for candidate, days in before:
        if left <= days:
            stage = candidate
    return stage


def reminder_due(
    due_on: datetime.date,
    today: datetime.date,
    *,
    sent: int,
    before: Sequence[tuple[int, int]],
    overdue: int,
) -> int | None:
    """The stage to remind of today (stages as increasing numbers), unless that stage or a
    later one was `sent` already."""
    stage = stage_on(due_on, today, before=before, overdue=overdue)
    return stage if stage is not None and sent < stage else None
