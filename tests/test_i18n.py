"""German first, English second: every shipped string is translated, /en/ speaks English."""

import gettext
import re
from pathlib import Path

import pytest

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def untranslated_msgids(text: str) -> list[str]:
    missing = []
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.startswith("#~"):
            continue  # obsolete entries
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid", 1)[-1]))
        strings = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n")
        if not strings or any("".join(re.findall(r'"(.*)"', s)) == "" for s in strings):
            missing.append(msgid)
        if "#, fuzzy" in block:
            missing.append(msgid)
    return missing


def test_every_english_string_is_translated():
    assert untranslated_msgids(PO_FILE.read_text(encoding="utf-8")) == []


def test_the_compiled_catalogue_matches_the_source():
    """The committed .mo carries every translation of the .po (run `make messages`)."""
    with PO_FILE.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    pairs = re.findall(
        r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', PO_FILE.read_text(encoding="utf-8")
    )

    def join(lines):
        return (
            "".join(re.findall(r'"(.*)"', lines))
            .encode()
            .decode("unicode_escape")
            .encode("latin-1")
            .decode()
        )

    checked = 0
    for msgid, msgstr in pairs:
        source, translation = join(msgid), join(msgstr)
        if source:
            assert catalogue.gettext(source) == translation, source
            checked += 1
    assert checked > 200


@pytest.mark.django_db
def test_english_pages_under_en(client):
    content = client.get("/en/").content.decode()
    assert '<html lang="en"' in content
    assert "Skip to content" in content
    assert "Zum Inhalt springen" not in content


@pytest.mark.django_db
def test_german_is_the_default_whatever_the_browser_asks(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de"' in content
