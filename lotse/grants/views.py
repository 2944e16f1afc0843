"""Pages of the grant procedure: the statewide overview (/arbeitsbereich/landesweit/
zuwendungen/), a district's procedure (/arbeitsbereich/<ags>/zuwendungen/) and each of its
documents with its steps and files. Scope and roles: lotse.grants.access."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext

from lotse.accounts.access import open_to_grant_office, professional_required, require
from lotse.core.form_messages import say_form_errors
from lotse.funding.models import FundYear
from lotse.grants import actions, printing, queries
from lotse.grants.access import (
    can_open_procedures,
    can_see_all_grants,
    get_district_for_grants,
    get_fund_year,
    get_grant_document,
)
from lotse.grants.forms import GrantStepForm
from lotse.grants.models import GrantDocument
from lotse.grants.statements import statement
from lotse.grants.workflow import GRANTS, allowed_transitions
from lotse.workflow.views import take_step

K = GrantDocument.Kind
S = GrantDocument.Status
# A document the other side has received stays as it was then; before, it is a draft.
FROZEN = (S.SUBMITTED, S.RECEIVED, S.ISSUED)


def _chosen_year(request: HttpRequest) -> FundYear | None:
    """The fund year asked for (?jahr=), else the current one, else the newest."""
    years = FundYear.objects.order_by("-year")
    wanted = request.GET.get("jahr", "")
    if wanted.isdigit():
        found = years.filter(year=int(wanted)).first()
        if found:
            return found
    return years.filter(year__lte=timezone.localdate().year).first() or years.first()


@professional_required
@open_to_grant_office
def overview(request: HttpRequest) -> HttpResponse:
    """All districts × the four documents of a fund year, with counts."""
    require(can_see_all_grants(request.user))
    fund_year = _chosen_year(request)
    states = queries.procedure_states(fund_year) if fund_year else []
    return render(
        request,
        "grants/overview.html",
        {
            "fund_year": fund_year,
            "fund_years": FundYear.objects.order_by("-year"),
            "states": states,
            "counts": queries.counts(states),
            "kinds": [(kind, GrantDocument.Kind(kind).label) for kind in GrantDocument.ORDER],
            "can_open": can_open_procedures(request.user)
            and any(not state.is_open for state in states),
            "to_do": queries.to_dos(request.user),
        },
    )


@professional_required
@open_to_grant_office
def open_year(request: HttpRequest, year: int) -> HttpResponse:
    require(can_open_procedures(request.user))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    fund_year = get_fund_year(year)
    opened = actions.open_procedures(fund_year, by=request.user)
    messages.success(
        request,
        ngettext(
            "Zuwendungsverfahren %(year)s für %(count)s Landkreis eröffnet.",
            "Zuwendungsverfahren %(year)s für %(count)s Landkreise eröffnet.",
            len(opened),
        )
        % {"year": fund_year.year, "count": len(opened)},
    )
    return redirect(f"{_overview_url()}?jahr={fund_year.year}")


def _overview_url() -> str:
    from django.urls import reverse

    return reverse("grants:overview")


@professional_required
@open_to_grant_office
def district(request: HttpRequest, ags: str) -> HttpResponse:
    """A district's procedure in a fund year: the documents, their deadlines and states."""
    shown = get_district_for_grants(request.user, ags)
    fund_year = _chosen_year(request)
    state = queries.procedure_states(fund_year, [shown])[0] if fund_year else None
    return render(
        request,
        "grants/district.html",
        {
            "district": shown,
            "fund_year": fund_year,
            "fund_years": FundYear.objects.order_by("-year"),
            "state": state,
            "can_see_all": can_see_all_grants(request.user),
        },
    )


@professional_required
@open_to_grant_office
def document(request: HttpRequest, ags: str, year: int, slug: str) -> HttpResponse:
    shown = get_district_for_grants(request.user, ags)
    grant_document = get_grant_document(shown, get_fund_year(year), slug)
    return render(
        request,
        "grants/document.html",
        {
            "district": shown,
            "document": grant_document,
            "fund_year": grant_document.procedure.fund_year,
            "statement": statement(
                grant_document.procedure, with_reports=grant_document.kind == K.PROOF_OF_USE
            ),
            "steps": allowed_transitions(request.user, grant_document),
            "history": grant_document.steps.all(),
            "generated": grant_document.kind in GrantDocument.DISTRICT_KINDS,
            "frozen": grant_document.status in FROZEN and bool(grant_document.file),
            "has_spreadsheet": grant_document.kind == K.PROOF_OF_USE,
        },
    )


@professional_required
@open_to_grant_office
def step(request: HttpRequest, ags: str, year: int, slug: str) -> HttpResponse:
    shown = get_district_for_grants(request.user, ags)
    grant_document = get_grant_document(shown, get_fund_year(year), slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = GrantStepForm(request.POST, request.FILES)
    if not form.is_valid():
        say_form_errors(request, form)
        return redirect(grant_document)
    take_step(request, GRANTS, grant_document, form.cleaned_data["step"], **form.details())
    return redirect(grant_document)


@professional_required
@open_to_grant_office
def document_file(
    request: HttpRequest, ags: str, year: int, slug: str, file_format: str
) -> HttpResponse:
    """The document as PDF (the Verwendungsnachweis also as XLSX): as submitted once the
    other side has it, before that generated from today's figures as a draft."""
    shown = get_district_for_grants(request.user, ags)
    grant_document = get_grant_document(shown, get_fund_year(year), slug)
    stored = {"pdf": grant_document.file, "xlsx": grant_document.spreadsheet}.get(file_format)
    if stored is None or (file_format == "xlsx" and grant_document.kind != K.PROOF_OF_USE):
        raise Http404
    if grant_document.status in FROZEN and stored:
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
    if grant_document.kind not in GrantDocument.DISTRICT_KINDS:
        raise Http404  # a grant notice is uploaded, never generated
    figures = statement(
        grant_document.procedure, with_reports=grant_document.kind == K.PROOF_OF_USE
    )
    if file_format == "pdf":
        body = printing.pdf(grant_document, figures, draft=True)
        content_type = "application/pdf"
    else:
        body = printing.proof_of_use_xlsx(figures)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    name = printing.file_name(grant_document, file_format)
    response["Content-Disposition"] = f'attachment; filename="entwurf-{name}"'
    return response
