"""One reader for numbers people type: German decimals and years in query strings."""

from decimal import Decimal, InvalidOperation

import pytest
from django.utils import timezone

from lotse.core.numbers import german_decimal, requested_year


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234", "1234"),
        ("1234,5", "1234.5"),
        ("1 234", "1234"),
        ("1.5", "1.5"),
        ("1.250,50", "1250.50"),
        ("-1.200", "-1200"),
    ],
)
def test_german_decimals(typed, value):
    assert german_decimal(typed) == Decimal(value)


def test_what_is_no_number_raises():
    with pytest.raises(InvalidOperation):
        german_decimal("viele")


def test_requested_year_is_sensible_and_bounded():
    this_year = timezone.localdate().year
    assert requested_year("2024", earliest=2018) == 2024
    assert requested_year(None, earliest=2018) == this_year
    assert requested_year("abc", earliest=2018) == this_year
    assert requested_year("1990", earliest=2018) == 2018
    assert requested_year("9999", earliest=2018) == 2100
