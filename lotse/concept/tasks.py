"""Background work of concepts and reports (run by the worker, see ADR 0005)."""

from django.utils import timezone
from django_tasks import task

from lotse.concept import mail


@task()
def send_status_change_mail(change_id: int) -> int:
    return mail.send_status_change(change_id=change_id)


@task()
def send_document_reminders() -> int:
    return mail.send_due_reminders(timezone.localdate())
