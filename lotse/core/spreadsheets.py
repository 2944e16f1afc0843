"""Tables as files: CSV for German spreadsheets (UTF-8 with BOM, semicolons, decimal comma),
the same CSV for tools (`?format=machine`: commas, decimal point, no BOM) and Excel with
numbers as numbers. No text cell may start a formula (spreadsheet formula injection).

Every CSV in Lotse is written by `csv_bytes`, so a number reads the same in all of them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


MACHINE = "machine"


def wants_machine_csv(request: HttpRequest) -> bool:
    """`?format=machine`: the CSV for a program instead of German Excel."""
    return request.GET.get("format") == MACHINE


def number_text(value, *, machine: bool = False):
    """A number as a CSV field: "1234,5" for German spreadsheets, "1234.5" for tools; never
    grouped, never in exponent notation. Anything else is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    text = format(value, "f")
    return text if machine else text.replace(".", ",")


def csv_bytes(rows: Iterable[list], *, machine: bool = False) -> bytes:
    """German Excel: `;`, decimal comma, UTF-8 with BOM (else Excel guesses Windows-1252).
    Machine: `,`, decimal point, plain UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if machine else ";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([number_text(safe_cell(value), machine=machine) for value in row])
    text = buffer.getvalue()
    return (text if machine else "\ufeff" + text).encode("utf-8")


def xlsx_bytes(rows: Iterable[list], *, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(
    rows: Iterable[list], *, title: str, name: str, file_format: str, machine: bool = False
) -> HttpResponse:
    """The rows (header first) as an attachment named `<name>-<date>.<format>`."""
    if file_format == "csv":
        body = csv_bytes(rows, machine=machine)
    else:
        body = xlsx_bytes(rows, title=title)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
