"""Numbers as people type them into Lotse: German decimals and years in query strings.

One reader for every form, import and page, so "1.250,50" means the same everywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone

THOUSANDS_ONLY = re.compile(r"-?\d{1,3}(\.\d{3})+")


def german_number_text(text: str) -> str:
    """The typed number in Python's notation: "1.234" → "1234", "1234,5" → "1234.5",
    "1 234" → "1234". Dots group thousands; a lone dot stays a decimal point ("1.5")."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if THOUSANDS_ONLY.fullmatch(text):  # "1.200" is twelve hundred, not 1.2
        return text.replace(".", "")
    return text


def german_decimal(text: str) -> Decimal:
    """Raises decimal.InvalidOperation for what is no number."""
    return Decimal(german_number_text(text))


def requested_year(value, *, earliest: int, latest: int = 2100) -> int:
    """A year asked for in a query string (?jahr=…): this year unless a sensible one is
    given, and always within the bounds."""
    this_year = timezone.localdate().year
    try:
        year = int(value or this_year)
    except (TypeError, ValueError):
        return this_year
    return min(max(year, earliest), latest)
