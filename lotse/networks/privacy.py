"""Free text about families must not identify anyone. `personal_data_in(text)` finds what
looks like a name, phone number, e-mail address, street address or date of birth, so the
form can refuse the text with a clear message. A heuristic: it errs on the side of refusing.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\w)(?:\+|0)[\d /()-]{5,}\d")
STREET = re.compile(
    # "Lindenstraße 4", "Am Ring 3", "Lange Straße 12"
    r"\b[A-ZÄÖÜ][\wäöüß-]+(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|chaussee)"
    r"\s*\d+"
    r"|\b[A-ZÄÖÜ][a-zäöüß]+\s+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm|Markt)"
    r"\s*\d+",
)
POSTCODE_TOWN = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+")
BIRTH_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}\b")
SALUTATION = re.compile(
    r"\b(?:Frau|Herr|Herrn|Familie|Fam\.|Mutter|Vater|Baby|Kind|Sohn|Tochter)\s+[A-ZÄÖÜ][a-zäöüß]+",
)
NAMED = re.compile(r"\b(?:heißt|namens|genannt)\s+[A-ZÄÖÜ][a-zäöüß]+")

CHECKS = (
    (EMAIL, _("eine E-Mail-Adresse")),
    (PHONE, _("eine Telefonnummer")),
    (STREET, _("eine Anschrift")),
    (POSTCODE_TOWN, _("eine Anschrift")),
    (BIRTH_DATE, _("ein Geburtsdatum")),
    (SALUTATION, _("einen Namen")),
    (NAMED, _("einen Namen")),
)


def personal_data_in(text: str) -> list[str]:
    """What the text seems to contain, e.g. ["eine Telefonnummer"]; empty when clean."""
    found: list[str] = []
    for pattern, what in CHECKS:
        if pattern.search(text) and str(what) not in found:
            found.append(str(what))
    return found
