"""The audit log: every change a person makes is recorded here, field by field.

Actions call `record()` (or `record_changes()` with a snapshot taken before the change);
nothing is recorded by signals, so the reader of an action sees exactly what is logged.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from lotse.accounts.models import AuditEntry, User


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of some fields (many-to-many as sorted string lists)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        elif field.is_relation:
            # A forward relation with its own column: a snapshot names the model's own fields.
            assert isinstance(field, models.Field)
            values[name] = str(getattr(obj, name)) if getattr(obj, field.attname) else None
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def record(
    *,
    actor: User | None,
    obj: models.Model,
    action: str,
    changes: dict[str, Any],
    district=None,
) -> AuditEntry | None:
    """Store one entry; an update that changed nothing is not recorded."""
    if action == AuditEntry.Action.UPDATE and not changes:
        return None
    plain_changes = {name: [_plain(v) for v in pair] for name, pair in changes.items()}
    return AuditEntry.objects.create(
        actor=actor if actor and actor.pk else None,
        actor_label=actor.email if actor and actor.pk else "System",
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        district=district,
        changes=plain_changes,
    )


def record_states(
    *,
    actor: User | None,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    district=None,
) -> AuditEntry | None:
    """The entry of an object created (`before` is None: what was set) or changed (what
    differs), from snapshots of its state; snapshots may hold more than model fields."""
    if before is None:
        changes = {
            name: [None, value] for name, value in after.items() if value not in (None, "", [])
        }
        action = AuditEntry.Action.CREATE
    else:
        changes, action = diff(before, after), AuditEntry.Action.UPDATE
    return record(actor=actor, obj=obj, action=action, changes=changes, district=district)


def record_changes(
    *, actor: User | None, obj: models.Model, before: dict[str, Any], district=None
) -> AuditEntry | None:
    """Compare the object with a snapshot taken before the change and store what differs."""
    after = snapshot(obj, before.keys())
    return record_states(actor=actor, obj=obj, before=before, after=after, district=district)


def record_creation(*, actor: User | None, obj: models.Model, fields: Iterable[str], district=None):
    after = snapshot(obj, fields)
    return record_states(actor=actor, obj=obj, before=None, after=after, district=district)


def record_deletion(*, actor: User | None, obj: models.Model, fields: Iterable[str], district=None):
    before = snapshot(obj, fields)
    changes = {name: [value, None] for name, value in before.items() if value not in (None, "", [])}
    return record(
        actor=actor, obj=obj, action=AuditEntry.Action.DELETE, changes=changes, district=district
    )


def save_form(form, *, by: User | None, district=None, **values):
    """Save a validated ModelForm — with `values` set on its instance first — and record the
    creation or the changed fields. The "before" is read from the database, because the
    form has already put the new values on its instance."""
    fields = list(form.Meta.fields)
    before = None
    if not form.instance._state.adding:
        before = snapshot(type(form.instance)._default_manager.get(pk=form.instance.pk), fields)
    obj = form.save(commit=False)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    form.save_m2m()
    if before is None:
        record_creation(actor=by, obj=obj, fields=fields, district=district)
    else:
        record_changes(actor=by, obj=obj, before=before, district=district)
    return obj
