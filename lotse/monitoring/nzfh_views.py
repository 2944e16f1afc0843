"""The LKS's reports to the NZFH: /arbeitsbereich/landesweit/nzfh-bericht/… The LKS starts,
keeps and submits them; the ministry reads along (monitoring/nzfh.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import professional_required, require
from lotse.core.form_messages import say_form_errors
from lotse.core.pdf import render_pdf
from lotse.monitoring import access, nzfh
from lotse.monitoring.forms import NzfhReportForm, NzfhReportStartForm, NzfhStepForm
from lotse.monitoring.models import NzfhReport
from lotse.workflow.views import take_step


@professional_required
def report_list(request: HttpRequest) -> HttpResponse:
    require(access.can_see_nzfh_reports(request.user))
    can_keep = access.can_keep_nzfh_report(request.user)
    year = nzfh.next_report_year()
    form = NzfhReportStartForm(initial={"year": year})
    if request.method == "POST":
        require(can_keep)
        form = NzfhReportStartForm(request.POST)
        if form.is_valid():
            try:
                report = nzfh.start_report(
                    year=form.cleaned_data["year"],
                    due_on=form.cleaned_data["due_on"],
                    by=request.user,
                )
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
            else:
                messages.success(request, _("%(report)s angelegt.") % {"report": report})
                return redirect(report)
    return render(
        request,
        "monitoring/nzfh_reports.html",
        {
            "reports": NzfhReport.objects.all(),
            "can_keep": can_keep,
            "form": form,
            "cycle_years": nzfh.CYCLE_YEARS,
        },
    )


@professional_required
def report(request: HttpRequest, year: int) -> HttpResponse:
    require(access.can_see_nzfh_reports(request.user))
    chosen = get_object_or_404(NzfhReport, year=year)
    can_edit = access.can_keep_nzfh_report(request.user, chosen) and chosen.is_collecting()
    form = NzfhReportForm(initial={"due_on": chosen.due_on, "remarks": chosen.remarks})
    if request.method == "POST":
        require(can_edit)
        form = NzfhReportForm(request.POST)
        if form.is_valid():
            try:
                nzfh.update_report(
                    report=chosen,
                    due_on=form.cleaned_data["due_on"],
                    remarks=form.cleaned_data["remarks"],
                    by=request.user,
                )
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
            else:
                messages.success(request, _("Bericht gespeichert."))
                return redirect(chosen)
    return render(
        request,
        "monitoring/nzfh_report.html",
        {
            "report": chosen,
            "content": nzfh.shown_content(chosen),
            "can_edit": can_edit,
            "form": form,
            "transitions": nzfh.allowed_transitions(request.user, chosen),
            "history": chosen.steps.all(),
            "today": timezone.localdate().isoformat(),
        },
    )


@professional_required
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The report as PDF, with the figures the page shows."""
    require(access.can_see_nzfh_reports(request.user))
    chosen = get_object_or_404(NzfhReport, year=year)
    html = render_to_string(
        "monitoring/print/nzfh_report.html",
        {"report": chosen, "content": nzfh.shown_content(chosen), "printed_at": timezone.now()},
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="nzfh-bericht-{chosen.year}.pdf"'
    return response


@professional_required
def report_step(request: HttpRequest, year: int) -> HttpResponse:
    require(access.can_see_nzfh_reports(request.user))
    chosen = get_object_or_404(NzfhReport, year=year)
    require(access.can_keep_nzfh_report(request.user, chosen))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = NzfhStepForm(request.POST)
    if not form.is_valid():
        say_form_errors(request, form)
        return redirect(chosen)
    take_step(
        request,
        nzfh.NZFH_REPORT,
        chosen,
        form.cleaned_data["step"],
        on=form.cleaned_data["on"],
        note=form.cleaned_data["note"],
    )
    return redirect(chosen)
