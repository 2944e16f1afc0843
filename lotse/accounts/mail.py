"""E-mails about accounts."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lotse.accounts.models import User


def send_invitation(*, user_id: int) -> None:
    """A link to set the password of a new account (the password-reset mechanism)."""
    user = User.objects.get(pk=user_id)
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "accounts/invitation_email.txt",
        {"user": user, "url": settings.LOTSE_BASE_URL.rstrip("/") + path},
    )
    send_mail("Einladung zu Lotse – Frühe Hilfen MV", body, None, [user.email])
