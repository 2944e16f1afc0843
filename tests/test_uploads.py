"""An uploaded document must be what its extension says (lotse/core/uploads.py)."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lotse.core.pdf import render_pdf
from lotse.core.uploads import validate_document_content
from lotse.networks.models import Meeting

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes() -> bytes:
    return render_pdf(
        '<html lang="de"><title>Protokoll</title><p>Protokoll des Netzwerktreffens</p>'
    )


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format=image_format)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


MINIMAL_DOCX = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "word/document.xml": b"<w:document/>",
}
ODT = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}


def python_docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kooperationsvereinbarung")
    document.save(buffer)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> str | None:
    """The message for this upload, or None when it is accepted."""
    upload = SimpleUploadedFile(name, content)
    try:
        validate_document_content(upload)
    except ValidationError as error:
        return error.messages[0]
    # Whatever was read for the check, the whole file is stored afterwards.
    assert upload.read() == content
    return None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("protokoll.pdf", pdf_bytes()),
        ("foto.png", image_bytes("PNG")),
        ("foto.jpg", image_bytes("JPEG")),
        ("foto.JPEG", image_bytes("JPEG")),
        ("vereinbarung.docx", zip_bytes(MINIMAL_DOCX)),
        ("vereinbarung.docx", python_docx_bytes()),
        ("standard.odt", zip_bytes(ODT)),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ("notiz.txt", "Tagesordnung: Begrüßung, Berichte, Verschiedenes\n".encode()),
        ("notiz.txt", "\ufeffMit BOM aus dem Windows-Editor < 5 Punkte\n".encode()),
    ],
)
def test_documents_of_the_promised_type_are_accepted(name, content):
    assert refusal(name, content) is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.pdf", HTML, "ein PDF-Dokument"),
        ("bild.pdf", image_bytes("PNG"), "ein PDF-Dokument"),
        ("foto.png", image_bytes("JPEG"), "ein PNG-Bild"),
        ("foto.jpg", HTML, "ein JPEG-Bild"),
        ("vereinbarung.docx", zip_bytes({"word/document.xml": b"<w:document/>"}), "(DOCX)"),
        ("vereinbarung.docx", HTML, "(DOCX)"),
        ("standard.odt", zip_bytes(MINIMAL_DOCX), "(ODT)"),
        (
            "tabelle.odt",
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "(ODT)",
        ),
        ("alt.doc", pdf_bytes(), "(DOC)"),
        ("seite.txt", HTML, "reiner Text (UTF-8)"),
        ("seite.txt", b"  \n<script>alert(1)</script>", "reiner Text (UTF-8)"),
        ("latin1.txt", "Grüße".encode("latin-1"), "reiner Text (UTF-8)"),
        ("utf16.txt", "Hallo".encode("utf-16"), "reiner Text (UTF-8)"),
        ("programm.txt", b"MZ\x90\x00\x03\x00", "reiner Text (UTF-8)"),
    ],
)
def test_a_file_that_is_not_what_its_extension_says_is_refused(name, content, expected):
    message = refusal(name, content)
    extension = name.rsplit(".", 1)[1].lower()
    assert message is not None and message.startswith(
        f"Der Inhalt der Datei passt nicht zur Endung .{extension}: erwartet wird "
    )
    assert expected in message


def test_other_extensions_are_left_to_the_extension_check():
    assert refusal("programm.exe", b"MZ") is None


@pytest.mark.django_db
def test_an_html_page_named_pdf_is_refused_on_upload(
    world, network_coordinator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    starts = timezone.now()
    meeting = Meeting.objects.create(
        network=world.network,
        kind=Meeting.Kind.NETWORK_MEETING,
        title="Mit Protokoll",
        starts_at=starts,
        ends_at=starts,
    )
    edit = reverse(
        "networks:meeting_edit",
        kwargs={"ags": world.district.ags, "network_id": world.network.pk, "pk": meeting.pk},
    )
    form = {
        "kind": "network_meeting",
        "title": "Mit Protokoll",
        "date": "2026-03-01",
        "start": "10:00",
        "end": "11:00",
    }
    refused = network_coordinator.post(
        edit, {**form, "minutes_file": SimpleUploadedFile("x.pdf", HTML)}
    )
    assert refused.status_code == 200
    assert (
        "Der Inhalt der Datei passt nicht zur Endung .pdf: erwartet wird ein PDF-Dokument."
        in refused.content.decode()
    )
    meeting.refresh_from_db()
    assert not meeting.minutes_file
    assert not list(tmp_path.rglob("*.pdf"))

    document = pdf_bytes()
    accepted = network_coordinator.post(
        edit, {**form, "minutes_file": SimpleUploadedFile("protokoll.pdf", document)}
    )
    assert accepted.status_code == 302
    meeting.refresh_from_db()
    with meeting.minutes_file.open("rb") as stored:
        assert stored.read() == document


@pytest.mark.django_db
def test_a_stored_file_is_not_read_again_when_the_record_is_edited(
    world, network_coordinator, settings, tmp_path
):
    """A document already stored was checked on upload; editing the meeting leaves it be."""
    settings.MEDIA_ROOT = tmp_path
    starts = timezone.now()
    meeting = Meeting.objects.create(
        network=world.network,
        kind=Meeting.Kind.NETWORK_MEETING,
        title="Altes Protokoll",
        starts_at=starts,
        ends_at=starts,
    )
    meeting.minutes_file.save("alt.txt", ContentFile(b"<p>vor der Pruefung gespeichert</p>"))
    edit = reverse(
        "networks:meeting_edit",
        kwargs={"ags": world.district.ags, "network_id": world.network.pk, "pk": meeting.pk},
    )
    response = network_coordinator.post(
        edit,
        {
            "kind": "network_meeting",
            "title": "Altes Protokoll, umbenannt",
            "date": "2026-03-01",
            "start": "10:00",
            "end": "11:00",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Altes Protokoll, umbenannt"
