"""The definitions of the counted indicators say on which day they count (the year's
reference date of lotse/networks/key_figures.py) and what they include."""

from django.db import migrations

AS_OF = "am 31.12. des Jahres (im laufenden Jahr: heute)"
DEFINITIONS = {
    "angebote-je-1000": (
        "Auffindbare Angebote im Landkreis je 1.000 Kinder unter 3 Jahren (amtliche Statistik "
        "des Jahres oder das letzte Jahr davor).",
        f"Angebote des Landkreises, die Eltern {AS_OF} finden konnten (frühere Jahre nach dem "
        "Verlauf des Angebotsverzeichnisses), je 1.000 Kinder unter 3 Jahren (amtliche "
        "Statistik des Jahres oder das letzte Jahr davor).",
    ),
    "netzwerkpartner": (
        "Partner der Netzwerke des Landkreises (Haupt- und Teilnetzwerke), die am Jahresende "
        "dabei waren.",
        f"Aktive Partner aller Netzwerke des Landkreises (Haupt- und Teilnetzwerke) {AS_OF}; "
        "eine Organisation zählt einmal, auch wenn sie in mehreren Netzwerken mitarbeitet.",
    ),
    "sektoren": (
        "Anzahl der 15 Sektoren, aus denen mindestens ein aktiver Partner kommt.",
        "Anzahl der Sektoren (die Liste legt die LKS fest), aus denen mindestens ein aktiver "
        f"Partner eines Netzwerks des Landkreises kommt, {AS_OF}.",
    ),
    "gepruefte-angebote": (
        "Auffindbare (in den letzten 12 Monaten bestätigte) je freigegebene aktive Angebote.",
        "Auffindbare (in den letzten 12 Monaten bestätigte) je freigegebene aktive Angebote, "
        "heute; für frühere Jahre liegt kein Wert vor (Prüfungen werden nicht einzeln "
        "aufbewahrt).",
    ),
}
# The number of sectors is the LKS's list, no longer a fixed 15.
UNITS = {"sektoren": ("von 15", "Sektoren")}


def forwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for code, (old, new) in DEFINITIONS.items():
        # Only a definition nobody has changed since it was shipped.
        Indicator.objects.filter(code=code, definition=old).update(definition=new)
    for code, (old, new) in UNITS.items():
        Indicator.objects.filter(code=code, unit=old).update(unit=new)


def backwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for code, (old, new) in DEFINITIONS.items():
        Indicator.objects.filter(code=code, definition=new).update(definition=old)
    for code, (old, new) in UNITS.items():
        Indicator.objects.filter(code=code, unit=new).update(unit=old)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_nzfh_reports"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
