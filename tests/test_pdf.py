"""Every app prints through lotse/core/pdf.py: tagged, German, titled, on the print stylesheet."""

import http.server
import io
import threading

from django.template import Context, Template
from pypdf import PdfReader

from lotse.core.pdf import render_pdf

DOCUMENT = Template(
    '{% extends "print/base.html" %}'
    "{% block title %}Übersicht der Netzwerktreffen{% endblock %}"
    "{% block body %}<h1>Netzwerktreffen</h1>{{ extra }}"
    "<table><thead><tr><th scope=col>Monat</th><th scope=col>Treffen</th></tr></thead>"
    "<tbody><tr><td>März</td><td>2</td></tr></tbody></table>{% endblock %}"
)


def printed(extra: str = "") -> PdfReader:
    html = DOCUMENT.render(Context({"extra": extra}, autoescape=False))
    return PdfReader(io.BytesIO(render_pdf(html)))


def test_a_printed_document_is_accessible_and_embeds_its_fonts():
    reader = printed()
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged: headings and tables for screen readers
    assert catalog["/Lang"] == "de"
    assert reader.metadata.title == "Übersicht der Netzwerktreffen"
    assert reader.metadata.author == "Lotse – Frühe Hilfen MV"
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    descriptors = [font.get_object()["/DescendantFonts"][0]["/FontDescriptor"] for font in fonts]
    assert all("/FontFile2" in descriptor for descriptor in descriptors)


def test_the_print_stylesheet_numbers_the_pages():
    text = printed().pages[0].extract_text()
    assert "Netzwerktreffen" in text and "März" in text
    assert "Seite 1 von 1" in text


def test_printing_never_fetches_from_the_network():
    """A printed text comes from users; an address in it must not make the server call out."""
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        printed(f'<img src="http://127.0.0.1:{server.server_port}/bild.png" alt="">')
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []


def test_relative_addresses_find_the_static_files():
    """WeasyPrint prints an image it cannot load as its alt text."""
    found = printed('<img src="img/lotse.svg" alt="Bild fehlt">').pages[0].extract_text()
    missing = printed('<img src="img/fehlt.svg" alt="Bild fehlt">').pages[0].extract_text()
    assert "Bild fehlt" not in found and "Bild fehlt" in missing
