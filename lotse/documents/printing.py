"""A concept or annual report as a printable (PDF and DOCX through lotse.core.printing)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _t

from lotse.core.printing import Chapter, Printable


def document_printable(document, content: dict, version) -> Printable:
    """A concept or annual report, from a snapshot (frozen or live)."""
    facts = [
        (_t("Landkreis / kreisfreie Stadt"), document.district.name),
        (_t("Landeskonzept"), document.state_concept.title),
        (_t("Stand"), document.get_status_display()),
        (_t("fällig am"), document.due_on.strftime("%d.%m.%Y")),
    ]
    if version is not None:
        facts.append((_t("Fassung"), f"{version.number} ({version.created_at:%d.%m.%Y})"))
    chapters = [Chapter(section["title"], section["html"]) for section in content["sections"]]
    if content["modules"]:
        chapters.append(
            Chapter(
                _t("Stand der Entwicklungsbausteine"),
                render_to_string("documents/print/_modules.html", {"modules": content["modules"]}),
            )
        )
    chapters.append(
        Chapter(
            _t("Maßnahmen"),
            render_to_string("documents/print/_measures.html", {"measures": content["measures"]}),
        )
    )
    return Printable(
        title=document.get_kind_display() + (f" {document.year}" if document.year else ""),
        subtitle=document.district.name,
        facts=facts,
        chapters=chapters,
        note="" if document.is_frozen() else _t("Entwurf – nicht angenommen"),
    )


def filename(document) -> str:
    kind = "konzept" if document.kind == "concept" else f"jahresbericht-{document.year}"
    return f"{kind}-{slugify(document.district.name)}"
