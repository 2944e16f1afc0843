"""The write side of measures. Every change lands in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.core.money import euro
from lotse.funding import fb22
from lotse.funding.models import (
    Allocation,
    AllocationKey,
    Fb3Proposal,
    FundingConditionCheck,
    FundYear,
    Indicator,
    IndicatorResult,
    Measure,
    MeasurePlan,
    Spending,
)


@transaction.atomic
def save_measure(form, indicator_formset, *, by: User) -> Measure:
    """Store a validated measure form with its indicator formset."""
    measure = audit.save_form(form, by=by, district=form.instance.district)
    indicator_formset.instance = measure
    indicator_formset.save()
    return measure


@transaction.atomic
def save_year_results(
    measure: Measure, year: int, *, results: list[tuple[Indicator, dict]], by: User
) -> None:
    """A year's results of one measure's indicators (Ziel- und Erfolgskontrolle). The
    Sachbericht's texts have their own page, which follows the document's state."""
    for indicator, values in results:
        result, created = IndicatorResult.objects.get_or_create(
            indicator=indicator, year=year, defaults=values
        )
        if created:
            audit.record_creation(
                actor=by, obj=result, fields=values.keys(), district=measure.district
            )
            continue
        before = audit.snapshot(result, values.keys())
        for name, value in values.items():
            setattr(result, name, value)
        result.save()
        audit.record_changes(actor=by, obj=result, before=before, district=measure.district)


class ChecksRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def save_condition_checks(
    measure: Measure, verdicts: dict[int, tuple[bool, str]], *, by: User
) -> list[FundingConditionCheck]:
    """The coordinator's verdict on each FB II.2 condition of a measure: condition id →
    (holds, note). A condition holds only with a note; each changed verdict is audited."""
    conditions = {item.pk: item for item in fb22.conditions_of(measure)}
    problems = []
    if not fb22.applies_to(measure):
        problems.append(_("Nur Maßnahmen im Förderbereich II.2 haben diese Voraussetzungen."))
    unknown = set(verdicts) - set(conditions)
    if unknown:
        problems.append(_("Diese Voraussetzung gehört nicht zur Maßnahme."))
    for pk, (holds, note) in verdicts.items():
        if holds and not note.strip() and pk in conditions:
            problems.append(
                _("%(code)s: Bitte begründen Sie, warum die Voraussetzung erfüllt ist.")
                % {"code": conditions[pk].code}
            )
    if problems:
        raise ChecksRefused(problems)
    existing = {
        c.condition_id: c
        for c in FundingConditionCheck.objects.select_for_update().filter(measure=measure)
    }
    saved = []
    now = timezone.now()
    for pk, (holds, note) in verdicts.items():
        check = existing.get(pk)
        note = note.strip()
        if check is not None and check.holds == holds and check.note == note:
            saved.append(check)
            continue
        before = audit.snapshot(check, ("holds", "note")) if check else None
        if check is None:
            check = FundingConditionCheck(measure=measure, condition=conditions[pk])
        check.holds, check.note, check.checked_by, check.checked_at = holds, note, by, now
        check.save()
        after = audit.snapshot(check, ("holds", "note"))
        audit.record_states(
            actor=by, obj=check, before=before, after=after, district=measure.district
        )
        saved.append(check)
    return saved


# --- Money ---------------------------------------------------------------------------------


class AllocationRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def adopt_allocation(fund_year: FundYear, key: AllocationKey, *, by: User) -> list[Allocation]:
    """Store the districts' amounts computed by `key`; replaces an earlier allocation."""
    from django.utils import timezone

    from lotse.funding.allocation import compute

    result = compute(key, fund_year.districts_total)
    if not result.ok:
        raise AllocationRefused(result.problems)
    before = {a.district_id: a.amount for a in fund_year.allocations.all()}
    fund_year.allocations.all().delete()
    allocations = Allocation.objects.bulk_create(
        Allocation(fund_year=fund_year, district=row.district, amount=row.amount)
        for row in result.rows
    )
    fund_year.key = key
    fund_year.allocated_at = timezone.now()
    fund_year.save(update_fields=["key", "allocated_at"])
    audit.record(
        actor=by,
        obj=fund_year,
        action="update",
        changes={
            "key": [None, key.name],
            "allocation": [
                {str(k): str(v) for k, v in before.items()},
                {str(a.district_id): str(a.amount) for a in allocations},
            ],
            # The one statistics year each component was read in, for all districts.
            "statistics_years": [
                None,
                {part.component.kind: part.year for part in result.statistics},
            ],
        },
    )
    return allocations


class PlanRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class PlanChanged(Exception):
    """Someone saved the budget line after the form was opened: nothing was overwritten."""

    plan: MeasurePlan

    def __str__(self) -> str:
        return "plan changed meanwhile"


@transaction.atomic
def save_plan(
    measure: Measure,
    fund_year: FundYear,
    *,
    planned: Decimal,
    co_funding: Decimal,
    spending: dict[str, Decimal | None],
    based_on: int,
    by: User,
    qualification: Decimal = Decimal("0"),
) -> MeasurePlan:
    """Store a measure's plan and spending for a year; refuses an FB III measure without
    approval, spending beyond the plan of an FB II.2 measure whose conditions are open,
    qualification money beyond the plan or outside FB II.1.1, and a save based on an older
    revision (optimistic lock)."""
    plan, _created = MeasurePlan.objects.select_for_update().get_or_create(
        measure=measure, fund_year=fund_year
    )
    if plan.revision != based_on:
        raise PlanChanged(plan)
    problems = []
    if measure.funding_area.code == "III" and (planned or any(spending.values())):
        proposal = getattr(measure, "fb3_proposal", None)
        if proposal is None or not proposal.is_approved():
            problems.append(
                _(
                    "Eine Maßnahme im Förderbereich III erhält erst Mittel, wenn die Bundesstiftung sie bewilligt hat."
                )
            )
    quarters = [p for p in ("q1", "q2", "q3", "q4") if spending.get(p) is not None]
    if quarters and spending.get("year") is not None:
        problems.append(
            _("Ausgaben bitte entweder je Quartal oder für das ganze Jahr eintragen, nicht beides.")
        )
    spent = sum((amount for amount in spending.values() if amount is not None), Decimal("0"))
    if spent > planned and not fb22.all_conditions_hold(measure):
        problems.append(
            _(
                "Ausgaben über den Planansatz hinaus (%(spent)s statt höchstens %(planned)s) "
                "sind erst möglich, wenn alle Fördervoraussetzungen des Förderbereichs II.2 "
                "bestätigt sind."
            )
            % {"spent": euro(spent), "planned": euro(planned)}
        )
    if qualification and measure.funding_area.code != "II.1.1":
        problems.append(
            _(
                "Qualifizierungsmittel für Familienhebammen / FGKiKP gehören in den Förderbereich II.1.1."
            )
        )
    if qualification > planned:
        problems.append(
            _(
                "Der Anteil für Qualifizierung (%(part)s) ist größer als der Planansatz (%(planned)s)."
            )
            % {"part": euro(qualification), "planned": euro(planned)}
        )
    if problems:
        raise PlanRefused(problems)
    before = {
        "planned": str(plan.planned),
        "co_funding": str(plan.co_funding),
        "qualification": str(plan.qualification),
        "spending": {s.period: str(s.amount) for s in plan.spendings.all()},
    }
    plan.planned, plan.co_funding, plan.qualification = planned, co_funding, qualification
    plan.revision += 1
    plan.save()
    for period, amount in spending.items():
        if amount is None:
            plan.spendings.filter(period=period).delete()
        else:
            Spending.objects.update_or_create(plan=plan, period=period, defaults={"amount": amount})
    after = {
        "planned": str(plan.planned),
        "co_funding": str(plan.co_funding),
        "qualification": str(plan.qualification),
        "spending": {s.period: str(s.amount) for s in plan.spendings.all()},
    }
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    audit.record(actor=by, obj=plan, action="update", changes=changes, district=measure.district)
    return plan


@transaction.atomic
def save_fund_year(form, *, by: User) -> FundYear:
    return audit.save_form(form, by=by)


@transaction.atomic
def save_allocation_key(form, components, *, by: User) -> AllocationKey:
    creating = form.instance.pk is None
    before = None
    if not creating:
        stored = AllocationKey.objects.get(pk=form.instance.pk)
        before = [str(c) + f" ({c.statistics_year or '–'})" for c in stored.components.all()]
    key = form.save()
    components.instance = key
    components.save()
    after = [str(c) + f" ({c.statistics_year or '–'})" for c in key.components.all()]
    if creating:
        audit.record(actor=by, obj=key, action="create", changes={"components": [None, after]})
    elif before != after or form.has_changed():
        audit.record(actor=by, obj=key, action="update", changes={"components": [before, after]})
    return key


@transaction.atomic
def save_fb3_proposal(form, *, by: User) -> Fb3Proposal:
    return audit.save_form(form, by=by, district=form.instance.measure.district)
