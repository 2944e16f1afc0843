"""Who may see and keep the LKS's statewide events and the competence overview.

- The LKS creates and edits the events; the ministry reads them.
- A district's network coordinator reads the events and her own district's attendance.
- The competence overview of all coordinators: the LKS and the ministry.
Outside the scope 404, inside but not allowed 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lotse.accounts.models import Role, User
from lotse.statewide.models import StatewideEvent


def can_read_statewide_events(user: User) -> bool:
    return user.is_state_wide() or user.has_role(Role.NETWORK_COORDINATOR)


def can_keep_statewide_events(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)


def get_event_for_user(user: User, event_id: int) -> StatewideEvent:
    """The event; its attendance is filtered by `attendance_districts()`."""
    return get_object_or_404(StatewideEvent.objects.select_related("district"), pk=event_id)


def attendance_districts(user: User):
    """The districts whose coordinators' attendance the person may see."""
    if user.is_state_wide():
        return None  # all
    return user.districts(role=Role.NETWORK_COORDINATOR)


def can_see_competences(user: User) -> bool:
    return user.is_state_wide()
