"""Euro amounts as people read them: one formatter for every page, warning, PDF and mail.

`euro(Decimal("1069073"))` is "1.069.073,00 €" in German (the separators of the active
language), a negative amount gets a real minus sign ("−2.998,00 €", U+2212, which neither
breaks from its number nor reads as a dash), no amount is "–". In templates:
`{% load money %}{{ amount|euro }}`, whole euros `{{ amount|euro:0 }}`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

MINUS = "\u2212"
NONE = "–"

register = template.Library()


def as_decimal(value) -> Decimal | None:
    """The amount as a Decimal; floats go through their shortest text (0.1 → 0.1, not
    0.1000000000000000055…). None, "" and what is no number give None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def euro(value, digits: int = 2) -> str:
    """The amount in euros, grouped, rounded half up to `digits` places (cents by default)."""
    amount = as_decimal(value)
    if amount is None or not amount.is_finite():
        return NONE
    rounded = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = number_format(abs(rounded), decimal_pos=digits, force_grouping=True)
    sign = MINUS if rounded < 0 else ""  # -0,004 € rounds to 0,00 €, without a sign
    return f"{sign}{text} €"


@register.filter(name="euro")
def euro_filter(value, digits=2) -> str:
    try:
        places = int(digits)
    except (TypeError, ValueError):
        places = 2
    return euro(value, max(0, min(places, 4)))
