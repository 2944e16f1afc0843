"""Fill a gettext catalogue from a Python dict of translations (msgid -> msgstr or tuple of
plural forms), clear fuzzy flags and previous msgids, and compile the .mo.

    .venv/bin/python scripts/fill_catalogue.py LANG TRANSLATIONS.py

TRANSLATIONS.py defines a dict named after the upper-case language code (EN, UK, AR, ...).
Needs polib (pip install polib) and msgfmt (gettext).
"""

import runpy
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def fill(language: str, translations: dict) -> int:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    catalogue.metadata["Language"] = language
    catalogue.metadata["Project-Id-Version"] = "Lotse"
    plural_forms = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
    count = int(plural_forms.split("nplurals=")[1].split(";")[0])
    filled = 0
    for entry in catalogue:
        if entry.msgid_plural and len(entry.msgstr_plural) != count:
            entry.msgstr_plural = {n: entry.msgstr_plural.get(n, "") for n in range(count)}
        if entry.msgid not in translations:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            forms = value if isinstance(value, tuple) else (value,)
            entry.msgstr_plural = {n: forms[min(n, len(forms) - 1)] for n in range(count)}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    catalogue.metadata_is_fuzzy = 0  # the header of a new catalogue comes marked fuzzy
    catalogue.save()
    subprocess.run(["msgfmt", "--check", "-o", str(path.with_suffix(".mo")), str(path)], check=True)
    return filled


if __name__ == "__main__":
    language, source = sys.argv[1], sys.argv[2]
    table = runpy.run_path(source)[language.upper()]
    print(f"{language}: {fill(language, table)} entries filled")
