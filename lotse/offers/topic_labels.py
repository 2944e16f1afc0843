"""The German labels of the Lotse taxonomy, marked for translation.

The labels live in data/lotse-themen.csv (loaded by migration); this list only lets
`makemessages` find them. tests/test_i18n.py checks that both agree.
"""

from django.utils.translation import gettext_noop

TOPIC_LABELS = (
    gettext_noop("Schwangerschaft und Geburt"),
    gettext_noop("Familienhebamme / FGKiKP"),
    gettext_noop("Willkommensbesuch"),
    gettext_noop("Eltern-Café / Treffpunkt"),
    gettext_noop("Elternkurs / Familienbildung"),
    gettext_noop("Beratung"),
    gettext_noop("Stillen und Ernährung"),
    gettext_noop("Schlafen und Schreien"),
    gettext_noop("Entwicklung und Gesundheit"),
    gettext_noop("Frühförderung"),
    gettext_noop("Ehrenamtliche Begleitung / Familienpaten"),
    gettext_noop("Finanzielle Hilfen"),
    gettext_noop("Krise und Notfall"),
    gettext_noop("Bewegung und Spiel"),
    gettext_noop("Babylotsen"),
)
