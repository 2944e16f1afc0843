"""Ship the first indicator set as data; the LKS can add more."""

from django.db import migrations

INDICATORS = [
    # code, name, definition, formula, params, unit, higher_is_better, measures
    ("angebote-je-1000", "Angebote je 1.000 Kinder unter 3", "Auffindbare Angebote im Landkreis je 1.000 Kinder unter 3 Jahren (amtliche Statistik des Jahres oder das letzte Jahr davor).", "offers_per_1000_children", {}, "je 1.000 Kinder", True, ["FB-II.2-L1", "FB-I-E1"]),
    ("angebote-je-1000-familienhebamme", "Angebote Familienhebamme/FGKiKP je 1.000 Kinder unter 3", "Wie oben, nur Angebote zum Thema Familienhebamme / FGKiKP.", "offers_per_1000_children", {"topic_code": "familienhebamme"}, "je 1.000 Kinder", True, ["FB-II.1.1-L1"]),
    ("angebote-je-1000-eltern-cafe", "Eltern-Cafés und Treffpunkte je 1.000 Kinder unter 3", "Wie oben, nur Angebote zum Thema Eltern-Café / Treffpunkt.", "offers_per_1000_children", {"topic_code": "eltern-cafe"}, "je 1.000 Kinder", True, ["FB-II.2-L1"]),
    ("erreichbarkeit-10km", "Kinder unter 3 mit einem Angebot im Umkreis von 10 km", "Anteil der Kinder unter 3, deren Gemeinde (Mittelpunkt) höchstens 10 km von einem auffindbaren Angebot entfernt liegt oder im Einzugsgebiet eines aufsuchenden Angebots.", "reach_share", {"radius_km": 10}, "%", True, ["FB-I-E1"]),
    ("erreichbarkeit-20km", "Kinder unter 3 mit einem Angebot im Umkreis von 20 km", "Wie oben, 20 km.", "reach_share", {"radius_km": 20}, "%", True, ["FB-I-E1"]),
    ("erreichbarkeit-familienhebamme-20km", "Kinder unter 3 mit Familienhebamme/FGKiKP im Umkreis von 20 km", "Wie oben, nur Angebote zum Thema Familienhebamme / FGKiKP.", "reach_share", {"radius_km": 20, "topic_code": "familienhebamme"}, "%", True, ["FB-II.1.1-L1"]),
    ("netzwerkpartner", "Aktive Netzwerkpartner", "Partner der Netzwerke des Landkreises (Haupt- und Teilnetzwerke), die am Jahresende dabei waren.", "network_partners", {}, "Partner", True, ["FB-I-E5"]),
    ("sektoren", "Im Netzwerk vertretene Sektoren", "Anzahl der 15 Sektoren, aus denen mindestens ein aktiver Partner kommt.", "network_sectors", {}, "von 15", True, ["FB-I-E5", "FB-I-E6"]),
    ("netzwerktreffen", "Netzwerktreffen im Jahr", "Treffen des Netzwerks und der Teilnetzwerke im Jahr.", "network_meetings", {}, "Treffen", True, ["FB-I-M3"]),
    ("teilnahme", "Teilnahme an Netzwerktreffen", "Anwesende je eingeladene Partner über alle Netzwerktreffen des Jahres.", "meeting_attendance", {}, "%", True, ["FB-I-M3"]),
    ("gepruefte-angebote", "Anteil geprüfter Angebote", "Auffindbare (in den letzten 12 Monaten bestätigte) je freigegebene aktive Angebote.", "verified_share", {}, "%", True, ["FB-I-L2"]),
    ("suchen-ohne-ergebnis", "Suchen ohne Ergebnis", "Anonym gezählte Suchen im Angebotsfinder, die nichts fanden (Ort im Landkreis).", "unmet_searches", {}, "Suchen", False, ["FB-I-E1"]),
    ("elternthemen", "Themen aus der Elternschaft", "Von Eltern eingebrachte Themen, die das Netzwerk erfasst hat.", "parent_topics", {}, "Themen", True, ["FB-I-E10", "FB-I-M4"]),
    ("ehrenamtliche", "Aktive Ehrenamtliche", "Ehrenamtliche in den Ehrenamtsangeboten der Netzwerke.", "volunteers", {}, "Personen", True, ["FB-II.1.2-L1"]),
    ("ausgaben-je-kind", "Ausgaben aus dem Fonds je Kind unter 3", "Ausgaben aller Maßnahmen im Förderjahr je Kind unter 3.", "spending_per_child", {}, "€ je Kind", True, ["FB-I-E4"]),
    ("ausgaben-je-kind-fb1", "Ausgaben FB I je Kind unter 3", "Wie oben, nur Förderbereich I.", "spending_per_child", {"funding_area_code": "I"}, "€ je Kind", True, ["FB-I-E4"]),
    ("ausgaben-je-kind-fb2-1-2", "Ausgaben FB II.1.2 je Kind unter 3", "Wie oben, nur Förderbereich II.1.2.", "spending_per_child", {"funding_area_code": "II.1.2"}, "€ je Kind", True, ["FB-I-E4"]),
    ("ausgaben-je-kind-fb2-2", "Ausgaben FB II.2 je Kind unter 3", "Wie oben, nur Förderbereich II.2.", "spending_per_child", {"funding_area_code": "II.2"}, "€ je Kind", True, ["FB-I-E4"]),
]


def create(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    Item = apps.get_model("concept", "StateConceptItem")
    for position, (code, name, definition, formula, params, unit, higher, measures) in enumerate(INDICATORS):
        indicator, created = Indicator.objects.get_or_create(
            code=code,
            defaults={"name": name, "definition": definition, "formula": formula, "unit": unit,
                      "higher_is_better": higher, "position": position, **params},
        )
        if created:
            indicator.measures.set(Item.objects.filter(code__in=measures, state_concept__code="2023-2025"))


def remove(apps, schema_editor):
    apps.get_model("monitoring", "Indicator").objects.filter(code__in=[i[0] for i in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("concept", "0004_default_checklist")]
    operations = [migrations.RunPython(create, remove)]
