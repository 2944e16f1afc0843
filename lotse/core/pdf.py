"""HTML to PDF with WeasyPrint, for every printed document of every app.

A document is an HTML page, best one extending "print/base.html" (language, title and author
become the PDF's metadata). It prints on A4 with the print stylesheet `css/print.css` beneath
its own styles, fonts embedded as subsets, tagged (headings, tables, lists) for screen readers.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

PRINT_STYLESHEET = "css/print.css"


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document; relative addresses in it point into the static files."""
    # Imported here: WeasyPrint takes most of a second to import, and only printing needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    found = finders.find(PRINT_STYLESHEET)
    if found is None:
        raise ImproperlyConfigured(
            f"The print stylesheet {PRINT_STYLESHEET} is not in the static files."
        )
    static_root = Path(found.removesuffix(PRINT_STYLESHEET))
    # Printed texts come from users: printing never reaches the network, only local files.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(string=html, base_url=static_root.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=found, url_fetcher=fetcher)], pdf_tags=True)
