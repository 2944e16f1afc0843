"""Two-factor authentication with TOTP (django-otp): enrolment and verification."""

from __future__ import annotations

from enum import Enum

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import User


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled; created on first visit of the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The provisioning URI as an inline SVG (no image request, no inline script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # The generator's own markup from a URI we built; it carries no user input.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR-Code" ', 1))  # noqa: S308


class Refusal(Enum):
    WRONG_CODE = "wrong_code"
    THROTTLED = "throttled"


def verify(request, user: User, token: str) -> Refusal | None:
    """Check the token against the confirmed device, or confirm the pending one with it.

    None means verified. After a wrong code django-otp makes the next try wait (1, 2, 4, …
    seconds), so guessing six digits is hopeless.
    """
    device = confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = pending_device(user)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return Refusal.THROTTLED
    if not device.verify_token(token):
        return Refusal.WRONG_CODE
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return None
