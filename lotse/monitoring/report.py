"""The state report (LKS: Ziel- und Erfolgskontrolle, NZFH's three-yearly survey) and the
same for one district (its Jugendhilfeausschuss): indicators over the years with maps
and tables, and the status of every Entwicklungsbaustein. PDF, XLSX or CSV."""

from __future__ import annotations

import datetime
import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.core.printing import Chapter, Printable, pdf_bytes
from lotse.core.spreadsheets import CONTENT_TYPES, csv_bytes, safe_cell
from lotse.documents import matrix
from lotse.monitoring import maps
from lotse.monitoring.models import Indicator
from lotse.monitoring.queries import series
from lotse.networks.item_status import edition_for_year
from lotse.regions.models import District

MAPPED = ("angebote-je-1000", "erreichbarkeit-20km", "sektoren", "ausgaben-je-kind")


def _tables(
    district,
    years: tuple[int, int] | None = None,
    *,
    for_file: bool = False,
    sees_small_numbers: bool = False,
):
    """Per indicator: (indicator, years shown, rows as [(name, [values per year])]); for a
    file the values are numbers (Series.exported), for print German text. Small counts
    are exact for the LKS only (lotse/networks/small_numbers.py)."""
    result = []
    for indicator in Indicator.objects.all():
        data = series(indicator)
        shown_years = [y for y in data.years if years is None or years[0] <= y <= years[1]]
        places = [d for d in data.districts if district is None or d.pk == district.pk]
        value = data.exported if for_file else data.shown
        rows = [
            (d.name, [value(d.pk, y, sees_small_numbers=sees_small_numbers) for y in shown_years])
            for d in places
        ]
        rows.append(
            (
                _("Mecklenburg-Vorpommern"),
                [value(None, y, sees_small_numbers=sees_small_numbers) for y in shown_years],
            )
        )
        result.append((indicator, data, shown_years, rows))
    return result


def response(
    file_format: str,
    *,
    district: District | None,
    today: datetime.date,
    years: tuple[int, int] | None = None,
    machine: bool = False,
    sees_small_numbers: bool = False,
) -> HttpResponse:
    """`years`: the first and last year shown (default: all recorded years and this one);
    `machine`: the CSV for programs (lotse/core/spreadsheets.py); `sees_small_numbers`:
    the reader is the LKS (small counts exact)."""
    tables = _tables(
        district,
        years,
        for_file=file_format in ("csv", "xlsx"),
        sees_small_numbers=sees_small_numbers,
    )
    name = f"bericht-{district.ags if district else 'mv'}-{today:%Y-%m-%d}"
    if file_format in ("csv", "xlsx"):
        lines = [[_("Indikator"), _("Einheit"), _("Gebiet"), _("Jahr"), _("Wert")]]
        for indicator, _data, shown_years, rows in tables:
            for place, values in rows:
                for year, value in zip(shown_years, values, strict=True):
                    lines.append([indicator.name, indicator.unit, place, year, value])
        if file_format == "csv":
            body = csv_bytes(lines, machine=machine)
        else:
            book = Workbook()
            sheet = book.active
            sheet.title = _("Indikatoren")[:31]
            for line in lines:
                sheet.append([safe_cell(v) for v in line])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            buffer = io.BytesIO()
            book.save(buffer)
            body = buffer.getvalue()
        result = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
        result["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return result
    # The districts' statuses of the last year shown (networks/item_status.py).
    status_year = years[1] if years else today.year
    edition = edition_for_year(status_year)
    module_rows = []
    if edition:
        built = matrix.build(edition, status_year)
        module_rows = [row for row in built.rows if row.kind == "development_module"]
        districts = built.districts
    else:
        districts = []
    boundaries = list(District.objects.order_by("ags"))
    chapters = []
    for indicator, data, shown_years, rows in tables:
        drawn = None
        if district is None and indicator.code in MAPPED:
            year = data.years[-1]
            drawn = maps.choropleth(
                boundaries,
                {d.ags: data.values.get((d.pk, year)) for d in data.districts},
                {
                    d.ags: data.shown(d.pk, year, sees_small_numbers=sees_small_numbers)
                    for d in data.districts
                },
            )
        chapters.append(
            Chapter(
                indicator.name,
                render_to_string(
                    "monitoring/print/_indicator.html",
                    {"indicator": indicator, "years": shown_years, "rows": rows, "map": drawn},
                ),
            )
        )
    if module_rows:
        index = [i for i, d in enumerate(districts) if district is None or d.pk == district.pk]
        chapters.append(
            Chapter(
                _("Stand der Entwicklungsbausteine"),
                render_to_string(
                    "monitoring/print/_modules.html",
                    {
                        "districts": [districts[i] for i in index],
                        "rows": [(row, [row.cells[i] for i in index]) for row in module_rows],
                    },
                ),
            )
        )
    printable = Printable(
        title=_("Bericht Frühe Hilfen"),
        subtitle=district.name if district else _("Mecklenburg-Vorpommern"),
        facts=[(_("Stand"), today.strftime("%d.%m.%Y")), (_("Indikatoren"), str(len(tables)))],
        chapters=chapters,
    )
    result = HttpResponse(pdf_bytes(printable), content_type="application/pdf")
    result["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return result
