"""The coordinator's check of a Sachbericht (Landeskonzept, section NWK: NWK-P1 to NWK-P3).

NWK-P1: does the measure meet a real need, and which evidence shows it. NWK-P2: is every
minimum requirement of the measure's Förderbereich kept — never "not applicable": a
minimum requirement always applies. NWK-P3: were the goals reached, judged against the
measure's indicators and their results of the year.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lotse.accountability.models import CoordinatorCheck, MeasureDocument
from lotse.concept.models import StateConceptItem
from lotse.funding.models import Measure

V = CoordinatorCheck.Verdict


def applicable_requirements(measure: Measure) -> QuerySet[StateConceptItem]:
    """The minimum requirements (Muss-Anforderungen) of the measure's Förderbereich."""
    return StateConceptItem.objects.filter(
        state_concept_id=measure.state_concept_id,
        funding_area_id=measure.funding_area_id,
        kind=StateConceptItem.Kind.MINIMUM_REQUIREMENT,
    ).order_by("position")


def part_problems(
    *,
    need_verdict: str,
    need: str,
    need_sources: list[str],
    need_evidence: str,
    need_reason: str,
    goals_verdict: str,
    goals_note: str,
) -> list[str]:
    """What keeps NWK-P1 and NWK-P3 from being complete (German, one line per gap)."""
    problems = []
    if need_verdict not in V.values:
        problems.append(_("NWK-P1: Bitte die Bedarfsgerechtigkeit bewerten."))
    elif need_verdict == V.NOT_APPLICABLE:
        if not need_reason.strip():
            problems.append(_("NWK-P1: „nicht zutreffend“ braucht eine Begründung."))
    else:
        if not need.strip():
            problems.append(_("NWK-P1: Bitte den Bedarf nennen, dem die Maßnahme dient."))
        if not need_sources or not need_evidence.strip():
            problems.append(_("NWK-P1: Bitte die Belege für den Bedarf angeben."))
        if need_verdict != V.MET and not need_reason.strip():
            problems.append(_("NWK-P1: Bitte begründen, warum der Bedarf nicht voll erfüllt ist."))
    if goals_verdict not in V.values:
        problems.append(_("NWK-P3: Bitte die Zielerreichung bewerten."))
    elif not goals_note.strip():
        if goals_verdict == V.NOT_APPLICABLE:
            problems.append(_("NWK-P3: „nicht zutreffend“ braucht eine Begründung."))
        else:
            problems.append(_("NWK-P3: Bitte die Zielerreichung anhand der Indikatoren begründen."))
    return problems


def requirements_by_measure(measures: list[Measure]) -> dict[int, list[StateConceptItem]]:
    """The applicable minimum requirements of several measures, in one query."""
    areas = {(m.state_concept_id, m.funding_area_id) for m in measures}
    items = StateConceptItem.objects.filter(
        kind=StateConceptItem.Kind.MINIMUM_REQUIREMENT,
        state_concept_id__in={edition for edition, _area in areas},
        funding_area_id__in={area for _edition, area in areas},
    ).order_by("position")
    by_area: dict[tuple[int, int], list[StateConceptItem]] = {}
    for item in items:
        by_area.setdefault((item.state_concept_id, item.funding_area_id), []).append(item)
    return {m.pk: by_area.get((m.state_concept_id, m.funding_area_id), []) for m in measures}


def check_problems(document: MeasureDocument) -> list[str]:
    """Why the stored check of a Sachbericht is not complete; empty when it is."""
    return stored_check_problems(document, list(applicable_requirements(document.measure)))


def stored_check_problems(
    document: MeasureDocument, requirements: list[StateConceptItem]
) -> list[str]:
    """As check_problems, with the requirements given (lists read them once for all)."""
    if document.kind != MeasureDocument.Kind.PROGRESS_REPORT:
        return []
    try:
        check = document.coordinator_check
    except CoordinatorCheck.DoesNotExist:
        return [_("Die Prüfung (NWK-P1 bis NWK-P3) ist noch nicht erfasst.")]
    problems = part_problems(
        need_verdict=check.need_verdict,
        need=check.need,
        need_sources=check.need_sources,
        need_evidence=check.need_evidence,
        need_reason=check.need_reason,
        goals_verdict=check.goals_verdict,
        goals_note=check.goals_note,
    )
    judged = {row.requirement_id: row for row in check.requirements.all()}
    for requirement in requirements:
        row = judged.get(requirement.pk)
        if row is None:
            problems.append(
                _("NWK-P2: %(code)s ist noch nicht bewertet.") % {"code": requirement.code}
            )
        elif not row.kept and not row.note.strip():
            problems.append(
                _("NWK-P2: Bitte begründen, warum %(code)s nicht eingehalten ist.")
                % {"code": requirement.code}
            )
    return problems
