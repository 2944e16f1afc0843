"""Background work of the grant procedure (run by the worker, see ADR 0005)."""

from django.utils import timezone
from django_tasks import task

from lotse.grants import reminders


@task()
def send_grant_reminders() -> int:
    return reminders.send_due_reminders(timezone.localdate())
