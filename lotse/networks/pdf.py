"""The minimum-requirements page of a network as a PDF (for the annual report's appendix)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def requirements_pdf(network, year: int, rows) -> bytes:
    """`rows`: (item, evidence or None, status or None) as the page shows them."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8.5, leading=10.5)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{network.name} – {_('Mindestanforderungen')} {year}",
        author="Lotse – Frühe Hilfen MV",
        pageCompression=0,  # small documents; keeps the text searchable in tests
    )
    story = [
        Paragraph(escape(network.name), styles["Title"]),
        Paragraph(
            escape(
                _("Mindestanforderungen und Entwicklungsbausteine %(year)s, Stand %(date)s")
                % {"year": year, "date": timezone.localdate().strftime("%d.%m.%Y")}
            ),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    table = [
        [
            Paragraph(f"<b>{escape(h)}</b>", small)
            for h in (_("Baustein"), _("Was die Daten zeigen"), _("Stand"))
        ]
    ]
    for item, evidence, status in rows:
        lines = "<br/>".join(escape(line) for line in (evidence.lines if evidence else []))
        state = status.get_status_display() if status else _("noch nicht eingeschätzt")
        if status and status.comment:
            state += f" – {status.comment}"
        table.append(
            [
                Paragraph(f"<b>{escape(item.code)}</b><br/>{escape(item.title)}", small),
                Paragraph(lines or "–", small),
                Paragraph(escape(str(state)), small),
            ]
        )
    grid = Table(table, colWidths=[60 * mm, 75 * mm, 45 * mm], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef4f7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(grid)
    document.build(story)
    return buffer.getvalue()
