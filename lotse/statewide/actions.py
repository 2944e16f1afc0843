"""The write side of the LKS's statewide events. Every change lands in the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.networks.models import Coordination
from lotse.statewide.models import CircleMembers, StatewideEvent

EVENT_FIELDS = (
    "kind",
    "title",
    "held_on",
    "place",
    "agenda",
    "results",
    "co_organiser",
    "moderation",
    "district",
)


def _check(event: StatewideEvent) -> None:
    if event.kind == StatewideEvent.Kind.CONFERENCE and not event.co_organiser.strip():
        raise ValidationError(
            _("Ein Fachtag braucht die Kooperationspartnerin (LKS-E8)."), code="co_organiser"
        )
    if event.kind == StatewideEvent.Kind.QUALITY_CIRCLE and not event.moderation.strip():
        raise ValidationError(_("Ein IQZ braucht eine Moderation."), code="moderation")


@transaction.atomic
def save_event(*, event: StatewideEvent, fields: Mapping, by: User) -> StatewideEvent:
    """Create or change a statewide event."""
    creating = event.pk is None
    before = (
        None if creating else audit.snapshot(StatewideEvent.objects.get(pk=event.pk), EVENT_FIELDS)
    )
    for name in EVENT_FIELDS:
        setattr(event, name, fields[name])
    _check(event)
    event.save()
    if event.kind != StatewideEvent.Kind.PLATFORM and event.attendees.exists():
        # Only the platform is attended by the coordinators; another kind keeps no list.
        event.attendees.clear()
    if event.kind != StatewideEvent.Kind.QUALITY_CIRCLE:
        event.circle_members.all().delete()
    if before is None:
        audit.record_creation(actor=by, obj=event, fields=EVENT_FIELDS)
    else:
        audit.record_changes(actor=by, obj=event, before=before)
    return event


@transaction.atomic
def record_attendance(
    *, event: StatewideEvent, coordinations: Iterable[Coordination], by: User
) -> None:
    """Which network coordinators came to a platform meeting."""
    if event.kind != StatewideEvent.Kind.PLATFORM:
        raise ValidationError(
            _("Teilnahme der Netzwerkkoordination gibt es nur bei der Plattform."),
            code="not_platform",
        )
    before = audit.snapshot(event, ["attendees"])
    event.attendees.set(list(coordinations))
    audit.record_changes(actor=by, obj=event, before=before)


@transaction.atomic
def record_circle_members(
    *, event: StatewideEvent, counts: Mapping[str, int | None], by: User
) -> None:
    """How many members of each profession an IQZ had (zero or empty: none)."""
    if event.kind != StatewideEvent.Kind.QUALITY_CIRCLE:
        raise ValidationError(
            _("Berufsgruppen gibt es nur beim Qualitätszirkel."), code="not_circle"
        )
    before = {
        "circle_members": sorted(str(m) for m in event.circle_members.all()),
    }
    event.circle_members.all().delete()
    CircleMembers.objects.bulk_create(
        CircleMembers(event=event, profession=profession, count=count)
        for profession, count in counts.items()
        if count
    )
    after = {"circle_members": sorted(str(m) for m in event.circle_members.all())}
    audit.record_states(actor=by, obj=event, before=before, after=after)
