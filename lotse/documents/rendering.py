"""Texts of concepts and reports: Markdown in, sanitised HTML out, live figures filled in.

Coordinators write Markdown (headings, lists, tables, emphasis, links). The HTML is
cleaned with nh3 against a short allow-list, so nothing a text contains can run script
or break the page; figures are inserted after cleaning, from values we escape ourselves.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotse.documents.figures import Figures, Table

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}

TOKEN = re.compile(r"\[\[(?:(tabelle):)?([a-z0-9_]+)\]\]")
TABLE_PARAGRAPH = re.compile(r"<p>\s*\[\[tabelle:([a-z0-9_]+)\]\]\s*</p>")
HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str) -> str:
    """Headings in a section's text sit below the section's own heading (h2)."""
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)


def table_html(table: Table) -> str:
    head = "".join(format_html('<th scope="col">{}</th>', header) for header in table.headers)
    rows = "".join(
        "<tr>" + "".join(format_html("<td>{}</td>", cell) for cell in row) + "</tr>"
        for row in table.rows
    ) or format_html('<tr><td colspan="{}">{}</td></tr>', len(table.headers), _("keine Einträge"))
    return format_html(
        '<table class="figure-table"><caption>{} <small>({})</small></caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        table.caption,
        table.source,
        mark_safe(head),
        mark_safe(rows),
    )


def _unknown(name: str) -> str:
    return format_html(
        '<mark class="figure-unknown">[[{}]] – {}</mark>', name, _("unbekannte Zahl")
    )


def render_markdown(text: str, figures: Figures | None = None) -> SafeString:
    """The HTML of a text, safe to put into a page or a PDF."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    html = nh3.clean(
        _shift_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    if figures is None:
        return mark_safe(html)  # noqa: S308 - cleaned by nh3 above

    def table_for(name: str) -> str:
        table = figures.tables.get(name)
        return table_html(table) if table else _unknown(f"tabelle:{name}")

    html = TABLE_PARAGRAPH.sub(lambda m: table_for(m.group(1)), html)

    def inline(match: re.Match) -> str:
        is_table, name = match.group(1), match.group(2)
        if is_table:
            return table_for(name)
        figure = figures.values.get(name)
        if figure is None:
            return _unknown(name)
        return format_html(
            '<span class="figure" data-figure="{}" title="{}: {}">{}</span>',
            name,
            figure.label,
            figure.source,
            figure.value,
        )

    return mark_safe(TOKEN.sub(inline, html))  # noqa: S308 - values escaped by format_html


def plain_text(text: str, figures: Figures) -> str:
    """The text with figures as plain values: what the diff between versions compares."""

    def value(match: re.Match) -> str:
        is_table, name = match.group(1), match.group(2)
        if is_table:
            table = figures.tables.get(name)
            if table is None:
                return match.group(0)
            return "\n".join(" | ".join(row) for row in (table.headers, *table.rows))
        figure = figures.values.get(name)
        return figure.value if figure else match.group(0)

    return TOKEN.sub(value, text or "")


__all__ = ["plain_text", "render_markdown", "table_html"]
