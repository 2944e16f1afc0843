"""Which source files make up the public UI that every language must translate in full.

Parents and providers see these pages; the staff pages are German (and English), and their
untranslated strings fall back to German. tests/test_i18n.py holds every language to this.
"""

PUBLIC_SOURCES = (
    "lotse/templates/",
    "lotse/offers/templates/offers/finder.html",
    "lotse/offers/templates/offers/offer_detail.html",
    "lotse/offers/schedules.py",
    "lotse/offers/topic_labels.py",
    "lotse/offers/maps.py",
    "lotse/views.py",
)
# The parents' search form is the first part of lotse/offers/forms.py.
PUBLIC_LINES = {"lotse/offers/forms.py": 112}
PUBLIC_LANGUAGES = ("uk", "ar", "ru", "tr")


def is_public(occurrences: list[tuple[str, str]]) -> bool:
    for path, line in occurrences:
        if path.startswith(PUBLIC_SOURCES):
            return True
        if path in PUBLIC_LINES and line and int(line) < PUBLIC_LINES[path]:
            return True
    return False
