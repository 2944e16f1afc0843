"""What an uploaded document must contain: the type its name promises.

The extension is only the sender's word: an HTML page renamed `.pdf` passes it, and a
browser that guesses the type from the content would run its script. So each allowed type
is recognised by its first bytes ("magic number"); the zip-based office formats by the
entry that names their type; text by being UTF-8 without NUL bytes and without markup at
its start. DOCUMENT_VALIDATORS (extension, size, content) is used by every document field and form.
"""

from __future__ import annotations

import codecs
import zipfile
import zlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

PDF = b"%PDF-"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
# Word 97-2003 and other OLE compound files.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# What a text file may not start with: markup a browser would render as a page.
MARKUP = "<"

EXPECTED = {
    "pdf": _("ein PDF-Dokument"),
    "png": _("ein PNG-Bild"),
    "jpg": _("ein JPEG-Bild"),
    "jpeg": _("ein JPEG-Bild"),
    "doc": _("ein Word-Dokument (DOC)"),
    "docx": _("ein Word-Dokument (DOCX)"),
    "odt": _("ein OpenDocument-Text (ODT)"),
    "txt": _("reiner Text (UTF-8)"),
}


def validate_document_content(upload) -> None:
    """Refuse a file whose content is not the type its extension names."""
    # A file already stored was checked when it came in (and may be read from elsewhere).
    # django-stubs omit FieldFile's private `_committed` flag, hence the ignore.
    if isinstance(upload, FieldFile) and upload._committed:  # type: ignore[attr-defined]
        return
    extension = PurePath(upload.name or "").suffix.lower().removeprefix(".")
    if extension not in EXPECTED:
        return  # the extension validator refuses it
    try:
        matches = _content_matches(upload, extension)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "Der Inhalt der Datei passt nicht zur Endung .%(extension)s: erwartet wird %(expected)s."
            ),
            code="content_mismatch",
            params={"extension": extension, "expected": EXPECTED[extension]},
        )


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(len(OLE))
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(PDF)
    if extension == "png":
        return head.startswith(PNG)
    if extension in ("jpg", "jpeg"):
        return head.startswith(JPEG)
    if extension == "doc":
        return head.startswith(OLE)
    if extension == "docx":
        return head.startswith(ZIP) and _zip_entry(upload, "[Content_Types].xml") is not None
    if extension == "odt":
        # OpenDocument: the first entry "mimetype" holds the type, stored uncompressed.
        return head.startswith(ZIP) and _zip_entry(upload, "mimetype") == ODT_MIMETYPE
    return _is_plain_text(upload)


def _zip_entry(upload, name: str) -> bytes | None:
    """The first bytes of one entry of a zip file, or None when there is no such entry."""
    try:
        with zipfile.ZipFile(upload) as archive, archive.open(name) as entry:
            # Enough for ODT's mimetype; never unpack a whole entry (a zip bomb).
            return entry.read(len(ODT_MIMETYPE) + 1)
    # Not a readable zip, no such entry, encrypted or an unknown compression: not the type.
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        zlib.error,
        RuntimeError,
        NotImplementedError,
    ):
        return None


def _is_plain_text(upload) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    start = ""
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            text = decoder.decode(chunk)
            if len(start) < 64:
                start += text[:64]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return not start.lstrip("\ufeff \t\r\n").startswith(MARKUP)


DOCUMENT_EXTENSIONS = ["pdf", "odt", "docx", "doc", "txt", "png", "jpg", "jpeg"]
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def validate_document_size(upload) -> None:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB."))


DOCUMENT_VALIDATORS = [
    FileExtensionValidator(
        DOCUMENT_EXTENSIONS, message=_("Erlaubt sind PDF, ODT, DOCX, DOC, TXT, PNG und JPG.")
    ),
    validate_document_size,
    validate_document_content,
]
