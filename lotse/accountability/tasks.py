"""Background work of the measure documents (run by the worker, see ADR 0005)."""

from django.utils import timezone
from django_tasks import task

from lotse.accountability import reminders


@task()
def send_report_reminders() -> int:
    return reminders.send_due_reminders(timezone.localdate())
