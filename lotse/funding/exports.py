"""The district's financial plan and the statewide overview as XLSX (with real formulas
for sums and remainders, amounts as numbers), CSV (German Excel, or `machine` for tools;
lotse/core/spreadsheets.py) and a PDF summary."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lotse.core.money import euro
from lotse.core.printing import Chapter, Printable, pdf_bytes
from lotse.core.spreadsheets import CONTENT_TYPES, csv_bytes, safe_cell
from lotse.funding.budgets import DistrictYear, StateOverview

EURO = '#,##0.00 "€"'


def _response(body: bytes, file_format: str, name: str) -> HttpResponse:
    content_type = CONTENT_TYPES.get(file_format, "application/pdf")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def _plan_rows(year: DistrictYear) -> list[list]:
    return [
        [
            row.plan.measure.funding_area.code,
            row.plan.measure.title,
            row.plan.planned,
            row.plan.co_funding,
            row.spent,
        ]
        for row in year.plans
    ]


PLAN_HEADER = (
    "Förderbereich",
    "Maßnahme",
    "geplant (Fonds)",
    "Kofinanzierung",
    "ausgegeben",
    "Rest",
)


def district_plan(year: DistrictYear, file_format: str, *, machine: bool = False) -> HttpResponse:
    name = f"finanzplan-{year.district.ags}-{year.fund_year.year}"
    header = [_(h) for h in PLAN_HEADER]
    rows = _plan_rows(year)
    if file_format == "csv":
        lines = [header] + [r + [r[2] - r[4]] for r in rows]
        lines.append(
            [_("Summe"), "", year.planned, year.co_funding, year.spent, year.planned - year.spent]
        )
        lines.append(
            [_("Zuweisung"), "", year.allocated if year.allocated is not None else "", "", "", ""]
        )
        return _response(csv_bytes(lines, machine=machine), "csv", name)
    if file_format == "pdf":
        printable = Printable(
            title=_("Finanzplan %(year)s") % {"year": year.fund_year.year},
            subtitle=year.district.name,
            facts=[
                (_("Zuweisung"), euro(year.allocated)),
                (_("geplant"), euro(year.planned)),
                (_("ausgegeben"), euro(year.spent)),
                (_("Kofinanzierung"), euro(year.co_funding)),
            ],
            chapters=[
                Chapter(
                    _("Je Förderbereich"),
                    render_to_string("funding/print/_areas.html", {"year": year}),
                ),
                Chapter(
                    _("Je Maßnahme"), render_to_string("funding/print/_plans.html", {"year": year})
                ),
            ]
            + (
                [
                    Chapter(
                        _("Hinweise"),
                        render_to_string(
                            "funding/print/_warnings.html", {"warnings": year.warnings}
                        ),
                    )
                ]
                if year.warnings
                else []
            ),
        )
        return _response(pdf_bytes(printable), "pdf", name)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Finanzplan")[:31]
    sheet.append([f"{_('Finanzplan')} {year.fund_year.year} – {year.district.name}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Zuweisung"), "", year.allocated])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    first = 5
    for offset, row in enumerate(rows):
        line = first + offset
        sheet.append([safe_cell(v) for v in row] + [f"=C{line}-E{line}"])
    last = first + len(rows) - 1
    total_line = last + 1
    if rows:
        sheet.append([_("Summe"), ""] + [f"=SUM({c}{first}:{c}{last})" for c in "CDEF"])
    else:
        sheet.append([_("Summe"), "", 0, 0, 0, 0])
    sheet.append([_("noch nicht verplant"), "", f"=C2-C{total_line}"])
    for cell in sheet[total_line]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=6):
        for cell in row:
            cell.number_format = EURO
    for index, width in enumerate((14, 48, 18, 18, 18, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return _response(buffer.getvalue(), "xlsx", name)


def statewide(overview: StateOverview, file_format: str, *, machine: bool = False) -> HttpResponse:
    fund_year, codes, rows = overview.fund_year, overview.codes, overview.rows
    name = f"fonds-fruehe-hilfen-{fund_year.year}"
    header = [_("Landkreis / kreisfreie Stadt"), _("Zuweisung")]
    header += [f"{_('geplant')} FB {code}" for code in codes] + [_("geplant gesamt")]
    header += [f"{_('ausgegeben')} FB {code}" for code in codes] + [_("ausgegeben gesamt")]
    data = [
        [row.district.name, row.allocated]
        + [row.planned_by_area[c] for c in codes]
        + [row.planned]
        + [row.spent_by_area[c] for c in codes]
        + [row.spent]
        for row in rows
    ]
    if file_format == "csv":
        total = (
            [_("Summe"), overview.distributed]
            + [overview.planned_by_area[c] for c in codes]
            + [overview.planned]
            + [overview.spent_by_area[c] for c in codes]
            + [overview.spent]
        )
        return _response(csv_bytes([header] + data + [total], machine=machine), "csv", name)
    if file_format == "pdf":
        # As on the page (components/set_by_lks.html): share and key are the LKS's.
        set_by_lks = _("festgelegt von der Landeskoordinierungsstelle")
        key = f"{fund_year.key} ({set_by_lks})" if fund_year.key else "–"
        printable = Printable(
            title=_("Fonds Frühe Hilfen %(year)s") % {"year": fund_year.year},
            subtitle=_("Übersicht aller Landkreise und kreisfreien Städte"),
            facts=[
                (_("Gesamtbetrag des Landes"), euro(fund_year.state_total)),
                (
                    _("Anteil der Landeskoordinierungsstelle"),
                    f"{euro(fund_year.state_office_share)} ({set_by_lks})",
                ),
                (_("an die Landkreise verteilt"), euro(overview.distributed)),
                (_("von den Landkreisen geplant"), euro(overview.planned)),
                (_("ausgegeben"), euro(overview.spent)),
                (_("angewendeter Schlüssel"), key),
            ],
            chapters=[
                Chapter(
                    _("Je Landkreis und Förderbereich"),
                    render_to_string("funding/print/_statewide.html", {"overview": overview}),
                )
            ]
            + (
                [
                    Chapter(
                        _("Hinweise"),
                        render_to_string(
                            "funding/print/_warnings.html", {"warnings": overview.warnings}
                        ),
                    )
                ]
                if overview.warnings
                else []
            ),
        )
        return _response(pdf_bytes(printable), "pdf", name)
    book = Workbook()
    sheet = book.active
    sheet.title = str(fund_year.year)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    n = len(codes)
    for index, row in enumerate(data, start=2):
        planned_from, planned_to = get_column_letter(3), get_column_letter(2 + n)
        spent_from, spent_to = get_column_letter(4 + n), get_column_letter(3 + 2 * n)
        values = row[:2] + row[2 : 2 + n] + [f"=SUM({planned_from}{index}:{planned_to}{index})"]
        values += row[3 + n : 3 + 2 * n] + [f"=SUM({spent_from}{index}:{spent_to}{index})"]
        sheet.append(values)
    last = len(data) + 1
    sheet.append(
        [_("Summe")]
        + [
            f"=SUM({get_column_letter(c)}2:{get_column_letter(c)}{last})"
            for c in range(2, len(header) + 1)
        ]
    )
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=len(header)):
        for cell in row:
            cell.number_format = EURO
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return _response(buffer.getvalue(), "xlsx", name)
