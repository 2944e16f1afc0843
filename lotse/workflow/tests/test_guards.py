"""The shared guards: optimistic lock and dates that must have happened."""

import datetime
from types import SimpleNamespace

from django.utils import timezone, translation

from lotse.workflow.engine import Change
from lotse.workflow.guards import date_not_in_future, shown_is_current


def change(obj=None, **details) -> Change:
    return Change(
        obj=obj,
        transition=None,
        from_status="",
        by=None,
        details=details,
        at=timezone.now(),
    )


def test_the_lock_passes_the_version_shown_and_refuses_an_older_one():
    guard = shown_is_current("revision", lambda obj: obj.revision, "geändert")
    document = SimpleNamespace(revision=3)
    assert guard(change(document, revision="3")) is None
    assert guard(change(document, revision=3)) is None
    # Steps taken from code send no version: nothing to compare.
    assert guard(change(document)) is None
    assert guard(change(document, revision=2)) == "geändert"


def test_a_date_in_the_future_is_refused():
    guard = date_not_in_future("on", "Das Datum liegt in der Zukunft.")
    today = timezone.localdate()
    assert guard(change(on=today)) is None
    assert guard(change(on=today - datetime.timedelta(days=400))) is None
    assert guard(change()) is None
    with translation.override("de"):
        assert guard(change(on=today + datetime.timedelta(days=1))) == (
            "Das Datum liegt in der Zukunft."
        )
