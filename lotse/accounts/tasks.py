"""Background work of accounts (run by the worker, see ADR 0005)."""

from django_tasks import task

from lotse.accounts import mail


@task()
def send_password_reset_mail(user_ids: list[int]) -> int:
    return mail.send_password_reset(user_ids=user_ids)
