"""The write side of accounts."""

from __future__ import annotations

from django.db import transaction

from lotse.accounts import audit, mail
from lotse.accounts.models import User


@transaction.atomic
def invite_user(*, email: str, by: User | None) -> User:
    """Create an account without a password and send a link to set one."""
    user = User.objects.create_user(email=email, password=None)
    audit.record_creation(actor=by, obj=user, fields=("email",))
    transaction.on_commit(lambda: mail.send_invitation(user_id=user.pk))
    return user
