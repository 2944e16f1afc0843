"""The LKS's statewide pages for concepts and reports: the matrix with deadlines, the
checklist the LKS derives from Anlage 1, as data, and its own part of the Ziel- und
Erfolgskontrolle."""

from __future__ import annotations

from django.contrib import messages
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts import audit
from lotse.accounts.access import professional_required, require
from lotse.concept.models import ChecklistItem, StateConcept, StateConceptItem
from lotse.core.numbers import requested_year
from lotse.core.spreadsheets import download
from lotse.documents import access, deadlines, matrix
from lotse.documents.forms import ChecklistItemForm, StateOfficeTaskForm
from lotse.documents.models import ChecklistAssessment, StateOfficeTask
from lotse.networks import item_status
from lotse.networks.models import ItemStatus
from lotse.statewide.obligations import obligations

KIND_CHOICES = [
    ("checklist", "Checkliste der LKS (abgeleitet aus Anlage 1)"),
    ("minimum_requirement", "Mindestanforderungen"),
    ("development_module", "Entwicklungsbausteine"),
]


def _edition() -> StateConcept:
    edition = StateConcept.objects.current()
    if edition is None:
        raise Http404
    return edition


def _status_choices():
    seen = {}
    for choices in (
        ChecklistAssessment.Verdict.choices,
        ItemStatus.Status.choices,
    ):
        for value, label in choices:
            seen.setdefault(value, label)
    return list(seen.items())


@professional_required
def state_documents(request: HttpRequest) -> HttpResponse:
    require(access.can_see_all_documents(request.user))
    year = requested_year(request.GET.get("jahr"), earliest=2000)
    edition = item_status.edition_for_year(year) or _edition()
    built = matrix.build(edition, year)
    kind = request.GET.get("art", "")
    kind = kind if kind in dict(KIND_CHOICES) else ""
    status = request.GET.get("stand", "")
    status = status if status in dict(_status_choices()) else ""
    area = request.GET.get("bereich", "")[:60]
    today = timezone.localdate()
    deadline_rows = [
        (
            district,
            built.concepts.get(district.pk),
            built.reports.get(district.pk),
        )
        for district in built.districts
    ]
    return render(
        request,
        "documents/state_documents.html",
        {
            "matrix": built,
            "rows": matrix.filtered(built, kind=kind, area=area, status=status),
            "kind": kind,
            "status": status,
            "area": area,
            "kind_choices": [(value, _(label)) for value, label in KIND_CHOICES],
            "status_choices": _status_choices(),
            "areas": sorted({row.area for row in built.rows}),
            "deadline_rows": [
                (
                    district,
                    concept,
                    report,
                    concept is not None and deadlines.is_overdue(concept, today),
                    report is not None and deadlines.is_overdue(report, today),
                )
                for district, concept, report in deadline_rows
            ],
            "manages_checklist": access.can_manage_checklist(request.user),
        },
    )


@professional_required
def state_documents_export(request: HttpRequest) -> HttpResponse:
    require(access.can_see_all_documents(request.user))
    year = requested_year(request.GET.get("jahr"), earliest=2000)
    built = matrix.build(item_status.edition_for_year(year) or _edition(), year)
    header = [_("Art"), _("Nummer"), _("Bereich"), _("Text")] + [d.name for d in built.districts]
    kinds = dict(KIND_CHOICES)
    rows = [header] + [
        [_(kinds[row.kind]), row.code, row.area, row.text] + [cell.label for cell in row.cells]
        for row in built.rows
    ]
    return download(rows, title=_("Konzepte"), name="konzepte-matrix", file_format="xlsx")


@professional_required
def checklist(request: HttpRequest) -> HttpResponse:
    """The LKS keeps its checklist (derived from Anlage 1) of the current edition."""
    require(access.can_manage_checklist(request.user))
    edition = _edition()
    formset_class = modelformset_factory(
        ChecklistItem, form=ChecklistItemForm, extra=1, can_delete=False
    )
    queryset = ChecklistItem.objects.filter(state_concept=edition)
    formset = formset_class(
        request.POST if request.method == "POST" else None, queryset=queryset, prefix="items"
    )
    if request.method == "POST" and formset.is_valid():
        codes = [
            f.cleaned_data.get("code") for f in formset.forms if f.has_changed() or f.instance.pk
        ]
        if len([c for c in codes if c]) != len({c for c in codes if c}):
            messages.error(
                request, _("Jede Nummer darf nur einmal vorkommen – nichts gespeichert.")
            )
        else:
            saved = 0
            for form in formset.forms:
                if form.has_changed():
                    audit.save_form(form, by=request.user, state_concept=edition)
                    saved += 1
            messages.success(
                request, _("Checkliste gespeichert (%(count)s Punkte geändert).") % {"count": saved}
            )
            return redirect("documents:checklist")
    return render(request, "documents/checklist.html", {"edition": edition, "formset": formset})


def _year(request: HttpRequest) -> int:
    """The year a page shows (?jahr=…)."""
    return requested_year(request.GET.get("jahr"), earliest=2018)


@professional_required
def state_office_tasks(request: HttpRequest) -> HttpResponse:
    """The LKS's own tasks (LKS-E1 … E11) with status and evidence, per year."""
    require(access.can_see_all_documents(request.user))
    edition = _edition()
    year = _year(request)
    items = list(
        StateConceptItem.objects.filter(state_concept=edition, funding_area__kind="state_office")
        .exclude(kind=StateConceptItem.Kind.GUIDING_GOAL)
        .order_by("position")
    )
    existing = {t.item_id: t for t in StateOfficeTask.objects.filter(item__in=items, year=year)}
    tasks = [existing.get(item.pk) or StateOfficeTask(item=item, year=year) for item in items]
    editable = access.can_manage_checklist(request.user)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        require(editable)
    forms = [StateOfficeTaskForm(data, instance=task, prefix=f"t{task.item_id}") for task in tasks]
    if data is not None and all(form.is_valid() for form in forms):
        for form in forms:
            if form.instance._state.adding or form.has_changed():
                audit.save_form(form, by=request.user, updated_by=request.user)
        messages.success(request, _("Ziel- und Erfolgskontrolle der LKS gespeichert."))
        return redirect(f"{request.path}?jahr={year}")
    checks = {o.code: o for o in obligations(year, today=timezone.localdate())}
    return render(
        request,
        "documents/state_office_tasks.html",
        {
            "edition": edition,
            "year": year,
            # What the LKS's recorded events show for LKS-E5, E8 and E9 (lotse.statewide).
            "rows": [
                (item, form, checks.get(item.code)) for item, form in zip(items, forms, strict=True)
            ],
            "editable": editable,
        },
    )
