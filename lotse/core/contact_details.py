"""Web addresses, e-mail addresses and phone numbers: one rule for each, used everywhere.

Model fields carry these validators (so every ModelForm checks them), plain forms name
them on their fields, and the HSDS import calls `problem()` for each value of a record.
Only http and https count as web addresses: a `javascript:` or `data:` link must never
reach a page, however it was entered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
# Digits with the usual separators, an optional leading +; at least 5 digits, so that a
# stray word or date is not taken for a number.
PHONE_NUMBER = re.compile(r"^\+?[0-9 ()/.\-]+$")
PHONE_MIN_DIGITS = 5
PHONE_MAX_LENGTH = 40

validate_web_address = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Bitte eine vollständige Webadresse mit http:// oder https:// angeben."),
)
validate_email_address = EmailValidator(message=_("Bitte eine gültige E-Mail-Adresse angeben."))


def validate_phone_number(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if len(value) > PHONE_MAX_LENGTH or not PHONE_NUMBER.match(value) or digits < PHONE_MIN_DIGITS:
        raise ValidationError(
            _(
                "Bitte eine Telefonnummer aus Ziffern angeben (erlaubt: + am Anfang, "
                "Leerzeichen, /, -, Klammern), z. B. 03834 123456."
            ),
            code="invalid_phone",
        )


VALIDATORS: dict[str, Callable[[str], None]] = {
    "web_address": validate_web_address,
    "email": validate_email_address,
    "phone": validate_phone_number,
}


def problem(kind: str, value: str) -> str | None:
    """The German message for a bad value of `kind` (web_address, email, phone), or None."""
    try:
        VALIDATORS[kind](value)
    except ValidationError as error:
        return str(error.messages[0])
    return None
