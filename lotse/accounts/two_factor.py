"""Two-factor authentication with TOTP (django-otp): enrolment and verification."""

from __future__ import annotations

from enum import Enum

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import User

# The session remembers which unconfirmed device it showed; no other session may confirm it.
PENDING_DEVICE_SESSION_KEY = "two_factor_pending_device"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(request: HttpRequest, user: User) -> TOTPDevice:
    """This session's unconfirmed device; created with a fresh secret on its first visit.

    A new one replaces the user's other unconfirmed devices, so a secret shown earlier, in
    this browser or another, can never become the second factor.
    """
    with transaction.atomic():
        lock_enrolment(user)
        device = session_pending_device(request)
        if device is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            # The key comes from django-otp's default: 20 random bytes (random_hex).
            device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
            request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def session_pending_device(request: HttpRequest) -> TOTPDevice | None:
    """The unconfirmed device this session showed, if it is still the user's current one."""
    device_id = request.session.get(PENDING_DEVICE_SESSION_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()


def lock_enrolment(user: User) -> None:
    """Serialise enrolment steps of one user: two sessions must not both confirm a device."""
    User.objects.select_for_update().only("pk").get(pk=user.pk)


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The provisioning URI as an inline SVG (no image request, no inline script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # The generator's own markup from a URI we built; it carries no user input.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR-Code" ', 1))  # noqa: S308


class Refusal(Enum):
    WRONG_CODE = "wrong_code"
    THROTTLED = "throttled"
    # The secret this session showed is gone: another session has begun the enrolment anew.
    STALE_SECRET = "stale_secret"


def verify(request: HttpRequest, user: User, token: str) -> Refusal | None:
    """Check the token against the confirmed device, or confirm this session's pending one.

    None means verified. After a wrong code django-otp makes the next try wait (1, 2, 4, …
    seconds), so guessing six digits is hopeless. Once a device is confirmed, every other
    unconfirmed one of the user is deleted: no secret shown before works afterwards.
    """
    with transaction.atomic():
        # Under the lock no other session can confirm or replace a device meanwhile (and
        # django-otp's save after a check cannot bring back a device deleted meanwhile).
        lock_enrolment(user)
        device = confirmed_device(user)
        enrolling = device is None
        if device is None:
            device = session_pending_device(request)
            if device is None:
                return Refusal.STALE_SECRET
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return Refusal.THROTTLED
        if not device.verify_token(token):
            return Refusal.WRONG_CODE
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            del request.session[PENDING_DEVICE_SESSION_KEY]
    otp_login(request, device)
    return None
