"""A district's measures: list, edit, yearly results and Sachbericht, printable profiles.

/arbeitsbereich/<ags>/massnahmen/… Scope: get_district_for_user (404 outside); editing:
lotse.funding.access (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.concept.models import StateConcept
from lotse.core import printing
from lotse.funding import actions, documents, fb22
from lotse.funding.access import can_edit_measures, get_measure_for_user
from lotse.funding.forms import (
    ConditionChecksForm,
    IndicatorFormSet,
    MeasureForm,
    ResultForm,
)
from lotse.funding.models import FundYear, IndicatorResult, Measure

FILE_FORMATS = ("pdf", "docx")


@professional_required
def measure_list(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    measures = (
        Measure.objects.filter(district=district)
        .select_related("funding_area", "provider", "state_concept")
        .prefetch_related("serves")
    )
    return render(
        request,
        "funding/measure_list.html",
        {
            "district": district,
            "measures": measures,
            "can_edit": can_edit_measures(request.user, district),
        },
    )


@professional_required
def measure_edit(request: HttpRequest, ags: str, pk: int | None = None) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    require(can_edit_measures(request.user, district))
    if pk is None:
        edition = StateConcept.objects.current()
        if edition is None:
            raise Http404
        measure = Measure(district=district, state_concept=edition)
    else:
        measure = get_measure_for_user(request.user, district, pk)
        edition = measure.state_concept
    data = request.POST if request.method == "POST" else None
    form = MeasureForm(data, instance=measure, district=district, edition=edition)
    indicators = IndicatorFormSet(data, instance=measure, prefix="indicators")
    if data is not None and form.is_valid() and indicators.is_valid():
        measure = actions.save_measure(form, indicators, by=request.user)
        messages.success(request, _("Maßnahme „%(title)s“ gespeichert.") % {"title": measure.title})
        return redirect(measure)
    return render(
        request,
        "funding/measure_form.html",
        {"district": district, "measure": measure, "form": form, "indicators": indicators},
    )


@professional_required
def measure(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    shown = get_measure_for_user(request.user, district, pk)
    this_year = timezone.localdate().year
    first = shown.starts_on.year
    last = min(shown.ends_on.year if shown.ends_on else this_year, this_year)
    return render(
        request,
        "funding/measure.html",
        {
            "district": district,
            "measure": shown,
            "serves": shown.serves.select_related("funding_area"),
            "offers": shown.offers.all(),
            "indicators": shown.indicators.prefetch_related("results"),
            "years": list(range(last, first - 1, -1)),
            "reports": {r.year: r for r in shown.progress_reports.all()},
            # A Sachbericht belongs to a fund year: only those years have its page.
            "fund_years": set(FundYear.objects.values_list("year", flat=True)),
            "can_edit": can_edit_measures(request.user, district),
            "conditions": fb22.condition_rows(shown),
        },
    )


@professional_required
def measure_conditions(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    """FB II.2: the coordinator confirms FB-II.2-V1 … V6 for the measure, each with a note,
    beside the hints Lotse finds in its data."""
    district = get_district_for_user(request.user, ags)
    shown = get_measure_for_user(request.user, district, pk)
    if not fb22.applies_to(shown):
        raise Http404
    require(can_edit_measures(request.user, district))
    rows = fb22.condition_rows(shown)
    form = ConditionChecksForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_condition_checks(shown, form.verdicts(), by=request.user)
        except actions.ChecksRefused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            if fb22.all_conditions_hold(shown):
                messages.success(request, _("Alle Fördervoraussetzungen sind bestätigt."))
            else:
                messages.success(
                    request,
                    _("Gespeichert. Noch offen: %(codes)s.")
                    % {"codes": ", ".join(item.code for item in fb22.open_conditions(shown))},
                )
            return redirect(shown)
    return render(
        request,
        "funding/measure_conditions.html",
        {"district": district, "measure": shown, "form": form},
    )


def _year_in_range(measure: Measure, year: int) -> None:
    if not 2000 <= year <= 2100 or not measure.runs_in(year):
        raise Http404


@professional_required
def measure_year(request: HttpRequest, ags: str, pk: int, year: int) -> HttpResponse:
    """Ziel- und Erfolgskontrolle and Sachbericht of one year."""
    district = get_district_for_user(request.user, ags)
    shown = get_measure_for_user(request.user, district, pk)
    _year_in_range(shown, year)
    require(can_edit_measures(request.user, district))
    data = request.POST if request.method == "POST" else None
    indicators = list(shown.indicators.all())
    existing = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(indicator__in=indicators, year=year)
    }
    result_forms = [
        (
            indicator,
            ResultForm(data, instance=existing.get(indicator.pk), prefix=f"i{indicator.pk}"),
        )
        for indicator in indicators
    ]
    if data is not None and all(f.is_valid() for _i, f in result_forms):
        actions.save_year_results(
            shown,
            year,
            results=[
                (indicator, {k: form.cleaned_data[k] for k in ResultForm.Meta.fields})
                for indicator, form in result_forms
            ],
            by=request.user,
        )
        messages.success(request, _("Ergebnisse %(year)s gespeichert.") % {"year": year})
        return redirect(shown)
    return render(
        request,
        "funding/measure_year.html",
        {
            "district": district,
            "measure": shown,
            "year": year,
            "result_forms": result_forms,
        },
    )


@professional_required
def measure_profile(request: HttpRequest, ags: str, pk: int, file_format: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    shown = get_measure_for_user(request.user, district, pk)
    if file_format not in FILE_FORMATS:
        raise Http404
    return printing.response(
        documents.profile_printable(shown),
        file_format,
        filename=documents.filename(shown, "projektsteckbrief"),
    )


@professional_required
def progress_report(
    request: HttpRequest, ags: str, pk: int, year: int, file_format: str
) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    shown = get_measure_for_user(request.user, district, pk)
    _year_in_range(shown, year)
    if file_format not in FILE_FORMATS:
        raise Http404
    return printing.response(
        documents.progress_printable(shown, year),
        file_format,
        filename=documents.filename(shown, f"sachbericht-{year}"),
    )
