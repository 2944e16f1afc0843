"""Loading an edition of the Landeskonzept from its JSON file.

Used by the data migration that ships the 2023–2025 edition and by
`manage.py import_state_concept FILE` for later editions. The loader takes the model
classes as arguments so the migration can pass its historical models.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
FIRST_EDITION_FILE = DATA_DIR / "landeskonzept-mv-2023-2025.json"

SECTION_KINDS = {"funding_area", "cross_cutting", "state_office"}
ITEM_KINDS = {
    "guiding_goal",
    "minimum_requirement",
    "funding_condition",
    "development_module",
    "coordinator_check",
}
OBLIGATIONS = {"required", "optional", "where_available"}
STATUSES = {"draft", "submitted", "confirmed", "published", "superseded"}


class EditionError(ValueError):
    """The edition file is not usable; `problems` lists each one in German."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class EditionModels:
    StateConcept: Any
    FundingArea: Any
    StateConceptItem: Any


def read_edition_file(path: Path) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise EditionError([f"Zeile {error.lineno}: kein gültiges JSON ({error.msg})."]) from None


def _date(
    value: Any, where: str, problems: list[str], *, required: bool = True
) -> datetime.date | None:
    if value in (None, "") and not required:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(f"{where}: Datum im Format JJJJ-MM-TT erwartet, nicht {value!r}.")
        return None


def validate_edition(data: Any) -> list[str]:
    """All problems of an edition file, in German, each with its place in the file."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["Die Datei muss ein JSON-Objekt enthalten."]
    for key in ("code", "title", "valid_from", "valid_until"):
        if not data.get(key):
            problems.append(f"Feld '{key}' fehlt.")
    valid_from = _date(data.get("valid_from"), "valid_from", problems)
    valid_until = _date(data.get("valid_until"), "valid_until", problems)
    if valid_from and valid_until and valid_until < valid_from:
        problems.append("valid_until liegt vor valid_from.")
    _date(data.get("published_on"), "published_on", problems, required=False)
    if data.get("status", "published") not in STATUSES:
        problems.append(f"status: unbekannter Status {data.get('status')!r}.")
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        problems.append("Feld 'sections' fehlt oder ist leer.")
        return problems
    seen_sections: set[str] = set()
    seen_items: set[str] = set()
    for s_index, section in enumerate(sections):
        where = f"sections[{s_index}]"
        if not isinstance(section, dict):
            problems.append(f"{where}: Objekt erwartet.")
            continue
        code = section.get("code")
        if not code:
            problems.append(f"{where}: 'code' fehlt.")
        elif code in seen_sections:
            problems.append(f"{where}: Kennung {code!r} doppelt.")
        else:
            seen_sections.add(code)
        if section.get("kind") not in SECTION_KINDS:
            problems.append(f"{where} ({code}): unbekannte Art {section.get('kind')!r}.")
        if not section.get("title"):
            problems.append(f"{where} ({code}): 'title' fehlt.")
        for i_index, item in enumerate(section.get("items") or []):
            item_where = f"{where}.items[{i_index}]"
            if not isinstance(item, dict):
                problems.append(f"{item_where}: Objekt erwartet.")
                continue
            item_code = item.get("code")
            if not item_code:
                problems.append(f"{item_where}: 'code' fehlt.")
            elif item_code in seen_items:
                problems.append(f"{item_where}: ID {item_code!r} doppelt.")
            else:
                seen_items.add(item_code)
            kind = item.get("kind")
            if kind not in ITEM_KINDS:
                problems.append(f"{item_where} ({item_code}): unbekannte Art {kind!r}.")
            obligation = item.get("obligation") or ""
            if kind == "development_module" and obligation not in OBLIGATIONS:
                problems.append(
                    f"{item_where} ({item_code}): Entwicklungsbausteine brauchen eine Verbindlichkeit "
                    "(required, optional oder where_available)."
                )
            if kind != "development_module" and obligation:
                problems.append(
                    f"{item_where} ({item_code}): nur Entwicklungsbausteine haben eine Verbindlichkeit."
                )
            for key in ("title", "text"):
                if not item.get(key):
                    problems.append(f"{item_where} ({item_code}): '{key}' fehlt.")
    return problems


def models_in_use(edition) -> list[str]:
    """What of other apps (districts' documents, measures, the edition's recorded steps, …)
    refers to the edition, by name: only the Landeskonzept's own parts go with it (only
    outside migrations)."""
    return sorted(
        {
            str(rel.related_model._meta.verbose_name_plural)
            for rel in edition._meta.related_objects
            if rel.related_model._meta.app_label != edition._meta.app_label
            and getattr(edition, rel.get_accessor_name()).exists()
        }
    )


@transaction.atomic
def load_edition(data: dict[str, Any], models: EditionModels, *, replace: bool = False):
    """Store an edition; all or nothing. An existing edition is only replaced when asked."""
    problems = validate_edition(data)
    existing = (
        models.StateConcept.objects.filter(code=data.get("code")).first() if not problems else None
    )
    if existing and not replace:
        problems.append(f"Das Landeskonzept {data['code']!r} ist schon gespeichert.")
    if problems:
        raise EditionError(problems)
    if existing:
        if in_use := models_in_use(existing):
            raise EditionError(
                [
                    f"Das Landeskonzept {data['code']!r} kann nicht ersetzt werden: "
                    f"{', '.join(in_use)} beziehen sich schon darauf."
                ]
            )
        existing.delete()
    concept = models.StateConcept.objects.create(
        code=data["code"],
        title=data["title"],
        valid_from=datetime.date.fromisoformat(data["valid_from"]),
        valid_until=datetime.date.fromisoformat(data["valid_until"]),
        published_on=datetime.date.fromisoformat(data["published_on"])
        if data.get("published_on")
        else None,
        status=data.get("status", "published"),
        summary=data.get("summary", ""),
        source=data.get("source", ""),
    )
    for s_position, section in enumerate(data["sections"]):
        area = models.FundingArea.objects.create(
            state_concept=concept,
            code=section["code"],
            kind=section["kind"],
            chapter=section.get("chapter", ""),
            title=section["title"],
            full_title=section.get("full_title", ""),
            current_state=section.get("current_state", ""),
            development_interest=section.get("development_interest", ""),
            position=s_position,
        )
        models.StateConceptItem.objects.bulk_create(
            models.StateConceptItem(
                state_concept=concept,
                funding_area=area,
                code=item["code"],
                kind=item["kind"],
                title=item["title"],
                text=item["text"],
                obligation=item.get("obligation") or "",
                obligation_uncertain=bool(item.get("obligation_uncertain")),
                responsible=item.get("responsible", ""),
                position=i_position,
            )
            for i_position, item in enumerate(section.get("items") or [])
        )
    if concept.status == "published":
        # A newly published edition supersedes the older published ones.
        models.StateConcept.objects.filter(
            status="published", valid_from__lt=concept.valid_from
        ).update(status="superseded")
    return concept
