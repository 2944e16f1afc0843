"""German first, English second: every shipped string is translated, /en/ speaks English."""

import gettext
import re
from pathlib import Path

import pytest

from lotse.public_strings import PUBLIC_LANGUAGES, is_public

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PO_FILE = LOCALE / "en" / "LC_MESSAGES" / "django.po"


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


def public_entries(language: str):
    import polib

    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in catalogue if not entry.obsolete and is_public(entry.occurrences)]


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_every_public_string_is_translated(language):
    entries = public_entries(language)
    assert len(entries) > 100
    missing = [
        entry.msgid
        for entry in entries
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert missing == []


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_placeholders_survive_translation(language):
    for entry in public_entries(language):
        wanted = sorted(re.findall(r"%\((\w+)\)s", entry.msgid))
        for text in [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values():
            found = sorted(re.findall(r"%\((\w+)\)s", text))
            # Arabic names the count in words for 0, 1 and 2: it may leave the number out.
            assert set(found) <= set(wanted) and set(wanted) - set(found) <= {"counter", "count"}, (
                entry.msgid
            )


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES)
def test_compiled_catalogue_is_current(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in public_entries(language):
        if not entry.msgid_plural:
            assert catalogue.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link", "direction"),
    [
        ("uk", "Перейти до змісту", "ltr"),
        ("ar", "الانتقال إلى المحتوى", "rtl"),
        ("ru", "Перейти к содержанию", "ltr"),
        ("tr", "İçeriğe geç", "ltr"),
    ],
)
def test_public_pages_speak_each_language(client, language, skip_link, direction):
    response = client.get(f"/{language}/angebote/")
    content = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in content
    assert skip_link in content
    assert not response.cookies


def test_the_topic_labels_marked_for_translation_are_those_of_the_taxonomy():
    import csv

    from lotse.offers.topic_labels import TOPIC_LABELS

    data = Path(__file__).resolve().parent.parent / "lotse" / "offers" / "data" / "lotse-themen.csv"
    with data.open(encoding="utf-8") as handle:
        assert tuple(row["label"] for row in csv.DictReader(handle)) == TOPIC_LABELS
