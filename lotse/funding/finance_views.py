"""Money pages: a district's year (/arbeitsbereich/<ags>/finanzen/), the LKS's fund years,
allocation keys and statewide overview (/arbeitsbereich/landesweit/finanzen/), and FB III
proposals. Scope: get_district_for_user (404); roles: lotse.funding.access (403)."""

from __future__ import annotations

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.core.form_messages import say_form_errors
from lotse.core.spreadsheets import wants_machine_csv
from lotse.funding import actions, budgets, exports, fb3, fb22
from lotse.funding.access import (
    can_edit_fb3_proposal,
    can_edit_measures,
    can_manage_funds,
    can_see_state_finances,
    get_measure_for_user,
)
from lotse.funding.allocation import compute
from lotse.funding.forms import (
    AllocationKeyForm,
    ComponentFormSet,
    Fb3ProposalForm,
    Fb3StepForm,
    FundYearForm,
    PlanForm,
)
from lotse.funding.models import AllocationKey, Fb3Proposal, FundYear, Measure, MeasurePlan
from lotse.funding.queries import fb3_proposals_waiting_for
from lotse.workflow.views import take_step

FORMATS = ("xlsx", "csv", "pdf")


def _chosen_year(request: HttpRequest) -> FundYear | None:
    years = FundYear.objects.order_by("-year")
    wanted = request.GET.get("jahr", "")
    if wanted.isdigit():
        found = years.filter(year=int(wanted)).first()
        if found:
            return found
    today = timezone.localdate().year
    return years.filter(year__lte=today).first() or years.first()


# --- District --------------------------------------------------------------------------------


@professional_required
def finances(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    fund_year = _chosen_year(request)
    year = budgets.district_year(district, fund_year) if fund_year else None
    measures = (
        Measure.objects.filter(district=district)
        .select_related("funding_area", "district")
        .defer("district__boundary")
    )
    planned_ids = {row.plan.measure_id for row in year.plans} if year else set()
    largest = (
        max([a.planned for a in year.areas] + [a.spent for a in year.areas], default=0)
        if year
        else 0
    )
    return render(
        request,
        "funding/finances.html",
        {
            "district": district,
            "fund_year": fund_year,
            "fund_years": FundYear.objects.order_by("-year"),
            "year": year,
            # SVG bars (attributes, not inline styles: the CSP forbids those); the table
            # under the chart carries the same figures for screen readers.
            "bars": [
                (
                    area,
                    5 * _percent(area.planned, largest),
                    5 * _percent(area.spent, largest),
                    28 * i,
                )
                for i, area in enumerate(year.areas if year else [])
            ],
            "chart_height": 28 * len(year.areas) + 24 if year else 24,
            "legend_y": 28 * len(year.areas) + 6 if year else 6,
            "unplanned_measures": [
                m
                for m in measures
                if m.pk not in planned_ids and (not fund_year or m.runs_in(fund_year.year))
            ],
            "can_edit": can_edit_measures(request.user, district),
            "proposals": Fb3Proposal.objects.filter(measure__district=district).select_related(
                "measure"
            ),
            "formats": FORMATS,
        },
    )


def _percent(value, largest) -> int:
    return int(value / largest * 100) if largest else 0


@professional_required
def plan_edit(request: HttpRequest, ags: str, year: int, pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    measure = get_measure_for_user(request.user, district, pk)
    fund_year = get_object_or_404(FundYear, year=year)
    require(can_edit_measures(request.user, district))
    plan = MeasurePlan.objects.filter(measure=measure, fund_year=fund_year).first()
    spent = {s.period: s.amount for s in plan.spendings.all()} if plan else {}
    initial = {
        "planned": plan.planned if plan else 0,
        "co_funding": plan.co_funding if plan else 0,
        "qualification": plan.qualification if plan else 0,
        "revision": plan.revision if plan else 0,
        **spent,
    }
    conflict = None
    if request.method == "POST":
        form = PlanForm(request.POST, measure=measure)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.save_plan(
                    measure,
                    fund_year,
                    planned=data["planned"],
                    co_funding=data["co_funding"],
                    qualification=data.get("qualification") or 0,
                    spending={p: data.get(p) for p in PlanForm.PERIODS},
                    based_on=data["revision"],
                    by=request.user,
                )
            except actions.PlanChanged as changed:
                conflict = changed.plan
            except actions.PlanRefused as refused:
                for problem in refused.problems:
                    form.add_error(None, problem)
            else:
                messages.success(
                    request,
                    _("Planansatz und Ausgaben für „%(measure)s“ gespeichert.")
                    % {"measure": measure},
                )
                return redirect(f"{_finance_url(district)}?jahr={fund_year.year}")
    else:
        form = PlanForm(initial=initial, measure=measure)
    return render(
        request,
        "funding/plan_form.html",
        {
            "district": district,
            "measure": measure,
            "fund_year": fund_year,
            "form": form,
            "open_conditions": [item.code for item in fb22.open_conditions(measure)],
            "conflict": conflict,
            "conflict_spent": {s.period: s.amount for s in conflict.spendings.all()}
            if conflict
            else {},
        },
    )


def _finance_url(district) -> str:
    from django.urls import reverse

    return reverse("finance:finances", kwargs={"ags": district.ags})


@professional_required
def district_export(request: HttpRequest, ags: str, year: int, file_format: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    fund_year = get_object_or_404(FundYear, year=year)
    if file_format not in FORMATS:
        raise Http404
    return exports.district_plan(
        budgets.district_year(district, fund_year),
        file_format,
        machine=wants_machine_csv(request),
    )


@professional_required
def fb3_proposal(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    """An FB III measure's proposal: the district writes it, the LKS votes and records the
    federal outcome."""
    district = get_district_for_user(request.user, ags)
    measure = get_measure_for_user(request.user, district, pk)
    if measure.funding_area.code != "III":
        raise Http404
    proposal = Fb3Proposal.objects.filter(measure=measure).first()
    editable = can_edit_fb3_proposal(request.user, district, proposal)
    data = request.POST if request.method == "POST" and "step" not in request.POST else None
    if data is not None:
        require(editable)
    form = Fb3ProposalForm(data, instance=proposal or Fb3Proposal(measure=measure))
    if data is not None and form.is_valid():
        actions.save_fb3_proposal(form, by=request.user)
        messages.success(request, _("Vorhaben gespeichert."))
        return redirect("finance:fb3_proposal", ags=district.ags, pk=measure.pk)
    return render(
        request,
        "funding/fb3_proposal.html",
        {
            "district": district,
            "measure": measure,
            "proposal": proposal,
            "form": form,
            "editable": editable,
            "steps": fb3.allowed_transitions(request.user, proposal) if proposal else [],
            "history": proposal.steps.all() if proposal else [],
        },
    )


@professional_required
def fb3_step(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    measure = get_measure_for_user(request.user, district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    proposal = get_object_or_404(Fb3Proposal, measure=measure)
    form = Fb3StepForm(request.POST, request.FILES)
    if not form.is_valid():
        say_form_errors(request, form)
        return redirect("finance:fb3_proposal", ags=district.ags, pk=measure.pk)
    take_step(
        request,
        fb3.FB3,
        proposal,
        form.cleaned_data["step"],
        note=form.cleaned_data["note"],
        decided_on=form.cleaned_data["decided_on"],
        document=form.cleaned_data["document"],
        conditions=form.cleaned_data["conditions"],
    )
    return redirect("finance:fb3_proposal", ags=district.ags, pk=measure.pk)


# --- LKS -------------------------------------------------------------------------------------


@professional_required
def fund_years(request: HttpRequest) -> HttpResponse:
    require(can_see_state_finances(request.user))
    totals = budgets.over_the_years()
    largest = max((t.state_total for t in totals), default=0)
    return render(
        request,
        "funding/fund_years.html",
        {
            "totals": totals,
            # SVG bars per year (x scaled to 500 units); the table below has the figures.
            "year_bars": [
                (
                    t,
                    5 * _percent(t.allocated, largest),
                    5 * _percent(t.planned, largest),
                    5 * _percent(t.spent, largest),
                    36 * i,
                )
                for i, t in enumerate(totals)
            ],
            "chart_height": 36 * len(totals) + 24,
            "legend_y": 36 * len(totals) + 6,
            "keys": AllocationKey.objects.prefetch_related("components"),
            "to_do": fb3_proposals_waiting_for(request.user),
            "is_lks": can_manage_funds(request.user),
        },
    )


@professional_required
def fund_year_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    require(can_manage_funds(request.user))
    instance = get_object_or_404(FundYear, year=year) if year else FundYear(state_total=0)
    form = FundYearForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_fund_year(form, by=request.user)
        messages.success(request, _("Förderjahr %(year)s gespeichert.") % {"year": saved.year})
        return redirect("finance:fund_year", year=saved.year)
    return render(request, "funding/fund_year_form.html", {"form": form, "instance": instance})


@professional_required
def fund_year(request: HttpRequest, year: int) -> HttpResponse:
    """Statewide overview of a year and the allocation, step by step; two keys compared."""
    require(can_see_state_finances(request.user))
    shown = get_object_or_404(FundYear.objects.select_related("key"), year=year)
    keys = list(AllocationKey.objects.prefetch_related("components"))
    by_id = {str(k.pk): k for k in keys}
    first = by_id.get(request.GET.get("schluessel", "")) or shown.key or (keys[0] if keys else None)
    second = by_id.get(request.GET.get("vergleich", ""))
    results = [compute(key, shown.districts_total) for key in (first, second) if key]
    overview = budgets.state_overview(shown)
    comparison = None
    if len(results) == 2 and all(r.ok for r in results):
        comparison = [
            (a.district, a.amount, b.amount, b.amount - a.amount)
            for a, b in zip(results[0].rows, results[1].rows, strict=True)
        ]
    return render(
        request,
        "funding/fund_year.html",
        {
            "fund_year": shown,
            "keys": keys,
            "first": first,
            "second": second,
            "results": results,
            "comparison": comparison,
            "overview": overview,
            "is_lks": can_manage_funds(request.user),
            "formats": FORMATS,
        },
    )


@professional_required
def fund_year_allocate(request: HttpRequest, year: int) -> HttpResponse:
    require(can_manage_funds(request.user))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    shown = get_object_or_404(FundYear, year=year)
    key = get_object_or_404(
        AllocationKey,
        pk=request.POST.get("key") if str(request.POST.get("key", "")).isdigit() else 0,
    )
    try:
        actions.adopt_allocation(shown, key, by=request.user)
    except actions.AllocationRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("Die Zuweisungen %(year)s nach „%(key)s“ sind gespeichert.")
            % {"year": year, "key": key},
        )
    return redirect("finance:fund_year", year=year)


@professional_required
def fund_year_export(request: HttpRequest, year: int, file_format: str) -> HttpResponse:
    require(can_see_state_finances(request.user))
    shown = get_object_or_404(FundYear.objects.select_related("key"), year=year)
    if file_format not in FORMATS:
        raise Http404
    return exports.statewide(
        budgets.state_overview(shown), file_format, machine=wants_machine_csv(request)
    )


@professional_required
def key_edit(request: HttpRequest, key_id: int | None = None) -> HttpResponse:
    require(can_manage_funds(request.user))
    key = get_object_or_404(AllocationKey, pk=key_id) if key_id else AllocationKey()
    data = request.POST if request.method == "POST" else None
    form = AllocationKeyForm(data, instance=key)
    components = ComponentFormSet(data, instance=key, prefix="components")
    if data is not None and form.is_valid() and components.is_valid():
        saved = actions.save_allocation_key(form, components, by=request.user)
        messages.success(request, _("Schlüssel „%(key)s“ gespeichert.") % {"key": saved})
        return redirect("finance:fund_years")
    return render(
        request, "funding/key_form.html", {"form": form, "components": components, "key": key}
    )


@professional_required
def fb3_document(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    """The federal decision, as a download, for those who may see the measure."""
    district = get_district_for_user(request.user, ags)
    measure = get_measure_for_user(request.user, district, pk)
    proposal = get_object_or_404(Fb3Proposal, measure=measure)
    if not proposal.federal_document:
        raise Http404
    try:
        handle = proposal.federal_document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = proposal.federal_document.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
