"""Who may see the monitoring pages: aggregates only (small counts suppressed), for the
LKS, the ministry and the districts' coordinators and planners; only the LKS sets targets
and imports statistics."""

from lotse.accounts.models import Role, User


def can_see_monitoring(user: User) -> bool:
    return user.is_state_wide() or user.has_role(Role.NETWORK_COORDINATOR, Role.AREA_COORDINATOR)


def can_manage_monitoring(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)
