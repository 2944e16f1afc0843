"""The first version of the checklist (Anlage 1), derived from an edition's chapters.

The Landeskonzept names the checklist and what it is for — comparable and complete
concepts, every content linked to a Förderbereich, minimum requirements kept, development
goals engaged (docs/domain.md §6) — but does not publish its items. This is our reading;
the LKS edits the items as data afterwards. Takes model classes as arguments so a
migration can pass its historical models.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DraftItem:
    code: str
    group: str
    text: str
    required: bool
    section_key: str
    concept_item: object = None


GENERAL = "A. Aufbau und Vergleichbarkeit"
MEASURES = "Z. Maßnahmen und Ziel- und Erfolgskontrolle"


def _area_group(letter: str, area) -> str:
    return f"{letter}. Förderbereich {area.code}: {area.title}"


def default_items(areas_with_items) -> list[DraftItem]:
    """Items for an edition; `areas_with_items` is [(funding_area, [items…]), …] in order."""
    drafts = [
        DraftItem(
            "A1",
            GENERAL,
            "Das Konzept folgt der Gliederung des Landeskonzepts: ein Kapitel je Förderbereich, in dem der Landkreis bzw. die Stadt tätig ist.",
            True,
            "",
        ),
        DraftItem(
            "A2",
            GENERAL,
            "Die Ausgangslage ist mit Daten beschrieben (amtliche Statistik: Geburten, Kinder unter 3 Jahren, Kinder in SGB-II-Bedarfsgemeinschaften; Jugendhilfeplanung).",
            True,
            "situation",
        ),
        DraftItem(
            "A3",
            GENERAL,
            "Die Sozialräume und die Netzwerkstruktur darin sind beschrieben.",
            True,
            "social_areas",
        ),
        DraftItem(
            "A4",
            GENERAL,
            "Die Ziele sind aus den Leitzielen des Landeskonzepts und der Jugendhilfeplanung abgeleitet.",
            True,
            "goals",
        ),
        DraftItem(
            "A5",
            GENERAL,
            "Das Konzept ist für die regionalen Akteur:innen verständlich und konkretisiert das Landeskonzept vor Ort.",
            False,
            "",
        ),
    ]
    letters = iter("BCDEFGHIJKLMNOPQRSTUVWXY")
    for area, items in areas_with_items:
        if area.kind == "state_office":
            continue
        letter = next(letters)
        group = (
            _area_group(letter, area) if area.kind == "funding_area" else f"{letter}. {area.title}"
        )
        section_key = section_key_for(area)
        number = 0
        for item in items:
            if item.kind in ("minimum_requirement", "funding_condition"):
                number += 1
                what = (
                    "Mindestanforderung"
                    if item.kind == "minimum_requirement"
                    else "Fördervoraussetzung"
                )
                drafts.append(
                    DraftItem(
                        f"{letter}{number}",
                        group,
                        f"{what} {item.code} „{item.title}“ ist eingehalten und im Konzept beschrieben.",
                        area.code != "III",
                        section_key,
                        item,
                    )
                )
        modules = [item for item in items if item.kind == "development_module"]
        if modules:
            number += 1
            drafts.append(
                DraftItem(
                    f"{letter}{number}",
                    group,
                    f"Zu jedem Entwicklungsbaustein ({_span(modules)}) sind Stand, Ziele und Maßnahmen angegeben; erforderliche Bausteine sind nicht als „nicht zutreffend“ markiert.",
                    True,
                    section_key,
                )
            )
        if area.kind == "cross_cutting":
            number += 1
            drafts.append(
                DraftItem(
                    f"{letter}{number}",
                    group,
                    "Die Prüfung jeder Maßnahme durch die Netzwerkkoordination (Bedarfsgerechtigkeit, Mindestanforderungen, Zielerreichung) ist beschrieben.",
                    True,
                    section_key,
                )
            )
    drafts += [
        DraftItem(
            "Z1",
            MEASURES,
            "Jede ganz oder anteilig aus dem Fonds geförderte Struktur oder Maßnahme nennt ihren Förderbereich (FB-I-E4).",
            True,
            "measures",
        ),
        DraftItem(
            "Z2",
            MEASURES,
            "Jede Maßnahme ist einer Mindestanforderung oder einem Entwicklungsbaustein zugeordnet.",
            True,
            "measures",
        ),
        DraftItem(
            "Z3",
            MEASURES,
            "Jede Maßnahme hat Ziele mit Indikatoren und Zielwerten für die Ziel- und Erfolgskontrolle.",
            True,
            "measures",
        ),
        DraftItem(
            "Z4",
            MEASURES,
            "Angebote im Förderbereich II.2 sind dort verortet und im Projektsteckbrief ausgewiesen (FB-II.2-E3).",
            True,
            "measures",
        ),
    ]
    return drafts


def _span(modules) -> str:
    if len(modules) == 1:
        return modules[0].code
    return f"{modules[0].code} … {modules[-1].code}"


def section_key_for(area) -> str:
    return f"fb-{area.code}"


def create_default_checklist(state_concept, FundingArea, ChecklistItem) -> int:  # noqa: N803
    """Store the derived checklist for an edition that has none yet; returns the count."""
    if ChecklistItem.objects.filter(state_concept=state_concept).exists():
        return 0
    areas = list(
        FundingArea.objects.filter(state_concept=state_concept)
        .order_by("position")
        .prefetch_related("items")
    )
    drafts = default_items(
        [(area, sorted(area.items.all(), key=lambda item: item.position)) for area in areas]
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            state_concept=state_concept,
            code=draft.code,
            group=draft.group,
            text=draft.text,
            required=draft.required,
            section_key=draft.section_key,
            concept_item=draft.concept_item,
            position=position,
        )
        for position, draft in enumerate(drafts)
    )
    return len(drafts)
