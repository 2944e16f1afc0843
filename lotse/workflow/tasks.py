"""Background work of the workflows (run by the worker, see ADR 0005)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_step_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Send the mail about a step, rendered when the step was committed (ADR 0007)."""
    return send_mail(subject, body, None, recipients)
