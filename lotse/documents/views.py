"""The districts' concepts and annual reports in the workspace, and their review by the LKS.

/arbeitsbereich/<ags>/konzepte/…: the district writes, the LKS reviews, the ministry reads.
Scope: get_district_for_user (404 outside); roles: lotse.documents.access (403).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.concept.models import ChecklistItem, StateConcept
from lotse.core import printing
from lotse.core.form_messages import say_form_errors
from lotse.documents import access, actions, deadlines, workflow
from lotse.documents.forms import (
    AttachmentForm,
    CommentForm,
    ModuleStatusForm,
    PublishDetailsForm,
    SectionForm,
    StartAnnualReportForm,
    TransitionForm,
)
from lotse.documents.models import ChecklistAssessment, Document, ReviewComment, Section, Version
from lotse.documents.printing import document_printable
from lotse.documents.printing import filename as printing_filename
from lotse.documents.queries import item_assessments, status_year
from lotse.documents.rendering import render_markdown
from lotse.documents.versions import diff_versions, figures_for, snapshot
from lotse.networks.small_numbers import sees_small_numbers
from lotse.workflow.views import take_step

FILE_FORMATS = ("pdf", "docx")


def _document_page(request: HttpRequest, ags: str, document_id: int):
    district = get_district_for_user(request.user, ags)
    return district, access.get_document_for_user(request.user, district, document_id)


@professional_required
def document_list(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    edition = StateConcept.objects.current()
    documents = list(
        Document.objects.filter(district=district)
        .select_related("state_concept")
        .order_by("kind", "-year", "-created_at")
    )
    today = timezone.localdate()
    has_concept = edition is not None and any(
        d.kind == Document.Kind.CONCEPT and d.state_concept_id == edition.pk for d in documents
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "district": district,
            "edition": edition,
            "documents": [(d, deadlines.is_overdue(d, today)) for d in documents],
            "can_create": access.can_create_document(request.user, district) and edition,
            "has_concept": has_concept,
            "report_form": StartAnnualReportForm(initial={"year": today.year - 1}),
        },
    )


@professional_required
def document_create(request: HttpRequest, ags: str, kind: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(access.can_create_document(request.user, district))
    edition = StateConcept.objects.current()
    if edition is None:
        raise Http404
    if kind == "konzept":
        existing = Document.objects.filter(
            kind=Document.Kind.CONCEPT, district=district, state_concept=edition
        ).first()
        if existing:
            return redirect(existing)
        document = actions.start_concept(district=district, edition=edition, by=request.user)
    elif kind == "bericht":
        form = StartAnnualReportForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Bitte ein Berichtsjahr zwischen 2018 und 2100 angeben."))
            return redirect("documents:document_list", ags=district.ags)
        year = form.cleaned_data["year"]
        existing = Document.objects.filter(
            kind=Document.Kind.ANNUAL_REPORT, district=district, year=year
        ).first()
        if existing:
            return redirect(existing)
        document = actions.start_annual_report(
            district=district, edition=edition, year=year, by=request.user
        )
    else:
        raise Http404
    messages.success(request, _("%(document)s angelegt.") % {"document": document})
    return redirect(document)


def _shown_content(document: Document, user) -> tuple[dict, Version | None]:
    """Editable documents show live figures (small counts exact for the LKS only); with
    the LKS or accepted, the submitted text as it was frozen (the figures of that day
    included, small counts as everybody may see them)."""
    version = None if document.is_editable() else document.versions.order_by("-number").first()
    if version is None:
        live = figures_for(document, sees_small_numbers=sees_small_numbers(user))
        return snapshot(document, live), None
    return version.content, version


@professional_required
def document(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    content, shown_version = _shown_content(document, request.user)
    sections_by_key = {s.key: s for s in document.sections.all()}
    comments = list(document.comments.select_related("checklist_item"))
    by_section: dict[int | None, list[ReviewComment]] = defaultdict(list)
    by_item: dict[int, list[ReviewComment]] = defaultdict(list)
    for remark in comments:
        if remark.checklist_item_id:
            by_item[remark.checklist_item_id].append(remark)
        else:
            by_section[remark.section_id].append(remark)
    sections = []
    for entry in content["sections"]:
        section = sections_by_key.get(entry["key"])
        sections.append(
            {
                "entry": entry,
                "section": section,
                "comments": by_section.get(section.pk if section else None, []),
            }
        )
    modules_by_area: dict[str, list[dict]] = defaultdict(list)
    for module in content["modules"]:
        modules_by_area[module["funding_area"]].append(module)
    verdicts = {a.item_id: a for a in document.assessments.all()}
    checklist = [
        (item, verdicts.get(item.pk), by_item.get(item.pk, []))
        for item in ChecklistItem.objects.filter(
            state_concept=document.state_concept, retired=False
        )
    ]
    today = timezone.localdate()
    user = request.user
    return render(
        request,
        "documents/document.html",
        {
            "district": district,
            "document": document,
            "shown_version": shown_version,
            "sections": sections,
            "general_comments": by_section.get(None, []),
            "modules_by_area": dict(modules_by_area),
            "status_year": status_year(document),
            "measures": content["measures"],
            "checklist": checklist if document.kind == Document.Kind.CONCEPT else [],
            "attachments": document.attachments.all(),
            "history": document.status_changes.all(),
            "versions": document.versions.all(),
            "transitions": workflow.allowed_transitions(user, document),
            "problems": workflow.submission_problems(document)
            if access.can_submit(user, document)
            else [],
            "can_edit": access.can_edit_document(user, document),
            "can_review": access.can_review(user) and document.status == Document.Status.IN_REVIEW,
            "can_comment": access.can_comment(user, document),
            "overdue": deadlines.is_overdue(document, today),
            "days_left": deadlines.days_left(document, today),
            "attachment_form": AttachmentForm(),
            "can_keep_edition": access.can_keep_edition(user, document.state_concept),
        },
    )


@professional_required
def section_edit(request: HttpRequest, ags: str, document_id: int, section_id: int):
    district, document = _document_page(request, ags, document_id)
    require(access.can_edit_document(request.user, document))
    section = get_object_or_404(Section, document=document, pk=section_id)
    autosave = request.headers.get("X-Lotse-Autosave") == "1"
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                section = actions.save_section(
                    section,
                    text=form.cleaned_data["text"],
                    based_on=form.cleaned_data["revision"],
                    by=request.user,
                )
            except actions.ConcurrentEdit as edit:
                conflict = edit.section
                if autosave:
                    return JsonResponse(_conflict_json(conflict), status=409)
            except actions.NotEditable:
                if autosave:
                    return JsonResponse(
                        {"error": _("Das Dokument ist nicht mehr bearbeitbar.")}, status=403
                    )
                require(False)
            else:
                if autosave:
                    return JsonResponse(
                        {
                            "revision": section.revision,
                            "message": _("Automatisch gespeichert um %(time)s.")
                            % {"time": date_format(timezone.localtime(), "H:i:s")},
                        }
                    )
                messages.success(
                    request, _("Abschnitt „%(title)s“ gespeichert.") % {"title": section.title}
                )
                return redirect(f"{document.get_absolute_url()}#abschnitt-{section.key}")
        elif autosave:
            return JsonResponse(
                {"error": " ".join(e for errors in form.errors.values() for e in errors)},
                status=400,
            )
    else:
        form = SectionForm(initial={"text": section.text, "revision": section.revision})
    figures = figures_for(document, sees_small_numbers=sees_small_numbers(request.user))
    return render(
        request,
        "documents/section_form.html",
        {
            "district": district,
            "document": document,
            "section": section,
            "form": form,
            "conflict": conflict,
            "conflict_html": render_markdown(conflict.text, figures) if conflict else "",
            "figures": figures,
            "preview": render_markdown(section.text, figures),
            "comments": section.comments.all(),
        },
    )


def _conflict_json(section: Section) -> dict:
    who = section.updated_by.email if section.updated_by_id else _("jemand anderes")
    return {
        "error": _(
            "%(who)s hat diesen Abschnitt inzwischen geändert. Ihre Fassung ist nicht gespeichert; bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderungen."
        )
        % {"who": who},
        "revision": section.revision,
        "text": section.text,
    }


@professional_required
def module_statuses(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    """The district's status of each item in the document's year: the same status the
    network page and the LKS's matrix show."""
    district, document = _document_page(request, ags, document_id)
    require(access.can_edit_document(request.user, document))
    rows = item_assessments(document)
    data = request.POST if request.method == "POST" else None
    forms = [
        ModuleStatusForm(
            data,
            item=assessment.item,
            may_stay_unassessed=assessment.status is None,
            prefix=assessment.item.code,
            initial={
                "status": assessment.value,
                "reason": assessment.status.reason if assessment.status else "",
                "goals": assessment.status.goals if assessment.status else "",
            },
        )
        for assessment, _disagreement in rows
    ]
    if data is not None and all(form.is_valid() for form in forms):
        changed = actions.save_module_statuses(
            document,
            [
                (assessment, form.cleaned_data)
                for (assessment, _d), form in zip(rows, forms, strict=True)
            ],
            by=request.user,
        )
        messages.success(
            request,
            _("Stand der Entwicklungsbausteine gespeichert (%(count)s geändert).")
            % {"count": changed},
        )
        return redirect(f"{document.get_absolute_url()}#bausteine")
    return render(
        request,
        "documents/module_statuses.html",
        {
            "district": district,
            "document": document,
            "year": status_year(document),
            "rows": [
                (assessment, disagreement, form)
                for (assessment, disagreement), form in zip(rows, forms, strict=True)
            ],
        },
    )


@professional_required
def review(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    """The LKS marks checklist items as fulfilled or not."""
    district, document = _document_page(request, ags, document_id)
    require(access.can_review(request.user) and document.status == Document.Status.IN_REVIEW)
    items = list(ChecklistItem.objects.filter(state_concept=document.state_concept, retired=False))
    verdicts = {a.item_id: a.verdict for a in document.assessments.all()}
    choices = ChecklistAssessment.Verdict
    if request.method == "POST":
        invalid = []
        chosen = {}
        for item in items:
            value = request.POST.get(f"item-{item.pk}", choices.OPEN)
            if value not in choices.values:
                invalid.append(item.code)
            chosen[item] = value
        if invalid:
            messages.error(
                request,
                _("Unbekannte Bewertung bei %(items)s – nichts gespeichert.")
                % {"items": ", ".join(invalid)},
            )
        else:
            for item, value in chosen.items():
                if verdicts.get(item.pk, choices.OPEN) != value:
                    actions.assess(document, item, verdict=value, by=request.user)
            messages.success(request, _("Bewertung der Checkliste gespeichert."))
            return redirect(f"{document.get_absolute_url()}#checkliste")
    return render(
        request,
        "documents/review.html",
        {
            "district": district,
            "document": document,
            "rows": [(item, verdicts.get(item.pk, choices.OPEN)) for item in items],
            "choices": choices.choices,
        },
    )


@professional_required
def comment_create(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(access.can_comment(request.user, document))
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte eine Anmerkung (höchstens 5000 Zeichen) eingeben."))
        return redirect(document)
    section = item = None
    if form.cleaned_data["section"]:
        section = get_object_or_404(Section, document=document, pk=form.cleaned_data["section"])
    if form.cleaned_data["checklist_item"]:
        item = get_object_or_404(
            ChecklistItem,
            state_concept=document.state_concept,
            pk=form.cleaned_data["checklist_item"],
        )
    actions.comment(
        document,
        text=form.cleaned_data["text"],
        by=request.user,
        from_reviewer=access.can_review(request.user),
        section=section,
        checklist_item=item,
    )
    messages.success(request, _("Anmerkung gespeichert."))
    anchor = f"#abschnitt-{section.key}" if section else ("#checkliste" if item else "")
    return redirect(f"{document.get_absolute_url()}{anchor}")


@professional_required
def comment_resolve(request: HttpRequest, ags: str, document_id: int, pk: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(access.can_review(request.user) and not document.is_frozen())
    remark = get_object_or_404(ReviewComment, document=document, pk=pk)
    actions.resolve_comment(remark, by=request.user)
    return redirect(document)


@professional_required
def step(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TransitionForm(request.POST)
    details = PublishDetailsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Die Anmerkung ist zu lang (höchstens 5000 Zeichen)."))
        return redirect(document)
    if not details.is_valid():
        say_form_errors(request, details)
        return redirect(document)
    take_step(
        request,
        workflow.REVIEW,
        document,
        form.cleaned_data["step"],
        note=form.cleaned_data["note"],
        decided_on=details.cleaned_data["decided_on"],
        decided_by=details.cleaned_data["decided_by"],
    )
    return redirect(document)


@professional_required
def version(request: HttpRequest, ags: str, document_id: int, number: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    shown = get_object_or_404(Version, document=document, number=number)
    return render(
        request,
        "documents/version.html",
        {"district": district, "document": document, "version": shown, "content": shown.content},
    )


@professional_required
def compare(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    """What changed between two versions (default: the last two submitted)."""
    district, document = _document_page(request, ags, document_id)
    versions = list(document.versions.order_by("number"))
    numbers = [v.number for v in versions]

    def chosen(name: str, default: int | None) -> int | None:
        try:
            value = int(request.GET.get(name, ""))
        except ValueError:
            return default
        return value if value in numbers else default

    new = chosen("bis", numbers[-1] if numbers else None)
    old = chosen("von", next((n for n in reversed(numbers) if new and n < new), None))
    by_number = {v.number: v for v in versions}
    section_diffs = module_changes = None
    if old and new and old != new:
        section_diffs, module_changes = diff_versions(
            by_number[old].content, by_number[new].content
        )
    return render(
        request,
        "documents/compare.html",
        {
            "district": district,
            "document": document,
            "versions": versions,
            "old": old,
            "new": new,
            "section_diffs": section_diffs,
            "module_changes": module_changes,
        },
    )


@professional_required
def export(request: HttpRequest, ags: str, document_id: int, file_format: str) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    if file_format not in FILE_FORMATS:
        raise Http404
    content, shown = _shown_content(document, request.user)
    printable = document_printable(document, content, shown)
    return printing.response(printable, file_format, filename=printing_filename(document))


@professional_required
def attachment_create(request: HttpRequest, ags: str, document_id: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(access.can_edit_document(request.user, document))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        actions.attach(
            document,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            by=request.user,
        )
        messages.success(request, _("Anhang gespeichert."))
    else:
        say_form_errors(request, form)
    return redirect(f"{document.get_absolute_url()}#anhaenge")


@professional_required
def attachment(request: HttpRequest, ags: str, document_id: int, pk: int) -> HttpResponse:
    district, document = _document_page(request, ags, document_id)
    stored = get_object_or_404(document.attachments, pk=pk)
    if request.method == "POST":
        require(access.can_edit_document(request.user, document))
        actions.remove_attachment(stored, by=request.user)
        messages.success(request, _("Anhang entfernt."))
        return redirect(f"{document.get_absolute_url()}#anhaenge")
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=stored.file.name.rsplit("/", 1)[-1])
