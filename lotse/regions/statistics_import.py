"""Import official statistics from a GENESIS-Online table export (CSV, `;`-separated).

A data line starts with the AGS of an MV district (5 digits) or municipality (8 digits);
the value is the last filled cell. Header and footer lines (titles, column heads, the
copyright line) are skipped. GENESIS marks: "-" is zero; ".", "...", "x", "/" mean no
value and are refused. All or nothing: any problem and nothing is stored; every problem
names its line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from lotse.regions.models import District, Municipality, Statistic

AGS = re.compile(r"^\d{5}(\d{3})?$")
NO_VALUE = {".", "...", "x", "/", ""}


class StatisticsImportError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    line: int
    ags: str
    value: Decimal


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatisticsImportError(["Die Datei ist weder UTF-8 noch Windows-1252 kodiert."])


def parse_number(text: str) -> Decimal:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text == "-":
        return Decimal(0)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.match(r"^\d{1,3}(\.\d{3})+$", text):
        text = text.replace(".", "")
    return Decimal(text)


def parse(text: str) -> tuple[list[Row], list[str]]:
    rows, problems = [], []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        cells = [cell.strip() for cell in cells]
        if not cells or not AGS.match(cells[0]):
            continue
        ags = cells[0]
        filled = [cell for cell in cells[1:] if cell != ""]
        if not filled:
            problems.append(f"Zeile {number} ({ags}): kein Wert.")
            continue
        raw = filled[-1]
        if raw in NO_VALUE:
            problems.append(
                f"Zeile {number} ({ags}): kein Wert („{raw}“ in GENESIS: nicht verfügbar oder geheim)."
            )
            continue
        try:
            value = parse_number(raw)
        except InvalidOperation:
            problems.append(f"Zeile {number} ({ags}): „{raw}“ ist keine Zahl.")
            continue
        if value < 0:
            problems.append(f"Zeile {number} ({ags}): negative Werte sind nicht möglich.")
            continue
        rows.append(Row(number, ags, value))
    if not rows and not problems:
        problems.append(
            "Keine Datenzeile gefunden (eine Zeile beginnt mit dem Gemeinde- oder Kreisschlüssel, z. B. 13075)."
        )
    return rows, problems


@transaction.atomic
def import_statistics(data: bytes, *, kind: str, year: int, source: str) -> int:
    """Store the file's values for `kind` and `year`; returns how many."""
    problems = []
    if kind not in Statistic.Kind.values:
        problems.append(f"Unbekanntes Merkmal „{kind}“.")
    if not 1990 <= year <= 2100:
        problems.append(f"Jahr {year} ist nicht plausibel.")
    if not source.strip():
        problems.append(
            "Bitte die Quelle angeben (z. B. „Statistisches Amt MV, Tabelle 12411-01-01-4“)."
        )
    rows, parse_problems = parse(decode(data))
    problems += parse_problems
    districts = {d.ags: d for d in District.objects.without_boundaries()}
    municipalities = {m.ags: m for m in Municipality.objects.only("pk", "ags")}
    seen = {}
    for row in rows:
        if row.ags not in districts and row.ags not in municipalities:
            problems.append(
                f"Zeile {row.line}: {row.ags} ist kein Landkreis und keine Gemeinde in MV."
            )
        if row.ags in seen:
            problems.append(f"Zeile {row.line}: {row.ags} steht schon in Zeile {seen[row.ags]}.")
        seen.setdefault(row.ags, row.line)
    if problems:
        raise StatisticsImportError(problems)
    for row in rows:
        place = (
            {"district": districts[row.ags]}
            if row.ags in districts
            else {"municipality": municipalities[row.ags]}
        )
        Statistic.objects.update_or_create(
            kind=kind,
            year=year,
            **place,
            defaults={"value": row.value, "source": source.strip(), "is_invented": False},
        )
    return len(rows)
