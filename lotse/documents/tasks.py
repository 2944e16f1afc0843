"""Background work of concepts and reports (run by the worker, see ADR 0005)."""

from django.utils import timezone
from django_tasks import task

from lotse.documents import mail


@task()
def send_document_reminders() -> int:
    return mail.send_due_reminders(timezone.localdate())
