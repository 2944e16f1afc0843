"""Snapshots of a document (what was submitted, what was accepted) and the diff between two.

A snapshot holds the texts with their figures resolved, the status of each
Entwicklungsbaustein and the measures as they were: an accepted version stays readable
exactly as accepted, whatever changes later.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lotse.documents.figures import Figures, district_figures
from lotse.documents.models import Document, Version
from lotse.documents.rendering import plain_text, render_markdown


def figures_for(document: Document, *, sees_small_numbers: bool = False) -> Figures:
    """The document's live figures; a version stores them as everybody may see them."""
    from django.utils import timezone

    year = document.year or timezone.localdate().year
    return district_figures(document.district, year, sees_small_numbers=sees_small_numbers)


def snapshot(document: Document, figures: Figures | None = None) -> dict:
    from lotse.documents.queries import item_assessments, measures_of

    figures = figures or figures_for(document)
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "text": section.text,
            "plain": plain_text(section.text, figures),
            "html": str(render_markdown(section.text, figures)),
            "funding_area": section.funding_area.code if section.funding_area_id else None,
        }
        for section in document.sections.select_related("funding_area")
    ]
    modules = [
        {
            "code": assessment.item.code,
            "title": assessment.item.title,
            "funding_area": assessment.item.funding_area.code,
            "kind": assessment.item.get_kind_display(),
            "obligation": assessment.item.get_obligation_display(),
            "year": assessment.status.year if assessment.status else None,
            "status": assessment.value,
            "status_label": assessment.label,
            "reason": assessment.status.reason if assessment.status else "",
            "goals": assessment.status.goals if assessment.status else "",
            "disagreement": disagreement,
        }
        for assessment, disagreement in item_assessments(document)
    ]
    measures = [
        {
            "id": measure.pk,
            "title": measure.title,
            "funding_area": measure.funding_area.code,
            "serves": [item.code for item in measure.serves.all()],
            "provider": measure.provider_label,
            "starts_on": measure.starts_on.isoformat(),
            "ends_on": measure.ends_on.isoformat() if measure.ends_on else None,
            "funding_share": str(measure.funding_share),
            "indicators": [
                {
                    "goal": i.goal,
                    "name": i.name,
                    "unit": i.unit,
                    "target": str(i.target),
                    # Annual report: the year's result (Ziel- und Erfolgskontrolle).
                    **_result(i, document.year),
                }
                for i in measure.indicators.all()
            ],
        }
        for measure in measures_of(document)
    ]
    return {
        "title": str(document),
        "sections": sections,
        "modules": modules,
        "measures": measures,
        "figures": figures.as_json(),
    }


def _result(indicator, year: int | None) -> dict:
    if not year:
        return {}
    result = next((r for r in indicator.results.all() if r.year == year), None)
    if result is None:
        return {"actual": None, "rating": ""}
    return {
        "actual": str(result.actual),
        "rating": result.get_rating_display(),
        "explanation": result.explanation,
    }


def save_version(document: Document, *, by, accepted: bool = False) -> Version:
    last = document.versions.order_by("-number").first()
    return Version.objects.create(
        document=document,
        number=(last.number + 1) if last else 1,
        created_by=by if by and by.pk else None,
        accepted=accepted,
        content=snapshot(document),
    )


# --- Diff --------------------------------------------------------------------------------

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    title: str
    pieces: list[Piece]

    @property
    def changed(self) -> bool:
        return any(piece.kind != "same" for piece in self.pieces)


@dataclass(frozen=True)
class ModuleChange:
    code: str
    title: str
    before: str
    after: str


def word_diff(old: str, new: str) -> list[Piece]:
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(Piece("added", "".join(new_words[j1:j2])))
    return pieces


def diff_versions(old: dict, new: dict) -> tuple[list[SectionDiff], list[ModuleChange]]:
    """What changed between two snapshots: texts word by word, module statuses."""
    old_sections = {section["key"]: section for section in old.get("sections", [])}
    section_diffs = [
        SectionDiff(
            section["title"],
            word_diff(old_sections.get(section["key"], {}).get("plain", ""), section["plain"]),
        )
        for section in new.get("sections", [])
    ]
    old_modules = {module["code"]: module for module in old.get("modules", [])}
    module_changes = [
        ModuleChange(
            module["code"],
            module["title"],
            old_modules.get(module["code"], {}).get("status_label", "–"),
            module["status_label"],
        )
        for module in new.get("modules", [])
        if old_modules.get(module["code"], {}).get("status") != module["status"]
    ]
    return section_diffs, module_changes
