"""Who may see the monitoring pages: aggregates only (small counts suppressed), for the
LKS, the ministry and the districts' coordinators and planners; only the LKS sets targets
and imports statistics."""

from lotse.accounts.models import Role, User


def can_see_monitoring(user: User) -> bool:
    return user.is_state_wide() or user.has_role(Role.NETWORK_COORDINATOR, Role.AREA_COORDINATOR)


def can_manage_monitoring(user: User) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)


def can_see_nzfh_reports(user: User) -> bool:
    """The LKS writes its reports to the NZFH; the ministry reads along."""
    return user.has_role(Role.STATE_COORDINATOR, Role.MINISTRY)


def can_keep_nzfh_report(user: User, report: object = None) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)
