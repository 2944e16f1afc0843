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
from lotse.funding import actions, documents
from lotse.funding.access import can_edit_measures, get_measure_for_user
from lotse.funding.forms import IndicatorFormSet, MeasureForm, ProgressReportForm, ResultForm
from lotse.funding.models import IndicatorResult, Measure, ProgressReport

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
            "can_edit": can_edit_measures(request.user, district),
        },
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
    report = ProgressReport.objects.filter(measure=shown, year=year).first()
    report_form = ProgressReportForm(data, instance=report, prefix="report")
    if data is not None and report_form.is_valid() and all(f.is_valid() for _i, f in result_forms):
        actions.save_year(
            shown,
            year,
            results=[
                (indicator, {k: form.cleaned_data[k] for k in ResultForm.Meta.fields})
                for indicator, form in result_forms
            ],
            report={k: report_form.cleaned_data[k] for k in ProgressReportForm.Meta.fields},
            by=request.user,
        )
        messages.success(
            request, _("Ergebnisse und Sachbericht %(year)s gespeichert.") % {"year": year}
        )
        return redirect(shown)
    return render(
        request,
        "funding/measure_year.html",
        {
            "district": district,
            "measure": shown,
            "year": year,
            "result_forms": result_forms,
            "report_form": report_form,
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
