"""The one euro formatter (lotse/core/money.py) and the one CSV writer
(lotse/core/spreadsheets.py): German for people, plain for programs."""

import csv
import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from lotse.core.money import euro
from lotse.core.spreadsheets import csv_bytes, number_text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1069073"), "1.069.073,00 €"),
        (Decimal("-2998"), "\u22122.998,00 €"),
        (Decimal("153031.00"), "153.031,00 €"),
        (Decimal("0.005"), "0,01 €"),  # half up, as in accounting
        (Decimal("-0.004"), "0,00 €"),  # no minus before nothing
        (8.8, "8,80 €"),
        (12, "12,00 €"),
        (None, "–"),
        ("", "–"),
        ("viel", "–"),
    ],
)
def test_euro_reads_as_german_money(amount, text):
    assert euro(amount) == text


def test_euro_in_templates_and_whole_euros():
    rendered = Template("{% load money %}{{ a|euro }} | {{ a|euro:0 }} | {{ b|euro }}").render(
        Context({"a": Decimal("1064000.49"), "b": None})
    )
    assert rendered == "1.064.000,49 € | 1.064.000 € | –"


def test_euro_follows_the_page_language():
    with translation.override("en"):
        assert euro(Decimal("1069073.5")) == "1,069,073.50 €"


def test_german_csv_has_bom_semicolons_and_decimal_commas():
    body = csv_bytes([["Name", "Betrag"], ["=SUM(A1)", Decimal("-2998.50")], ["x", 8.8], ["y", 3]])
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Name", "Betrag"], ["'=SUM(A1)", "-2998,50"], ["x", "8,8"], ["y", "3"]]


def test_machine_csv_has_commas_and_decimal_points():
    body = csv_bytes([["Name", "Betrag"], ["a, b", Decimal("1069073.00")]], machine=True)
    assert not body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["Name", "Betrag"], ["a, b", "1069073.00"]]
    assert Decimal(rows[1][1]) == Decimal("1069073")


def test_numbers_never_in_exponent_notation():
    assert number_text(Decimal("1E+3")) == "1000"
    assert number_text(Decimal("0E-10"), machine=True) == "0.0000000000"
    assert number_text(True) is True and number_text("8,8") == "8,8"
