"""Printables as PDF (WeasyPrint) and DOCX: concepts, reports, Projektsteckbriefe,
Sachberichte and the state report.

Every printable is the same shape — a title, facts for the cover, chapters of sanitised
HTML — so one print template and one DOCX writer serve all four. The PDF is tagged
(headings, tables, lists) with its fonts embedded, has a cover, a table of contents and
page numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from lotse.core.pdf import render_pdf

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Chapter:
    title: str
    html: str


@dataclass
class Printable:
    title: str
    subtitle: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    note: str = ""


def pdf_bytes(printable: Printable) -> bytes:
    html = render_to_string(
        "print/document.html",
        {
            "printable": printable,
            "chapters": [(c.title, mark_safe(c.html)) for c in printable.chapters],  # noqa: S308 - sanitised
            "printed_at": timezone.localtime(),
        },
    )
    return render_pdf(html)


def docx_bytes(printable: Printable) -> bytes:
    from docx import Document as Docx

    docx = Docx()
    docx.core_properties.title = f"{printable.title} – {printable.subtitle}"
    docx.core_properties.language = "de-DE"
    docx.add_heading(printable.title, level=0)
    docx.add_paragraph(printable.subtitle)
    if printable.note:
        docx.add_paragraph(printable.note).runs[0].bold = True
    table = docx.add_table(rows=0, cols=2)
    for label, value in printable.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for chapter in printable.chapters:
        docx.add_heading(chapter.title, level=1)
        _HtmlToDocx(docx).feed(chapter.html)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


class _HtmlToDocx(HTMLParser):
    """The few tags our sanitised HTML has, as Word headings, paragraphs, lists, tables."""

    BLOCKS = {"p", "li", "h3", "h4", "h5", "h6", "td", "th", "caption", "blockquote", "pre"}

    def __init__(self, docx):
        super().__init__(convert_charrefs=True)
        self.docx = docx
        self.paragraph = None
        self.lists: list[str] = []
        self.bold = self.italic = 0
        self.table = None
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag in ("strong", "b", "th"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "table":
            self.table = self.docx.add_table(rows=0, cols=0)
            self.table.style = "Table Grid"
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        if tag in self.BLOCKS and self.cell is None and tag not in ("td", "th"):
            self._new_paragraph(tag)

    def _new_paragraph(self, tag):
        if tag in ("h3", "h4", "h5", "h6"):
            self.paragraph = self.docx.add_heading(level=min(int(tag[1]) - 1, 9))
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            self.paragraph = self.docx.add_paragraph(style=style)
        elif tag == "caption":
            self.paragraph = self.docx.add_paragraph(style="Caption")
        else:
            self.paragraph = self.docx.add_paragraph()

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b", "th"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self._add_row(self.row)
            self.row = None
        elif tag == "table":
            self.table = None
        elif tag in self.BLOCKS:
            self.paragraph = None

    def _add_row(self, values: list[str]) -> None:
        table = self.table
        assert table is not None  # handle_endtag adds rows only inside a table
        while len(table.columns) < len(values):
            table.add_column(width=self.docx.sections[0].page_width // 6)
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = value

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self.paragraph = self.docx.add_paragraph()
        run = self.paragraph.add_run(data)
        run.bold = bool(self.bold)
        run.italic = bool(self.italic)


def response(printable: Printable, file_format: str, *, filename: str) -> HttpResponse:
    body = pdf_bytes(printable) if file_format == "pdf" else docx_bytes(printable)
    result = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    result["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return result
