"""Import of official statistics from CSV exports of GENESIS tables (Statistisches Amt MV).

A GENESIS export is semicolon-separated: title lines, then a header line whose cells
after the key and the name are dates ("31.12.2022") or years ("2022"), then one line per
region ("13075;Vorpommern-Greifswald;237355;..."), then footer lines ("Quelle: ...").
Missing values are written "-", ".", "...", "x" or left empty.

All or nothing: every problem is reported with its line number and nothing is stored
unless the whole file is clean.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import InvalidOperation

from django.db import transaction

from lotse.core.numbers import german_decimal
from lotse.regions.models import District, Municipality, Statistic

MISSING = {"", "-", ".", "...", "x", "/", "–"}
DATE_CELL = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
YEAR_CELL = re.compile(r"^(\d{4})$")
AGS_CELL = re.compile(r"^\d{2}(\d{3})?(\d{3})?$")


@dataclass
class ImportResult:
    figures: list[Statistic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped_missing: int = 0


def decode(raw: bytes) -> str:
    """GENESIS exports are Latin-1 or UTF-8; try UTF-8 first."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _period(cell: str) -> tuple[int, datetime.date | None] | None:
    cell = cell.strip()
    if match := DATE_CELL.match(cell):
        day, month, year = (int(part) for part in match.groups())
        try:
            return year, datetime.date(year, month, day)
        except ValueError:
            return None
    if match := YEAR_CELL.match(cell):
        return int(match.group(1)), None
    return None


def parse_genesis_csv(text: str, *, kind: str, source: str) -> ImportResult:
    """Read a GENESIS export into unsaved Statistic rows, or the list of errors."""
    result = ImportResult()
    if kind not in Statistic.Kind.values:
        result.errors.append(
            f"Unbekanntes Merkmal {kind!r}. Erlaubt: {', '.join(Statistic.Kind.values)}."
        )
        return result
    districts = {d.ags: d for d in District.objects.all()}
    municipalities = {m.ags: m for m in Municipality.objects.all()}
    periods: list[tuple[int, datetime.date | None] | None] | None = None
    seen: dict[tuple[str, int], int] = {}
    for line_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        first = cells[0]
        if periods is None:
            candidate = [_period(cell) for cell in cells[2:]]
            if len(cells) > 2 and any(candidate) and not AGS_CELL.match(first):
                periods = candidate
                continue
            if AGS_CELL.match(first) and len(first) >= 5:
                result.errors.append(
                    f"Zeile {line_number}: Datenzeile vor der Kopfzeile mit den Jahren oder Stichtagen."
                )
            continue
        if not AGS_CELL.match(first):
            continue  # title, footer or comment lines
        if len(first) == 2:
            continue  # the state total; Lotse sums the districts itself
        region = districts.get(first) if len(first) == 5 else municipalities.get(first)
        if region is None:
            result.errors.append(
                f"Zeile {line_number}: Gebietsschlüssel {first} gehört zu keinem Landkreis und keiner "
                "Gemeinde in Mecklenburg-Vorpommern."
            )
            continue
        values = cells[2:]
        if len(values) > len(periods):
            result.errors.append(
                f"Zeile {line_number}: {len(values)} Werte, aber die Kopfzeile nennt nur {len(periods)} Zeiträume."
            )
            continue
        for column, (cell, period) in enumerate(zip(values, periods, strict=False), start=3):
            if period is None:
                continue
            if cell in MISSING:
                result.skipped_missing += 1
                continue
            try:
                value = german_decimal(cell)
            except InvalidOperation:
                result.errors.append(
                    f"Zeile {line_number}, Spalte {column}: {cell!r} ist keine Zahl."
                )
                continue
            if value < 0:
                result.errors.append(
                    f"Zeile {line_number}, Spalte {column}: negative Werte sind nicht möglich."
                )
                continue
            year, reference_date = period
            key = (first, year)
            if key in seen:
                result.errors.append(
                    f"Zeile {line_number}: {first} hat für {year} schon einen Wert (Zeile {seen[key]})."
                )
                continue
            seen[key] = line_number
            result.figures.append(
                Statistic(
                    district=region if isinstance(region, District) else None,
                    municipality=region if isinstance(region, Municipality) else None,
                    kind=kind,
                    year=year,
                    reference_date=reference_date,
                    value=value,
                    source=source,
                )
            )
    if periods is None:
        result.errors.append(
            "Keine Kopfzeile mit Jahren oder Stichtagen (z. B. '31.12.2022') gefunden."
        )
    elif not result.figures and not result.errors:
        result.errors.append("Die Datei enthält keine Werte für Landkreise oder Gemeinden in MV.")
    return result


@transaction.atomic
def import_statistics(text: str, *, kind: str, source: str) -> ImportResult:
    """Parse and store; a figure for the same region, kind and year is replaced."""
    result = parse_genesis_csv(text, kind=kind, source=source)
    if result.errors:
        return result
    for figure in result.figures:
        Statistic.objects.update_or_create(
            district=figure.district,
            municipality=figure.municipality,
            kind=figure.kind,
            year=figure.year,
            defaults={
                "value": figure.value,
                "reference_date": figure.reference_date,
                "source": figure.source,
                "is_invented": False,
            },
        )
    return result
