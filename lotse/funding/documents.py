"""Projektsteckbrief (per measure) and Sachbericht (per measure and year) as printables:
generated from the measure's record and its yearly entries, never typed twice."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotse.core.printing import Chapter, Printable
from lotse.funding import fb22
from lotse.funding.models import Measure, ProgressReport


def _facts(measure: Measure) -> list[tuple[str, str]]:
    period = measure.starts_on.strftime("%d.%m.%Y") + (
        f" – {measure.ends_on:%d.%m.%Y}" if measure.ends_on else ""
    )
    return [
        (_("Landkreis / kreisfreie Stadt"), measure.district.name),
        (_("Förderbereich"), str(measure.funding_area)),
        (_("Träger (Letztempfänger)"), measure.provider_label),
        (_("Zeitraum"), period),
        (_("Anteil aus dem Fonds Frühe Hilfen"), f"{measure.funding_share} %"),
    ]


def profile_printable(measure: Measure, *, texts: object | None = None) -> Printable:
    """The Projektsteckbrief; `texts` (with description and target_group) replaces the
    measure's own texts, e.g. by those of a stored revision."""
    context = {"measure": measure, "serves": measure.serves.all(), "offers": measure.offers.all()}
    conditions = fb22.condition_rows(measure)
    facts = _facts(measure)
    if measure.funding_area.code == "II.1.1":
        facts.append(
            (
                _("Qualifizierung abgestimmt (FB-II.1.1-E1)"),
                f"{measure.qualification_agreed_on:%d.%m.%Y}, {measure.qualification_agreed_with}"
                if measure.qualification_agreed()
                else _("keine Vorabsprache erfasst"),
            )
        )
    return Printable(
        title=_("Projektsteckbrief"),
        subtitle=measure.title,
        facts=facts,
        chapters=[
            Chapter(
                _("Beschreibung und Zielgruppe"),
                render_to_string("funding/print/_description.html", {"measure": texts or measure}),
            ),
            Chapter(
                _("Bezug zum Landeskonzept"),
                render_to_string("funding/print/_serves.html", context),
            ),
            Chapter(
                _("Ziele und Indikatoren"),
                render_to_string(
                    "funding/print/_indicators.html", {"indicators": measure.indicators.all()}
                ),
            ),
            Chapter(
                _("Finanzierte Angebote"), render_to_string("funding/print/_offers.html", context)
            ),
        ]
        + (
            [
                Chapter(
                    _("Fördervoraussetzungen im Förderbereich II.2"),
                    render_to_string("funding/print/_conditions.html", {"conditions": conditions}),
                )
            ]
            if conditions
            else []
        ),
    )


def progress_printable(measure: Measure, year: int) -> Printable:
    """The Sachbericht of one year."""
    report = ProgressReport.objects.filter(measure=measure, year=year).first() or ProgressReport(
        measure=measure, year=year
    )
    results = [
        (indicator, next((r for r in indicator.results.all() if r.year == year), None))
        for indicator in measure.indicators.prefetch_related("results")
    ]
    chapters = [
        Chapter(
            str(ProgressReport._meta.get_field(name).verbose_name),
            render_to_string("funding/print/_text.html", {"text": getattr(report, name)}),
        )
        for name in ("activities", "reach", "cooperation", "difficulties", "outlook")
    ]
    chapters.insert(
        1,
        Chapter(
            _("Ziel- und Erfolgskontrolle"),
            render_to_string("funding/print/_results.html", {"results": results}),
        ),
    )
    return Printable(
        title=_("Sachbericht %(year)s") % {"year": year},
        subtitle=measure.title,
        facts=_facts(measure),
        chapters=chapters,
    )


def filename(measure: Measure, what: str) -> str:
    return f"{what}-{slugify(measure.title)[:60]}"
