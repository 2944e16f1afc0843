"""Background work of the money side (run by the worker, see ADR 0005)."""

from django_tasks import task

from lotse.funding import fb3


@task()
def send_fb3_mail(step_id: int) -> int:
    return fb3.notify(step_id)
