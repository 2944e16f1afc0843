"""German is the source; every other shipped language is translated in full and serves its pages.

The catalogues are checked as files (every msgid translated, no fuzzy or stale entries, placeholders
kept, the committed .mo in step with the .po) and through the pages each language serves.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(__file__).resolve().parent.parent / "locale"
# German is the source language: its msgids are the text, it has no catalogue.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|</?[a-z][^>]*>")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def entries(language: str) -> list[polib.POEntry]:
    return [entry for entry in catalogue(language) if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_shipped_language_has_a_catalogue():
    assert TRANSLATED == ["en", "uk", "ar", "ru", "tr"]
    for language in TRANSLATED:
        assert (LOCALE / language / "LC_MESSAGES" / "django.po").is_file(), language
        assert (LOCALE / language / "LC_MESSAGES" / "django.mo").is_file(), language


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language):
    """No empty msgstr, no fuzzy guess, no previous msgid left by makemessages (`#|`)."""
    found = entries(language)
    assert len(found) > 300
    nplurals = int(re.search(r"nplurals=(\d+)", catalogue(language).metadata["Plural-Forms"])[1])
    missing = [
        entry.msgid
        for entry in found
        if "fuzzy" in entry.flags
        or entry.previous_msgid
        or not all(translations(entry))
        or (entry.msgid_plural and len(entry.msgstr_plural) != nplurals)
    ]
    assert missing == []
    assert "#| " not in (LOCALE / language / "LC_MESSAGES" / "django.po").read_text("utf-8")


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language):
    for entry in entries(language):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations(entry):
            found = sorted(PLACEHOLDER.findall(text))
            if language == "ar" and entry.msgid_plural:
                # Arabic names the count in words for 0, 1 and 2: it may leave the number out.
                assert set(found) <= set(wanted), entry.msgid
                assert set(wanted) - set(found) <= {"%(counter)s", "%(count)s"}, entry.msgid
            else:
                assert found == wanted, (entry.msgid, text)


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_is_current(language):
    """The committed .mo carries exactly the .po (run `make messages` after editing a .po)."""
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    checked = 0
    for entry in entries(language):
        if entry.msgid_plural:
            for n in (0, 1, 2, 3, 5, 11, 21, 22, 101):
                form = entry.msgstr_plural[compiled.plural(n)]
                assert compiled.ngettext(entry.msgid, entry.msgid_plural, n) == form, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
        checked += 1
    assert checked == len(entries(language))


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        # count -> msgstr[n]: one, few, many (and a fourth form for fractions, never used)
        ("uk", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2}),
        ("ru", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2}),
        # zero, one, two, few (3-10), many (11-99), other (100-102, ...)
        ("ar", {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5, 103: 3}),
        ("tr", {0: 0, 1: 0, 2: 1, 7: 1}),
        ("en", {0: 1, 1: 0, 2: 1}),
    ],
)
def test_plural_forms_follow_the_language(language, forms):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert {count: compiled.plural(count) for count in forms} == forms


@pytest.mark.django_db
def test_english_pages_under_en(client):
    content = client.get("/en/").content.decode()
    assert '<html lang="en"' in content
    assert "Skip to content" in content
    assert "Zum Inhalt springen" not in content


@pytest.mark.django_db
def test_german_is_the_default_whatever_the_browser_asks(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de" dir="ltr">' in content


PAGES_IN = [
    ("uk", "Перейти до змісту", "ltr", "Знайти пропозиції"),
    ("ar", "الانتقال إلى المحتوى", "rtl", "ابحث عن عروض"),
    ("ru", "Перейти к содержанию", "ltr", "Найти предложения"),
    ("tr", "İçeriğe geç", "ltr", "Hizmet bul"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "skip_link", "direction", "find_offers"), PAGES_IN)
@pytest.mark.parametrize("page", ["", "angebote/"])
def test_public_pages_speak_each_language(
    client, language, skip_link, direction, find_offers, page
):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in content
    assert skip_link in content
    assert find_offers in content
    assert "Zum Inhalt springen" not in content
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sign_in", "no_account"),
    [
        ("uk", "Увійти", "Батькам обліковий запис не потрібен."),
        ("ar", "تسجيل الدخول", "لا يحتاج الآباء والأمهات إلى حساب."),
        ("ru", "Войти", "Родителям учётная запись не нужна."),
        ("tr", "Giriş yap", "Ebeveynlerin hesaba ihtiyacı yoktur."),
    ],
)
def test_staff_pages_are_translated_too(client, language, sign_in, no_account):
    content = client.get(f"/{language}/konto/anmelden/").content.decode()
    assert sign_in in content
    assert no_account in content


@pytest.mark.django_db
def test_the_language_switch_offers_every_language_on_the_same_page(client):
    content = client.get("/ar/angebote/?where=17489").content.decode()
    switch = content.split('<nav class="language-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(
        r'<a href="([^"]+)" lang="(\w+)" hreflang="(\w+)"([^>]*)>([^<]+)</a>', switch
    )
    assert [(code, name) for _href, code, _hreflang, _rest, name in links] == [
        (code, name) for code, name in settings.LANGUAGES
    ]
    for href, code, hreflang, rest, _name in links:
        assert hreflang == code
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        assert href == f"{prefix}/angebote/?where=17489"
        assert ('aria-current="true"' in rest) == (code == "ar")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//evil.example/", "///evil.example/angebote/", "/gibt-es-nicht/"]
)
def test_the_language_switch_stays_on_this_site(client, path):
    """A path that starts with two slashes must not become a link to another site (a
    browser reads "//evil.example/en/" as https://evil.example/en/)."""
    # The test client would read "//evil.example/" as a host; gunicorn passes it as the path.
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    content = response.content.decode()
    switch = content.split('<nav class="language-nav"', 1)[1].split("</nav>", 1)[0]
    links = {code: href for href, code in re.findall(r'<a href="([^"]+)" lang="(\w+)"', switch)}
    assert sorted(links) == sorted(code for code, _name in settings.LANGUAGES)
    assert not re.search(r'href="//|href="\w+:', content)
    rest = "/" + path.lstrip("/")
    for code, href in links.items():
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        assert href == f"{prefix}{rest}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", *[f"{code}/" for code in TRANSLATED]])
def test_no_public_page_sets_a_cookie(client, language):
    """Parents get no cookie in any language: no session, no CSRF, no language cookie."""
    for page in ("", "angebote/", "angebote/?where=17489", "landeskonzept/", "impressum/"):
        response = client.get(f"/{language}{page}")
        assert response.status_code == 200, page
        assert not response.cookies, page
        assert "Set-Cookie" not in response, page


def test_the_topic_labels_marked_for_translation_are_those_of_the_taxonomy():
    import csv

    from lotse.offers.topic_labels import TOPIC_LABELS

    data = Path(__file__).resolve().parent.parent / "lotse" / "offers" / "data" / "lotse-themen.csv"
    with data.open(encoding="utf-8") as handle:
        assert tuple(row["label"] for row in csv.DictReader(handle)) == TOPIC_LABELS
