"""Web addresses, e-mail addresses, phone numbers and opening hours: one rule for each,
used everywhere.

Model fields carry these validators (so every ModelForm checks them), plain forms name
them on their fields, and the HSDS import calls `problem()` for each value of a record.
Only http and https count as web addresses: a `javascript:` or `data:` link must never
reach a page, however it was entered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django import template
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
# Digits with the usual separators, an optional leading +; at least 5 digits, so that a
# stray word or date is not taken for a number.
PHONE_NUMBER = re.compile(r"^\+?[0-9 ()/.\-]+$")
PHONE_MIN_DIGITS = 5
PHONE_MAX_LENGTH = 40
# The two emergency numbers are the only shorter ones a parent may be shown.
EMERGENCY_NUMBERS = frozenset({"110", "112"})

validate_web_address = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Bitte eine vollständige Webadresse mit http:// oder https:// angeben."),
)
validate_email_address = EmailValidator(message=_("Bitte eine gültige E-Mail-Adresse angeben."))


def validate_phone_number(value: str) -> None:
    if value.strip() in EMERGENCY_NUMBERS:
        return
    digits = sum(character.isdigit() for character in value)
    if len(value) > PHONE_MAX_LENGTH or not PHONE_NUMBER.match(value) or digits < PHONE_MIN_DIGITS:
        raise ValidationError(
            _(
                "Bitte eine Telefonnummer aus Ziffern angeben (erlaubt: + am Anfang, "
                "Leerzeichen, /, -, Klammern), z. B. 03834 123456."
            ),
            code="invalid_phone",
        )


# Opening hours are free text ("Mo–Fr 9–15 Uhr", "Di 14–18 Uhr, sonst nach Absprache"), but a
# parent must learn when someone answers: times with digits, or round the clock.
OPENING_HOURS_MAX_LENGTH = 200


def validate_opening_hours(value: str) -> None:
    text = " ".join(value.split()).lower()
    if (
        len(value) > OPENING_HOURS_MAX_LENGTH
        or not text
        or not (any(character.isdigit() for character in text) or "rund um die uhr" in text)
    ):
        raise ValidationError(
            _(
                "Bitte angeben, wann jemand erreichbar ist, mit Uhrzeiten, z. B. "
                "„Mo–Fr 9–15 Uhr“, oder „rund um die Uhr“ (höchstens 200 Zeichen)."
            ),
            code="invalid_hours",
        )


# Numbers and addresses that reach nobody, for demo data: the ranges the Bundesnetzagentur
# keeps free for films and books ("Drama Numbers": Berlin, Frankfurt, Hamburg, Köln,
# München, 1000 numbers each) and the reserved domain .example (RFC 2606).
DEMO_NUMBER_PREFIXES = ("03023125", "06990009", "04066969", "02214710", "08999998")
DEMO_DOMAIN = ".example"


def is_demo_contact(*values: str) -> bool:
    """Whether any of these phone numbers, e-mail or web addresses is demo data."""
    for value in values:
        digits = "".join(character for character in value if character.isdigit())
        host = value.rsplit("@", 1)[-1].split("://", 1)[-1].split("/", 1)[0].lower()
        if (digits and digits.startswith(DEMO_NUMBER_PREFIXES) and len(digits) == 11) or (
            host.endswith(DEMO_DOMAIN)
        ):
            return True
    return False


VALIDATORS: dict[str, Callable[[str], None]] = {
    "web_address": validate_web_address,
    "email": validate_email_address,
    "phone": validate_phone_number,
    "hours": validate_opening_hours,
}


def tel_uri(number: str) -> str:
    """A `tel:` link for a phone number as people write it ("03834 / 87 60-0" becomes
    "tel:0383487600"): digits and a leading + only, because a tel URI
    allows no spaces or slashes (RFC 3966)."""
    digits = "".join(character for character in number if character.isdigit())
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


register = template.Library()  # {% load contact %} (settings: TEMPLATES libraries)
register.filter("tel_uri", tel_uri)


def problem(kind: str, value: str) -> str | None:
    """The German message for a bad value of `kind` (web_address, email, phone, hours),
    or None."""
    try:
        VALIDATORS[kind](value)
    except ValidationError as error:
        return str(error.messages[0])
    return None
