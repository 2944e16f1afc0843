"""Demo Projektsteckbriefe and Sachberichte: in every district, measures' documents in
different states of the yearly cycle (one returned with a note; others submitted,
checked, forwarded to the LKS, accepted), so every list and to-do shows something. All
texts are marked as demo texts."""

from __future__ import annotations

from lotse.accountability import actions, checks, workflow
from lotse.accountability.models import CoordinatorCheck, MeasureDocument
from lotse.accounts.models import Membership, Role, User
from lotse.funding.models import FundYear, Measure

REPORT_TEXTS = {
    "activities": "Regelmäßige Angebote und Netzwerktreffen über das ganze Jahr (Demotext).",
    "reach": "Familien in allen Sozialräumen; keine personenbezogenen Daten (Demotext).",
    "cooperation": "Abstimmung in den Netzwerktreffen und mit dem Gesundheitsamt (Demotext).",
    "difficulties": "Weite Wege im ländlichen Raum; ein Fahrdienst hilft (Demotext).",
    "outlook": "Fortsetzung im nächsten Jahr (Demotext).",
}
RETURN_NOTE = "Bitte die Reichweite mit Zahlen aus dem Jahr belegen (Demo-Hinweis)."
CHECK = {
    "need_verdict": CoordinatorCheck.Verdict.MET,
    "need": "Wenige niedrigschwellige Angebote für Familien in Belastungslagen (Demotext).",
    "need_sources": ["figures", "parent_topics"],
    "need_evidence": "Kennzahlen des Landkreises und die Themen der Eltern (Demotext).",
    "need_reason": "",
    "goals_verdict": CoordinatorCheck.Verdict.PARTLY,
    "goals_note": "Die Indikatoren sind überwiegend erreicht (Demotext).",
}
# Where each of a district's measures gets in a year: steps of the workflow, in order.
TO_CHECKED = ["submit", "check"]
PATHS_LAST_YEAR = (
    [*TO_CHECKED, "forward", "accept"],
    ["submit", "return"],
    None,  # the third measure: varies by district, see below
)
VARYING = (["submit"], TO_CHECKED, [*TO_CHECKED, "forward"])
PATHS_YEAR_BEFORE = ([*TO_CHECKED, "forward"], TO_CHECKED, ["submit"])
PROFILE_PATHS = ([*TO_CHECKED, "forward", "accept"], ["submit"], [])


def seed_accountability(*, lks: User, coordinators: dict[str, User], this_year: int) -> None:
    if MeasureDocument.objects.exists():
        return
    fund_years = {
        fy.year: fy
        for fy in FundYear.objects.filter(
            year__in=[this_year - 1, this_year - 2], measure_reports_due__isnull=False
        )
    }
    for index, ags in enumerate(sorted(coordinators)):
        coordinator = coordinators[ags]
        measures = list(
            Measure.objects.filter(district__ags=ags)
            .exclude(funding_area__code="III")
            .select_related("district", "funding_area", "provider")
            .order_by("funding_area__position", "title")[:3]
        )
        for position, measure in enumerate(measures):
            writer = _writer(measure) or coordinator
            profile = actions.save_profile(
                measure,
                None,
                texts={
                    "description": f"{measure.description} (Demotext)",
                    "target_group": measure.target_group,
                },
                based_on=0,
                by=writer,
            )
            _walk(profile, PROFILE_PATHS[position], writer, coordinator, lks)
            last = PATHS_LAST_YEAR[position] or VARYING[index % len(VARYING)]
            for year, path in (
                (this_year - 1, last),
                (this_year - 2, PATHS_YEAR_BEFORE[position]),
            ):
                fund_year = fund_years.get(year)
                if fund_year is None or not measure.runs_in(year):
                    continue
                report = actions.save_report(
                    measure, fund_year, texts=REPORT_TEXTS, based_on=0, by=writer
                )
                _walk(report, path, writer, coordinator, lks)


def _writer(measure: Measure) -> User | None:
    membership = (
        Membership.objects.filter(role=Role.PROVIDER_EDITOR, organization_id=measure.provider_id)
        .select_related("user")
        .first()
        if measure.provider_id
        else None
    )
    return membership.user if membership else None


def _walk(document: MeasureDocument, path: list[str], writer, coordinator, lks) -> None:
    for name in path:
        document.refresh_from_db()
        if name == "check" and document.kind == MeasureDocument.Kind.PROGRESS_REPORT:
            actions.save_check(
                document,
                values=CHECK,
                requirements=[
                    (item, True, "") for item in checks.applicable_requirements(document.measure)
                ],
                based_on=document.lock_version,
                by=coordinator,
            )
        by = {"submit": writer, "accept": lks}.get(name, coordinator)
        note = RETURN_NOTE if name == "return" else ""
        workflow.transition(document, name, by=by, note=note)
