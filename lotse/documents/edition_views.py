"""The LKS's own Landeskonzept editions in the workspace: /arbeitsbereich/landesweit/
landeskonzept/… The LKS records the federal steps, confirms the obligations and sets the
deadlines (documents/editions.py); the ministry reads along."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import professional_required, require
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.core.form_messages import say_form_errors
from lotse.documents import access, deadlines, editions
from lotse.documents.forms import EditionDeadlinesForm, EditionStepForm, ObligationForm
from lotse.workflow.views import take_step


@professional_required
def edition_list(request: HttpRequest) -> HttpResponse:
    require(access.can_see_editions(request.user))
    return render(
        request,
        "documents/editions.html",
        {
            "editions": StateConcept.objects.order_by("-valid_from"),
            "can_keep": access.can_keep_edition(request.user),
        },
    )


def _modules(edition: StateConcept) -> list[StateConceptItem]:
    return list(
        StateConceptItem.objects.filter(
            state_concept=edition, kind=StateConceptItem.Kind.DEVELOPMENT_MODULE
        )
        .select_related("funding_area")
        .order_by("funding_area__position", "position")
    )


def _obligation_forms(modules: list[StateConceptItem], data=None) -> list[ObligationForm]:
    return [
        ObligationForm(
            data,
            prefix=f"m{item.pk}",
            initial={"obligation": item.obligation, "confirmed": not item.obligation_uncertain},
        )
        for item in modules
    ]


def _report_year_example(edition: StateConcept) -> int:
    """A report year inside the edition's period, to show the annual deadline with."""
    today = timezone.localdate()
    return min(max(today.year - 1, edition.valid_from.year), edition.valid_until.year)


@professional_required
def edition(request: HttpRequest, code: str) -> HttpResponse:
    require(access.can_see_editions(request.user))
    chosen = get_object_or_404(StateConcept, code=code)
    can_keep = access.can_keep_edition(request.user, chosen)
    modules = _modules(chosen)
    deadlines_form = EditionDeadlinesForm(instance=chosen)
    obligation_forms = _obligation_forms(modules)
    if request.method == "POST":
        require(can_keep)
        which = request.POST.get("form")
        if which == "deadlines":
            deadlines_form = EditionDeadlinesForm(request.POST, instance=chosen)
            if deadlines_form.is_valid():
                data = deadlines_form.cleaned_data
                try:
                    moved = editions.set_deadlines(
                        edition=chosen,
                        concept_due_months=data["concept_due_months"],
                        report_due_months=data["report_due_months"],
                        published_on=data.get("published_on"),
                        by=request.user,
                    )
                except ValidationError as refusal:
                    messages.error(request, " ".join(refusal.messages))
                else:
                    messages.success(
                        request,
                        _("Fristen gespeichert; %(count)s Fälligkeiten angepasst.")
                        % {"count": moved},
                    )
                    return redirect("documents:edition", code=chosen.code)
            # Not valid: the form shows its messages.
            chosen.refresh_from_db()
        elif which == "obligations":
            obligation_forms = _obligation_forms(modules, request.POST)
            if all(form.is_valid() for form in obligation_forms):
                changed = editions.set_obligations(
                    edition=chosen,
                    chosen={
                        item.pk: (form.cleaned_data["obligation"], form.cleaned_data["confirmed"])
                        for item, form in zip(modules, obligation_forms, strict=True)
                    },
                    by=request.user,
                )
                messages.success(
                    request,
                    _("Verbindlichkeiten gespeichert (%(count)s geändert).") % {"count": changed},
                )
                return redirect("documents:edition", code=chosen.code)
            messages.error(request, _("Bitte die markierten Angaben prüfen – nichts gespeichert."))
        else:
            messages.error(request, _("Unbekanntes Formular – nichts gespeichert."))
    report_year = _report_year_example(chosen)
    return render(
        request,
        "documents/edition.html",
        {
            "edition": chosen,
            "can_keep": can_keep,
            "history": chosen.steps.all(),
            "transitions": editions.allowed_transitions(request.user, chosen),
            "today": timezone.localdate().isoformat(),
            "deadlines_form": deadlines_form,
            "concept_due_on": deadlines.concept_due_on(chosen) if chosen.published_on else None,
            "report_year": report_year,
            "report_due_on": deadlines.annual_report_due_on(chosen, report_year),
            "modules": list(zip(modules, obligation_forms, strict=True)),
            "uncertain": sum(1 for item in modules if item.obligation_uncertain),
        },
    )


@professional_required
def edition_step(request: HttpRequest, code: str) -> HttpResponse:
    require(access.can_see_editions(request.user))
    chosen = get_object_or_404(StateConcept, code=code)
    require(access.can_keep_edition(request.user, chosen))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = EditionStepForm(request.POST)
    if not form.is_valid():
        say_form_errors(request, form)
        return redirect("documents:edition", code=chosen.code)
    day: datetime.date | None = form.cleaned_data["on"]
    take_step(
        request,
        editions.EDITION,
        chosen,
        form.cleaned_data["step"],
        on=day,
        note=form.cleaned_data["note"],
    )
    return redirect("documents:edition", code=chosen.code)
