"""The print-outs of the stored documents: the funding print-outs (Projektsteckbrief,
Sachbericht) with the document's own texts, its state and, for a Sachbericht, the
coordinator's check."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from lotse.accountability import checks
from lotse.accountability.models import CoordinatorCheck, MeasureDocument
from lotse.core.printing import Chapter, Printable
from lotse.funding import documents


def _state_facts(document: MeasureDocument) -> list[tuple[str, str]]:
    facts = [(_("Stand"), document.get_status_display())]
    if document.accepted_at:
        facts.append((_("angenommen am"), date_format(localtime(document.accepted_at), "d.m.Y")))
    if document.return_note and document.status in (
        MeasureDocument.Status.RETURNED,
        MeasureDocument.Status.RETURNED_BY_LKS,
    ):
        facts.append((_("Hinweis zur Rückgabe"), document.return_note))
    return facts


def _note(document: MeasureDocument) -> str:
    if document.status == MeasureDocument.Status.ACCEPTED:
        return ""
    return _("Noch nicht von der Landeskoordinierungsstelle angenommen.")


def profile_printable(document: MeasureDocument) -> Printable:
    printable = documents.profile_printable(document.measure, texts=document)
    printable.facts.append((_("Fassung"), str(document.number)))
    printable.facts.extend(_state_facts(document))
    printable.note = _note(document)
    return printable


def report_printable(document: MeasureDocument) -> Printable:
    printable = documents.progress_printable(document.measure, document.fund_year.year)
    printable.facts.extend(_state_facts(document))
    printable.note = _note(document)
    check = CoordinatorCheck.objects.filter(document=document).first()
    if check is not None:
        printable.chapters.append(
            Chapter(
                _("Prüfung durch die Netzwerkkoordination"),
                render_to_string(
                    "accountability/print/_check.html",
                    {
                        "check": check,
                        "rows": check.requirements.select_related("requirement"),
                        "complete": not checks.check_problems(document),
                    },
                ),
            )
        )
    return printable


def filename(document: MeasureDocument) -> str:
    if document.kind == MeasureDocument.Kind.PROFILE:
        return documents.filename(document.measure, f"projektsteckbrief-{document.number}")
    return documents.filename(document.measure, f"sachbericht-{document.fund_year.year}")
