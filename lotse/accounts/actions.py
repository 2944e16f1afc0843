"""The write side of accounts."""

from __future__ import annotations

from django.db import transaction

from lotse.accounts import audit, mail
from lotse.accounts.models import User
from lotse.accounts.tasks import send_password_reset_mail


@transaction.atomic
def invite_user(*, email: str, by: User | None) -> User:
    """Create an account without a password and send a link to set one."""
    user = User.objects.create_user(email=email, password=None)
    audit.record_creation(actor=by, obj=user, fields=("email",))
    transaction.on_commit(lambda: mail.send_invitation(user_id=user.pk))
    return user


def request_password_reset(*, email: str) -> None:
    """Send a link to set a new password if `email` belongs to an account that may have one.

    Every address costs the same here, one lookup and one task, and the mail leaves from the
    worker: the time of the answer does not tell whether an account exists. The task gets
    account ids only, so an address without an account is not stored in the queue.
    """
    accounts = User.objects.filter(email__iexact=email, is_active=True)
    # Which of them may have a link (a usable password) the task decides, when it sends.
    send_password_reset_mail.enqueue(user_ids=list(accounts.values_list("pk", flat=True)))


@transaction.atomic
def choose_mail_language(*, user: User, language: str) -> None:
    """The language Lotse writes this person's mails in (steps, reminders)."""
    before = audit.snapshot(user, ["language"])
    user.language = language
    user.save(update_fields=["language"])
    audit.record_changes(actor=user, obj=user, before=before)
