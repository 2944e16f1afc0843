"""The status-change row every workflow writes per step (ADR 0007), as an abstract model.

An app's row model adds the foreign key to the object the workflow moves and the two
status fields with that workflow's choices; `step_rows(Model, "field")` is the `record`
hook of its `Workflow`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.db import models

if TYPE_CHECKING:
    from lotse.workflow.engine import Change


class StepRecord(models.Model):
    """One step: who moved the object from where to where, when, and why. Subclasses
    declare the object's foreign key and `from_status` / `to_status`."""

    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    by_label = models.CharField(max_length=254)  # the e-mail address, kept if the account goes
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"  # type: ignore[attr-defined]


Row = TypeVar("Row", bound=StepRecord)


def step_rows(model: type[Row], object_field: str) -> Callable[[Change], Row]:
    """The `record` hook of a workflow whose rows are `model`, pointing at the object
    moved through `object_field`."""

    def record(change: Change) -> Row:
        return model.objects.create(  # type: ignore[attr-defined]
            **{object_field: change.obj},
            from_status=change.from_status,
            to_status=change.to_status,
            by=change.by,
            by_label=change.by.email,
            note=change.note,
        )

    return record
