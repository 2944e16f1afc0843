"""E-mails about accounts, the addresses of people by role, and mails in each recipient's
language."""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from lotse.accounts.models import Membership, User
from lotse.core.links import public_url


def addresses_of(role: str, *, district=None, organization=None) -> list[str]:
    """The e-mail addresses of the active people with `role` (in `district`, for
    `organization`), each once."""
    memberships = Membership.objects.filter(role=role, user__is_active=True)
    if district is not None:
        memberships = memberships.filter(district=district)
    if organization is not None:
        memberships = memberships.filter(organization=organization)
    return sorted(set(memberships.values_list("user__email", flat=True)))


def by_language(addresses: Iterable[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language each person chose for mails (User.language),
    sorted; an address without an account gets Lotse's language. One query."""
    wanted = set(addresses)
    chosen = dict(User.objects.filter(email__in=wanted).values_list("email", "language"))
    groups: dict[str, list[str]] = defaultdict(list)
    for address in sorted(wanted):
        groups[chosen.get(address) or settings.LANGUAGE_CODE].append(address)
    return dict(groups)


def send_in_their_language(
    recipients: Iterable[str], subject_template: str, body_template: str, context: dict
) -> int:
    """One mail per language among the recipients, rendered in it; returns mails sent."""
    sent = 0
    for language, addresses in by_language(recipients).items():
        with override(language):
            subject = "".join(render_to_string(subject_template, context).splitlines()).strip()
            body = render_to_string(body_template, context)
        sent += send_mail(subject, body, None, addresses)
    return sent


def send_invitation(*, user_id: int) -> None:
    """A link to set the password of a new account (the password-reset mechanism)."""
    user = User.objects.get(pk=user_id)
    body = render_to_string(
        "accounts/invitation_email.txt", {"user": user, "url": set_password_url(user)}
    )
    send_mail("Einladung zu Lotse – Frühe Hilfen MV", body, None, [user.email])


def send_password_reset(*, user_ids: list[int]) -> int:
    """The link to set a new password, to each of these accounts that may still have one."""
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        # As Django's reset form: an account without a usable password gets no link.
        if not user.has_usable_password():
            continue
        context = {"email": user.email, "url": set_password_url(user)}
        subject = render_to_string("accounts/password_reset_subject.txt", context)
        body = render_to_string("accounts/password_reset_email.txt", context)
        send_mail("".join(subject.splitlines()), body, None, [user.email])
        sent += 1
    return sent


def set_password_url(user: User) -> str:
    """The link with which `user` sets a password, on the public address LOTSE_BASE_URL:
    never built from a request's Host header, which a sender of a forged request chooses."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return public_url(path)
