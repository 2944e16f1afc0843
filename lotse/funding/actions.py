"""The write side of measures. Every change lands in the audit log."""

from __future__ import annotations

from django.db import transaction

from lotse.accounts import audit
from lotse.accounts.models import User
from lotse.funding.models import Indicator, IndicatorResult, Measure, ProgressReport

MEASURE_FIELDS = (
    "title",
    "funding_area",
    "serves",
    "description",
    "target_group",
    "provider",
    "provider_name",
    "starts_on",
    "ends_on",
    "funding_share",
    "offers",
)


@transaction.atomic
def save_measure(form, indicator_formset, *, by: User) -> Measure:
    """Store a validated measure form with its indicator formset."""
    measure = form.instance
    creating = measure.pk is None
    before = (
        None if creating else audit.snapshot(Measure.objects.get(pk=measure.pk), MEASURE_FIELDS)
    )
    measure = form.save()
    indicator_formset.instance = measure
    indicator_formset.save()
    if creating:
        audit.record_creation(
            actor=by, obj=measure, fields=MEASURE_FIELDS, district=measure.district
        )
    else:
        audit.record_changes(actor=by, obj=measure, before=before, district=measure.district)
    return measure


@transaction.atomic
def save_year(
    measure: Measure, year: int, *, results: list[tuple[Indicator, dict]], report: dict, by: User
) -> None:
    """A year's results (Ziel- und Erfolgskontrolle) and Sachbericht of one measure."""
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
    progress, created = ProgressReport.objects.get_or_create(
        measure=measure, year=year, defaults=report
    )
    if created:
        audit.record_creation(
            actor=by, obj=progress, fields=report.keys(), district=measure.district
        )
        return
    before = audit.snapshot(progress, report.keys())
    for name, value in report.items():
        setattr(progress, name, value)
    progress.save()
    audit.record_changes(actor=by, obj=progress, before=before, district=measure.district)
