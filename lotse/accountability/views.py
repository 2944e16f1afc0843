"""Pages of the measure documents: the to-do list, a measure's documents, the Projekt-
steckbrief, the Sachbericht with the coordinator's check, the steps and the print-outs.

Scope: access.get_measure_for_user (404 outside); writing and steps: access.py (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotse.accountability import access, actions, checks, printing, queries
from lotse.accountability.forms import (
    REPORT_FIELDS,
    CheckForm,
    ProfileForm,
    ReportForm,
    StepForm,
)
from lotse.accountability.models import MeasureDocument
from lotse.accountability.workflow import MEASURE_DOCUMENTS
from lotse.accounts.access import AuthenticatedHttpRequest, professional_required, require
from lotse.core import printing as core_printing
from lotse.core.form_messages import say_form_errors
from lotse.funding.models import FundYear, IndicatorResult, Measure, ProgressReport
from lotse.networks.models import Network
from lotse.workflow.views import take_step

K = MeasureDocument.Kind
FILE_FORMATS = ("pdf", "docx")


@professional_required
def to_do(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for this person: to write, to check, to forward, to accept."""
    waiting = queries.to_do(request.user)
    return render(
        request,
        "accountability/to_do.html",
        {
            "to_do": waiting,
            "counts": waiting.counts(),
            "overview": queries.status_overview(request.user),
        },
    )


@professional_required
def measure(request: AuthenticatedHttpRequest, ags: str, pk: int) -> HttpResponse:
    """A measure's Projektsteckbrief revisions and Sachberichte per fund year."""
    shown = access.get_measure_for_user(request.user, ags, pk)
    documents = list(shown.accountability_documents.select_related("fund_year"))
    profiles = [d for d in documents if d.kind == K.PROFILE]
    reports = {d.fund_year_id: d for d in documents if d.kind == K.PROGRESS_REPORT}
    years = [
        (fund_year, reports.get(fund_year.pk))
        for fund_year in queries.report_years()
        if shown.runs_in(fund_year.year)
    ]
    latest = profiles[-1] if profiles else None
    return render(
        request,
        "accountability/measure.html",
        {
            "measure": shown,
            "profiles": profiles,
            "years": years,
            "can_write": access.can_write_new(request.user, shown),
            "can_revise": access.can_start_profile_revision(request.user, latest),
        },
    )


def _profile(measure: Measure, number: int) -> MeasureDocument | None:
    document = (
        MeasureDocument.objects.filter(measure=measure, kind=K.PROFILE, number=number)
        .select_related("fund_year")
        .first()
    )
    if document is None and number != 1:
        raise Http404
    if document is not None:
        document.measure = measure
    return document


def _report(measure: Measure, year: int) -> tuple[FundYear, MeasureDocument | None]:
    fund_year = get_object_or_404(FundYear, year=year)
    if not measure.runs_in(year):
        raise Http404
    document = (
        MeasureDocument.objects.filter(measure=measure, kind=K.PROGRESS_REPORT, fund_year=fund_year)
        .select_related("coordinator_check")
        .first()
    )
    if document is not None:
        document.measure, document.fund_year = measure, fund_year
    return fund_year, document


def _may_edit(user, measure: Measure, document: MeasureDocument | None) -> bool:
    if document is None:
        return access.can_write_new(user, measure)
    return access.can_edit_document(user, document)


def _page_context(request, measure: Measure, document: MeasureDocument | None) -> dict:
    return {
        "measure": measure,
        "document": document,
        "steps": MEASURE_DOCUMENTS.allowed(request.user, document) if document else [],
        "history": document.steps.all() if document else [],
    }


@professional_required
def profile(request: AuthenticatedHttpRequest, ags: str, pk: int, number: int) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    document = _profile(shown, number)
    editable = _may_edit(request.user, shown, document)
    form = None
    if request.method == "POST":
        require(editable)
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                document = actions.save_profile(
                    shown,
                    document,
                    texts={
                        "description": form.cleaned_data["description"],
                        "target_group": form.cleaned_data["target_group"],
                    },
                    based_on=form.cleaned_data["lock_version"],
                    by=request.user,
                )
            except actions.Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Projektsteckbrief gespeichert."))
                return redirect(document)
    elif editable:
        source = document or shown  # a first draft starts from the measure's record
        form = ProfileForm(
            initial={
                "description": source.description,
                "target_group": source.target_group,
                "lock_version": document.lock_version if document else 0,
            }
        )
    return render(
        request,
        "accountability/profile.html",
        {**_page_context(request, shown, document), "form": form, "number": number},
    )


@professional_required
def profile_revision(request: AuthenticatedHttpRequest, ags: str, pk: int) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    latest = MeasureDocument.objects.filter(measure=shown, kind=K.PROFILE).order_by("number").last()
    require(access.can_start_profile_revision(request.user, latest))
    try:
        revision = actions.start_profile_revision(latest, by=request.user)
    except actions.Refused as refused:
        messages.error(request, refused.message)
        return redirect("accountability:measure", ags=ags, pk=pk)
    messages.success(request, _("Neue Fassung des Projektsteckbriefs begonnen."))
    return redirect(revision)


@professional_required
def report(request: AuthenticatedHttpRequest, ags: str, pk: int, year: int) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    fund_year, document = _report(shown, year)
    editable = _may_edit(request.user, shown, document)
    stored = ProgressReport.objects.filter(measure=shown, year=year).first()
    form = None
    if request.method == "POST":
        require(editable)
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                document = actions.save_report(
                    shown,
                    fund_year,
                    texts=form.texts(),
                    based_on=form.cleaned_data["lock_version"],
                    by=request.user,
                )
            except actions.Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Sachbericht gespeichert."))
                return redirect(document)
    elif editable:
        initial = {"lock_version": document.lock_version if document else 0}
        if stored:
            initial.update({name: getattr(stored, name) for name in REPORT_FIELDS})
        form = ReportForm(initial=initial)
    check = getattr(document, "coordinator_check", None) if document else None
    return render(
        request,
        "accountability/report.html",
        {
            **_page_context(request, shown, document),
            "fund_year": fund_year,
            "year": year,
            "form": form,
            "stored": stored,
            "results": _results(shown, year),
            "check": check,
            "check_rows": check.requirements.select_related("requirement") if check else [],
            "check_problems": checks.check_problems(document) if document else [],
            "can_check": bool(document) and access.can_edit_check(request.user, document),
        },
    )


def _results(measure: Measure, year: int):
    indicators = list(measure.indicators.all())
    results = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(indicator__in=indicators, year=year)
    }
    return [(indicator, results.get(indicator.pk)) for indicator in indicators]


@professional_required
def check(request: AuthenticatedHttpRequest, ags: str, pk: int, year: int) -> HttpResponse:
    """The coordinator's check NWK-P1 to NWK-P3, saved complete or not at all."""
    shown = access.get_measure_for_user(request.user, ags, pk)
    _fund_year, document = _report(shown, year)
    if document is None:
        raise Http404
    require(access.can_edit_check(request.user, document))
    requirements = list(checks.applicable_requirements(shown))
    stored = getattr(document, "coordinator_check", None)
    if request.method == "POST":
        form = CheckForm(request.POST, requirements=requirements)
        if form.is_valid():
            try:
                actions.save_check(
                    document,
                    values=form.values(),
                    requirements=form.requirement_values(),
                    based_on=form.cleaned_data["lock_version"],
                    by=request.user,
                )
            except actions.Refused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Prüfung gespeichert."))
                return redirect(document)
    else:
        form = CheckForm(
            initial=CheckForm.initial_from(stored, document.lock_version),
            requirements=requirements,
        )
    return render(
        request,
        "accountability/check.html",
        {
            "measure": shown,
            "document": document,
            "year": year,
            "form": form,
            "results": _results(shown, year),
            "network": Network.objects.filter(district=shown.district, parent=None).first(),
        },
    )


@professional_required
def step(request: AuthenticatedHttpRequest, ags: str, pk: int, document_id: int) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    document = get_object_or_404(MeasureDocument, measure=shown, pk=document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StepForm(request.POST)
    if not form.is_valid():
        say_form_errors(request, form)
        document.measure = shown
        return redirect(document)
    take_step(
        request,
        MEASURE_DOCUMENTS,
        document,
        form.cleaned_data["step"],
        note=form.cleaned_data["note"],
        lock_version=form.cleaned_data["lock_version"],
    )
    document.measure = shown
    return redirect(document)


@professional_required
def profile_print(
    request: AuthenticatedHttpRequest, ags: str, pk: int, number: int, file_format: str
) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    document = _profile(shown, number)
    if document is None or file_format not in FILE_FORMATS:
        raise Http404
    return core_printing.response(
        printing.profile_printable(document),
        file_format,
        filename=printing.filename(document),
    )


@professional_required
def report_print(
    request: AuthenticatedHttpRequest, ags: str, pk: int, year: int, file_format: str
) -> HttpResponse:
    shown = access.get_measure_for_user(request.user, ags, pk)
    _fund_year, document = _report(shown, year)
    if document is None or file_format not in FILE_FORMATS:
        raise Http404
    return core_printing.response(
        printing.report_printable(document),
        file_format,
        filename=printing.filename(document),
    )
