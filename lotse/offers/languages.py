"""Languages of offers by name: a code such as "ar" reads "Arabisch" on German pages and
"Arabic" on English ones."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf.locale import LANG_INFO
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Languages that families in Mecklenburg-Vorpommern speak and Django has no name for (an
# imported offer may list them); Django's own names come with Django's translations.
NAMES_DJANGO_LACKS = {
    "am": _("Amharisch"),
    "ce": _("Tschetschenisch"),
    "ku": _("Kurdisch"),
    "ps": _("Paschtu"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "zh": _("Chinesisch"),
}
# An offer that lists no language is held in German (as in the search table).
NO_LANGUAGE_LISTED = ("de",)


def language_name(code: str) -> str:
    """The language's name in the page's language; an unknown code stays as it is."""
    if code in NAMES_DJANGO_LACKS:
        return str(NAMES_DJANGO_LACKS[code])
    info = LANG_INFO.get(code)
    if info is None or "name" not in info:  # a fallback entry such as "zh" has no name
        return code
    return gettext(info["name"])


language_name_lazy = lazy(language_name, str)


def language_choice(code: str) -> str:
    """A language as a filter offers it: its name in the page's language and, where that
    differs, in the language itself ("Arabisch (العربية)"), so a parent who reads only
    that language finds it on any page."""
    name = language_name(code)
    own = LANG_INFO.get(code, {}).get("name_local")
    return f"{name} ({own})" if own and own != name else name


language_choice_lazy = lazy(language_choice, str)


def language_names(codes: Iterable[str]) -> list[str]:
    """The names of the languages an offer lists, by name; none listed: German."""
    return sorted({language_name(code) for code in (list(codes) or NO_LANGUAGE_LISTED)})
