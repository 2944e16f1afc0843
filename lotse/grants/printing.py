"""The district's grant documents as files: the application, the interim report and the
Verwendungsnachweis as PDF (lotse/core/printing.py, WeasyPrint), the Verwendungsnachweis
also as XLSX with real formulas for every sum and difference.

They are documents for the state office: written in Lotse's language (LANGUAGE_CODE),
whatever the language of the page they were asked for on.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lotse.core.money import euro
from lotse.core.printing import Chapter, Printable, pdf_bytes
from lotse.core.spreadsheets import safe_cell
from lotse.funding.models import Spending
from lotse.grants.models import GrantDocument
from lotse.grants.statements import Statement

EURO = '#,##0.00 "€"'
K = GrantDocument.Kind


def file_name(document: GrantDocument, extension: str) -> str:
    procedure = document.procedure
    return f"{document.slug}-{procedure.district.ags}-{procedure.fund_year.year}.{extension}"


def pdf(document: GrantDocument, statement: Statement, *, draft: bool) -> bytes:
    """The document as PDF; a draft (not yet submitted) says so on its cover."""
    with translation.override(settings.LANGUAGE_CODE):
        return pdf_bytes(_printable(document, statement, draft=draft))


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def _printable(document: GrantDocument, statement: Statement, *, draft: bool) -> Printable:
    fund_year = statement.fund_year
    notes = []
    if draft:
        notes.append(_("Entwurf – noch nicht eingereicht."))
    if fund_year.demo_values:
        notes.append(_("Demowerte: Beträge und Fristen dieses Förderjahres sind nicht amtlich."))
    facts = [
        (_("Erstempfänger"), _("Jugendamt %(district)s") % {"district": statement.district.name}),
        (_("Förderjahr"), str(fund_year.year)),
        (_("fällig am"), _date(document.due_on)),
    ]
    if document.submitted_at and not draft:
        facts.append((_("eingereicht am"), _date(document.submitted_at)))
    if document.kind == K.APPLICATION:
        facts += [
            (_("Zuweisung an den Landkreis"), euro(statement.allocated)),
            (_("beantragt (geplant aus dem Fonds)"), euro(statement.planned)),
        ]
        chapters = [
            Chapter(
                _("Regionales Gesamtkonzept"),
                render_to_string("grants/print/_concept.html", {"concept": statement.concept}),
            ),
            Chapter(
                _("Maßnahmen und Planansätze je Förderbereich"),
                render_to_string("grants/print/_plan.html", {"statement": statement}),
            ),
            Chapter(
                _("Finanzierungsplan"),
                render_to_string(
                    "grants/print/_areas.html", {"statement": statement, "with_spending": False}
                ),
            ),
        ]
    else:
        facts += [
            (_("bewilligt"), euro(statement.granted)),
            (_("ausgegeben"), euro(statement.spent)),
        ]
        with_reports = document.kind == K.PROOF_OF_USE and any(
            line.report_state for line in statement.lines
        )
        chapters = [
            Chapter(
                _("Zuwendung und Verwendung"),
                render_to_string("grants/print/_grant.html", {"statement": statement}),
            ),
            Chapter(
                _("Plan und Ausgaben je Förderbereich"),
                render_to_string(
                    "grants/print/_areas.html", {"statement": statement, "with_spending": True}
                ),
            ),
            Chapter(
                _("Plan und Ausgaben je Maßnahme"),
                render_to_string(
                    "grants/print/_lines.html",
                    {
                        "statement": statement,
                        "with_reports": with_reports,
                        "columns": 7 if with_reports else 6,
                    },
                ),
            ),
        ]
    if statement.warnings:
        chapters.append(
            Chapter(
                _("Hinweise"),
                render_to_string("grants/print/_warnings.html", {"warnings": statement.warnings}),
            )
        )
    return Printable(
        title=str(document.get_kind_display()),
        subtitle=f"{statement.district.name} · {fund_year.year}",
        facts=facts,
        chapters=chapters,
        note=" ".join(notes),
    )


# --- The Verwendungsnachweis as a workbook ---------------------------------------------------

MEASURES_SHEET_COLUMNS = 12  # A–L without the Sachbericht column


def proof_of_use_xlsx(statement: Statement) -> bytes:
    """Two sheets: every measure with plan and spending per period, and the Förderbereiche
    summed from them (SUMIF), with the grant and what is left of it. Sums and differences
    are formulas, amounts numbers."""
    with translation.override(settings.LANGUAGE_CODE):
        return _workbook(statement)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _workbook(statement: Statement) -> bytes:
    book = Workbook()
    measures = book.active
    measures.title = _("Maßnahmen")[:31]
    with_reports = any(line.report_state for line in statement.lines)
    period_labels = [str(label) for _value, label in Spending.Period.choices]
    header = [
        _("Förderbereich"),
        _("Maßnahme"),
        _("Träger"),
        _("geplant"),
        _("Kofinanzierung"),
        *period_labels,
        _("ausgegeben"),
        _("Differenz zum Plan"),
    ]
    if with_reports:
        header.append(_("Sachbericht"))
    measures.append(header)
    for cell in measures[1]:
        cell.font = Font(bold=True)
    first = 2
    line_no = first
    for area in statement.areas:
        for line in area.lines:
            spent = f"=SUM(F{line_no}:J{line_no})"
            row = [
                area.code,
                safe_cell(line.title),
                safe_cell(line.provider),
                line.planned,
                line.co_funding,
                *line.periods,
                spent,
                f"=D{line_no}-K{line_no}",
            ]
            if with_reports:
                row.append(safe_cell(line.report_state))
            measures.append(row)
            line_no += 1
    last = line_no - 1
    total_row = line_no
    if last >= first:
        measures.append(
            [_("Summe"), "", ""]
            + [f"=SUM({column}{first}:{column}{last})" for column in "DEFGHIJKL"]
        )
    else:
        measures.append([_("Summe"), "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0])
    for cell in measures[total_row]:
        cell.font = Font(bold=True)
    for row in measures.iter_rows(min_row=first, min_col=4, max_col=MEASURES_SHEET_COLUMNS):
        for cell in row:
            cell.number_format = EURO
    for index, width in enumerate((12, 44, 32, 16, 16, 14, 14, 14, 14, 14, 16, 16, 28), start=1):
        measures.column_dimensions[get_column_letter(index)].width = width

    areas = book.create_sheet(_("Förderbereiche")[:31])
    source = _quoted(measures.title)
    span_end = max(last, first)
    codes = f"{source}!$A${first}:$A${span_end}"
    areas.append([_("Förderbereich"), "", _("geplant"), _("Kofinanzierung"), _("ausgegeben"),
                  _("Differenz zum Plan")])  # fmt: skip
    for cell in areas[1]:
        cell.font = Font(bold=True)
    for offset, area in enumerate(statement.areas):
        row = 2 + offset
        areas.append(
            [
                area.code,
                area.label,
                f"=SUMIF({codes},$A{row},{source}!D${first}:D${span_end})",
                f"=SUMIF({codes},$A{row},{source}!E${first}:E${span_end})",
                f"=SUMIF({codes},$A{row},{source}!K${first}:K${span_end})",
                f"=C{row}-E{row}",
            ]
        )
    area_last = 1 + len(statement.areas)
    sum_row = area_last + 1
    areas.append(
        [_("Summe"), ""] + [f"=SUM({c}2:{c}{area_last})" for c in "CDEF"]
        if statement.areas
        else [_("Summe"), "", 0, 0, 0, 0]
    )
    for cell in areas[sum_row]:
        cell.font = Font(bold=True)
    areas.append([])
    grant_row = sum_row + 2
    areas.append([_("bewilligt (Zuwendungsbescheid)"), "", statement.granted])
    areas.append([_("Zuweisung an den Landkreis"), "", statement.allocated])
    if statement.granted is not None:
        areas.append([_("nicht verwendet (bewilligt abzüglich ausgegeben)"), "",
                      f"=C{grant_row}-E{sum_row}"])  # fmt: skip
    for row in areas.iter_rows(min_row=2, min_col=3, max_col=6):
        for cell in row:
            cell.number_format = EURO
    for index, width in enumerate((40, 28, 16, 16, 16, 16), start=1):
        areas.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
