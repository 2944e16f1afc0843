"""The network pages of a district (FB I): partners, meetings, quality standards, minimum
requirements, volunteers, parents' topics and surveys."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.core.links import public_url
from lotse.core.numbers import requested_year
from lotse.core.ratelimit import limit_posts
from lotse.core.spreadsheets import FORMATS as SPREADSHEET_FORMATS
from lotse.core.spreadsheets import download
from lotse.networks import actions, key_figures, surveys, tables
from lotse.networks.access import (
    can_create_sub_network,
    can_edit_network,
    can_read_free_texts,
    can_record_parent_topics,
    can_see_all_districts,
    get_network_for_user,
    networks_for_partner_staff,
)
from lotse.networks.calendar import meeting_calendar
from lotse.networks.evidence import (
    Coverage,
    matrix_warnings,
    requirement_items,
    requirement_rows,
    sector_coverage,
    volunteer_requirement_items,
    volunteer_service_facts,
)
from lotse.networks.forms import (
    AttendanceForm,
    CoordinationForm,
    ItemStatusForm,
    MeetingForm,
    ParentTopicForm,
    PartnerForm,
    PartnerTopicForm,
    QuestionForm,
    SubNetworkForm,
    SurveyAnswerForm,
    SurveyForm,
    TaskForm,
    TrainingForm,
    VolunteerServiceForm,
)
from lotse.networks.item_status import status_cells
from lotse.networks.models import (
    Coordination,
    Meeting,
    Network,
    Partner,
    QualityStandard,
    Survey,
    Task,
    VolunteerService,
)
from lotse.networks.participation import topic_table
from lotse.networks.pdf import requirements_pdf
from lotse.networks.sectors import active_sectors
from lotse.networks.small_numbers import sees_small_numbers

# --- The network (FB I) ---------------------------------------------------------------------


def _network_page(request: HttpRequest, ags: str, network_id: int):
    district = get_district_for_user(request.user, ags)
    network = get_network_for_user(request.user, district, network_id)
    return district, network


def _year(request: HttpRequest) -> int:
    """The year a page shows (?jahr=…)."""
    return requested_year(request.GET.get("jahr"), earliest=2000)


def _require_edit(request: HttpRequest, network: Network) -> None:
    require(can_edit_network(request.user, network))


@professional_required
def network_home(request: HttpRequest, ags: str) -> HttpResponse:
    """The district's network (every district has one)."""
    district = get_district_for_user(request.user, ags)
    network = get_object_or_404(
        Network.objects.visible_to(request.user), district=district, parent=None
    )
    return redirect(network)


@professional_required
def network(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    today = timezone.localdate()
    coordinations = key_figures.current_coordinations(network, today)
    former = network.coordinations.exclude(pk__in=coordinations.values("pk"))
    if network.is_sub_network:
        # A sub-network's page is about its own partners; the district's figure (all its
        # networks) is on the district network's page.
        coverage = sector_coverage([network])
        partner_count = key_figures.active_partners_on(today).filter(network=network).count()
        partner_label = _("aktive Partner dieses Teilnetzwerks")
    else:
        coverage = Coverage(key_figures.partners_by_sector([district], today.year)[district.pk])
        partner_count = key_figures.partner_count(district, today.year)
        partner_label = key_figures.partner_label(today.year)
    return render(
        request,
        "networks/network.html",
        {
            "district": district,
            "network": network,
            "coordinations": coordinations.select_related("employer_organization").prefetch_related(
                "trainings"
            ),
            "former_coordinations": former,
            "coverage": coverage,
            "partner_count": partner_count,
            "partner_label": partner_label,
            "upcoming": network.meetings.filter(starts_at__gte=timezone.now()).order_by(
                "starts_at"
            )[:5],
            "open_tasks": Task.objects.filter(meeting__network=network, done=False)
            .select_related("meeting")
            .order_by("due_on")[:10],
            "standards": network.standards.current()[:5],
            "linking_measures": network.standards.current().linking_measures(),
            "sub_networks": network.sub_networks.visible_to(request.user).select_related(
                "social_area"
            ),
            "can_edit": can_edit_network(request.user, network),
            "can_create_sub_network": not network.is_sub_network
            and can_create_sub_network(request.user, district),
            "calendar_url": public_url(
                reverse("network_calendar", kwargs={"token": network.calendar_token})
            ),
            "today": today,
        },
    )


@professional_required
def sub_network_create(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, parent = _network_page(request, ags, network_id)
    require(not parent.is_sub_network and can_create_sub_network(request.user, district))
    form = SubNetworkForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        sub = actions.create_sub_network(parent=parent, by=request.user, **form.cleaned_data)
        messages.success(request, _("Das Teilnetzwerk ist angelegt."))
        return redirect(sub)
    return render(
        request,
        "networks/form.html",
        {"district": district, "network": parent, "form": form, "title": _("Teilnetzwerk anlegen")},
    )


@professional_required
def partner_list(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    partners = (
        network.partners.select_related("organization")
        .with_sector_name()
        .order_by("left_on", "organization__name")
    )
    return render(
        request,
        "networks/partner_list.html",
        {
            "district": district,
            "network": network,
            "partners": partners,
            "coverage": sector_coverage([network]),
            "can_edit": can_edit_network(request.user, network),
        },
    )


@professional_required
def partner_edit(
    request: HttpRequest, ags: str, network_id: int, pk: int | None = None
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    _require_edit(request, network)
    partner = get_object_or_404(network.partners, pk=pk) if pk else Partner(network=network)
    form = PartnerForm(
        request.POST or None, request.FILES or None, instance=partner, network=network
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_partner(
                partner=partner,
                fields={name: form.cleaned_data[name] for name in actions.PARTNER_FIELDS},
                new_organization=form.cleaned_data["new_organization"],
                by=request.user,
                district=district,
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Der Partner ist gespeichert."))
            return redirect("networks:partner_list", ags=ags, network_id=network.pk)
    title = _("Partner bearbeiten") if pk else _("Partner aufnehmen")
    return render(
        request,
        "networks/form.html",
        {"district": district, "network": network, "form": form, "title": title, "multipart": True},
    )


@professional_required
def meeting_list(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    year = _year(request)
    meetings = (
        network.meetings.in_year(year)
        .annotate(
            attendance=Count("attended", distinct=True), invitations=Count("invited", distinct=True)
        )
        .order_by("starts_at")
    )
    years = sorted(
        {d.year for d in network.meetings.dates("starts_at", "year")} | {year}, reverse=True
    )
    return render(
        request,
        "networks/meeting_list.html",
        {
            "district": district,
            "network": network,
            "meetings": meetings,
            "year": year,
            "years": years,
            "can_edit": can_edit_network(request.user, network),
        },
    )


@professional_required
def meeting_edit(
    request: HttpRequest, ags: str, network_id: int, pk: int | None = None
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    _require_edit(request, network)
    meeting = get_object_or_404(network.meetings, pk=pk) if pk else Meeting(network=network)
    form = MeetingForm(
        request.POST or None, request.FILES or None, instance=meeting, network=network
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in actions.MEETING_FIELDS
            if name not in ("starts_at", "ends_at")
        }
        fields.update(
            starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"]
        )
        saved = actions.save_model(
            obj=meeting,
            fields=fields,
            by=request.user,
            district=district,
            audited=actions.MEETING_FIELDS,
        )
        messages.success(request, _("Das Treffen ist gespeichert."))
        return redirect("networks:meeting", ags=ags, network_id=network.pk, pk=saved.pk)
    title = _("Treffen bearbeiten") if pk else _("Treffen planen")
    return render(
        request,
        "networks/form.html",
        {"district": district, "network": network, "form": form, "title": title, "multipart": True},
    )


@professional_required
def meeting(request: HttpRequest, ags: str, network_id: int, pk: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    meeting = get_object_or_404(network.meetings.prefetch_related("tasks"), pk=pk)
    can_edit = can_edit_network(request.user, network)
    attendance = AttendanceForm(
        request.POST if "teilnahme" in request.POST else None,
        meeting=meeting,
        initial={"attended": list(meeting.attended.values_list("pk", flat=True))},
    )
    task_form = TaskForm(request.POST if "aufgabe" in request.POST else None)
    if request.method == "POST":
        require(can_edit)
        if "teilnahme" in request.POST and attendance.is_valid():
            actions.record_attendance(
                meeting=meeting, partners=attendance.cleaned_data["attended"], by=request.user
            )
            messages.success(request, _("Die Teilnahme ist gespeichert."))
            return redirect(request.path)
        if "aufgabe" in request.POST and task_form.is_valid():
            actions.add_task(meeting=meeting, by=request.user, **task_form.cleaned_data)
            messages.success(request, _("Die Aufgabe ist notiert."))
            return redirect(request.path)
        if "erledigt" in request.POST:
            task = get_object_or_404(meeting.tasks, pk=request.POST.get("erledigt"))
            actions.set_task_done(task=task, done=not task.done, by=request.user)
            return redirect(request.path)
    attended = meeting.attended.select_related("organization").with_sector_name()
    return render(
        request,
        "networks/meeting.html",
        {
            "district": district,
            "network": network,
            "meeting": meeting,
            "attended": attended,
            "invited": meeting.invited.select_related("organization"),
            "coverage": Coverage(dict(Counter(p.sector for p in attended))),
            "attendance_form": attendance,
            "task_form": task_form,
            "can_edit": can_edit,
        },
    )


@professional_required
def coordination_edit(
    request: HttpRequest, ags: str, network_id: int, pk: int | None = None
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    _require_edit(request, network)
    coordination = (
        get_object_or_404(network.coordinations, pk=pk) if pk else Coordination(network=network)
    )
    form = CoordinationForm(
        request.POST or None, instance=coordination, network=network, prefix="koordination"
    )
    training = TrainingForm(
        request.POST if "fortbildung" in request.POST else None, prefix="fortbildung"
    )
    if request.method == "POST":
        if "fortbildung" in request.POST and coordination.pk and training.is_valid():
            actions.add_training(
                coordination=coordination, by=request.user, **training.cleaned_data
            )
            messages.success(request, _("Die Fortbildung ist eingetragen."))
            return redirect(request.path)
        if "fortbildung" not in request.POST and form.is_valid():
            saved = actions.save_model(
                obj=coordination,
                fields={name: form.cleaned_data[name] for name in actions.COORDINATION_FIELDS},
                by=request.user,
                district=district,
                audited=actions.COORDINATION_FIELDS,
            )
            messages.success(request, _("Die Koordination ist gespeichert."))
            return redirect(
                "networks:coordination_edit", ags=ags, network_id=network.pk, pk=saved.pk
            )
    return render(
        request,
        "networks/coordination_form.html",
        {
            "district": district,
            "network": network,
            "form": form,
            "training_form": training,
            "coordination": coordination if coordination.pk else None,
        },
    )


@professional_required
def requirements(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    """FB I's minimum requirements and development modules with the records' evidence and
    the district's status in the chosen year, with its history."""
    district, network = _network_page(request, ags, network_id)
    # The status belongs to the district: it is set on the district's network only.
    can_edit = network.parent_id is None and can_edit_network(request.user, network)
    year = _year(request)
    items = requirement_items(year)
    form = None
    if request.method == "POST":
        require(can_edit)
        item = next((i for i in items if i.code == request.POST.get("item_code")), None)
        if item is None:
            messages.error(request, _("Unbekannter Baustein."))
        else:
            form = ItemStatusForm(request.POST, item=item, auto_id=f"%s-{item.code}")
            if form.is_valid():
                actions.set_item_status(
                    district=district,
                    item=item,
                    year=year,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(request, _("Der Stand ist gespeichert."))
                return redirect(f"{request.path}?jahr={year}#{item.code}")
    rows = requirement_rows(
        network, items, year, sees_small_numbers=sees_small_numbers(request.user)
    )
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            requirements_pdf(network, year, rows), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="mindestanforderungen-{district.ags}-{year}.pdf"'
        )
        return response
    forms = {
        row.item.code: (
            form
            if form is not None and form.item.pk == row.item.pk
            else ItemStatusForm(
                initial={
                    "status": row.assessment.value,
                    "reason": row.assessment.status.reason if row.assessment.status else "",
                },
                item=row.item,
            )
        )
        for row in rows
    }
    return render(
        request,
        "networks/requirements.html",
        {
            "district": district,
            "network": network,
            "rows": [(row, forms[row.item.code]) for row in rows],
            "year": year,
            "can_edit": can_edit,
            "form": form,
        },
    )


@professional_required
def export(
    request: HttpRequest, ags: str, network_id: int, what: str, file_format: str
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    if what not in tables.TABLES or file_format not in SPREADSHEET_FORMATS:
        raise Http404
    return tables.response(network, what, file_format)


@professional_required
def state_overview(request: HttpRequest) -> HttpResponse:
    """The LKS's matrix: sector coverage and the districts' FB I statuses in a year, with
    the change since the year before."""
    require(can_see_all_districts(request.user))
    networks = list(
        Network.objects.filter(parent=None).select_related("district").order_by("district__ags")
    )
    year = _year(request)
    districts = [n.district for n in networks]
    by_sector = key_figures.partners_by_sector(districts, year)
    in_use = active_sectors()
    partners = key_figures.partner_counts(districts, year)
    items = requirement_items(year)
    statuses = status_cells(districts, items, year)
    warnings = matrix_warnings(networks, items, statuses, year)
    return render(
        request,
        "networks/state_overview.html",
        {
            "sectors": [(s.code, s.name) for s in in_use],
            "coverage_rows": [
                (
                    n,
                    partners[n.district_id],
                    [by_sector[n.district_id].get(s.code, 0) for s in in_use],
                )
                for n in networks
            ],
            "partner_label": key_figures.partner_label(year),
            "year": year,
            "items": items,
            "status_rows": [
                (
                    n,
                    [
                        (statuses[(n.district_id, i.pk)], warnings.get((n.district_id, i.pk), ""))
                        for i in items
                    ],
                )
                for n in networks
            ],
        },
    )


# Internal dates at a secret address, fetched without signing in: no proxy keeps a copy.
@never_cache
def network_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The network's meetings as an iCalendar feed, at a secret address for calendar apps."""
    network = get_object_or_404(Network.objects.select_related("district"), calendar_token=token)
    meetings = Meeting.objects.filter(Q(network=network) | Q(network__parent=network)).order_by(
        "starts_at"
    )
    response = HttpResponse(
        meeting_calendar(network, meetings), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="netzwerk.ics"'
    return response


@professional_required
def parent_topics(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    """Topics parents raised: record one (anonymously), see them counted."""
    district, network = _network_page(request, ags, network_id)
    may_record = can_record_parent_topics(request.user)
    form = ParentTopicForm(request.POST or None, district=district)
    if request.method == "POST":
        require(may_record)
        if form.is_valid():
            actions.record_parent_topic(network=network, by=request.user, **form.cleaned_data)
            messages.success(request, _("Danke! Das Thema ist anonym erfasst."))
            return redirect(request.path)
    year = _year(request)
    sees_texts = can_read_free_texts(request.user, network)
    sees_small = sees_small_numbers(request.user)
    return render(
        request,
        "networks/parent_topics.html",
        {
            "district": district,
            "network": network,
            "year": year,
            "table": topic_table(network, year, sees_small_numbers=sees_small),
            "sees_small_numbers": sees_small,
            "texts": network.parent_topics.filter(month__year=year).exclude(text="")[:50]
            if sees_texts
            else None,
            "form": form if may_record else None,
        },
    )


# --- Surveys ----------------------------------------------------------------------------------


@professional_required
def survey_list(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    can_edit = can_edit_network(request.user, network)
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        require(can_edit)
        if form.is_valid():
            survey = actions.save_model(
                obj=Survey(network=network),
                fields=form.cleaned_data,
                by=request.user,
                district=district,
                audited=("title", "audience", "opens_on", "closes_on"),
            )
            messages.success(request, _("Die Befragung ist angelegt. Jetzt die Fragen."))
            return redirect("networks:survey", ags=ags, network_id=network.pk, pk=survey.pk)
    surveys = network.surveys.annotate(answers=Count("responses"))
    return render(
        request,
        "networks/survey_list.html",
        {
            "district": district,
            "network": network,
            "surveys": surveys,
            "form": form,
            "can_edit": can_edit,
            "sees_small_numbers": sees_small_numbers(request.user),
        },
    )


@professional_required
def survey(request: HttpRequest, ags: str, network_id: int, pk: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    survey = get_object_or_404(network.surveys, pk=pk)
    can_edit = can_edit_network(request.user, network)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        require(can_edit)
        if survey.responses.exists():
            messages.error(request, _("Es gibt schon Antworten; die Fragen bleiben, wie sie sind."))
            return redirect(request.path)
        if form.is_valid():
            actions.add_question(survey=survey, by=request.user, **form.cleaned_data)
            messages.success(request, _("Die Frage ist hinzugefügt."))
            return redirect(request.path)
    total, question_results = surveys.results(
        survey,
        sees_small_numbers=sees_small_numbers(request.user),
        sees_texts=can_read_free_texts(request.user, network),
    )
    return render(
        request,
        "networks/survey.html",
        {
            "district": district,
            "network": network,
            "survey": survey,
            "form": form,
            "can_edit": can_edit and not survey.responses.exists(),
            "public_url": public_url(survey.get_absolute_url()),
            "is_open": surveys.is_open(survey),
            "total": total,
            "results": question_results,
            "can_export": can_read_free_texts(request.user, network),
        },
    )


@professional_required
def survey_export(
    request: HttpRequest, ags: str, network_id: int, pk: int, file_format: str
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    survey = get_object_or_404(network.surveys, pk=pk)
    require(can_read_free_texts(request.user, network))
    if file_format not in SPREADSHEET_FORMATS:
        raise Http404
    rows = surveys.export_rows(survey, with_texts=True)
    return download(rows, title="Befragung", name=f"befragung-{survey.pk}", file_format=file_format)


@limit_posts("survey_answer", "LOTSE_SURVEY_ANSWERS_PER_HOUR")
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public questionnaire: no sign-in, no cookie but the form's CSRF token."""
    survey = get_object_or_404(Survey.objects.select_related("network"), token=token)
    if not surveys.is_open(survey):
        return render(
            request,
            "networks/survey_closed.html",
            {"survey": survey},
            status=410 if survey.closes_on < timezone.localdate() else 200,
        )
    # An empty submission is still a submission: it must show the required questions.
    form = SurveyAnswerForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        surveys.submit(survey, form.answers())
        return render(request, "networks/survey_thanks.html", {"survey": survey})
    return render(request, "networks/survey_answer.html", {"survey": survey, "form": form})


# --- Volunteer services (FB II.1.2) -----------------------------------------------------------


@professional_required
def volunteer_list(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    services = network.volunteer_services.select_related("provider", "network")
    items = volunteer_requirement_items()
    return render(
        request,
        "networks/volunteer_list.html",
        {
            "district": district,
            "network": network,
            "services": [
                (
                    service,
                    volunteer_service_facts(service),
                    [(item, (service.requirements or {}).get(item.code, {})) for item in items],
                )
                for service in services
            ],
            "can_edit": can_edit_network(request.user, network),
        },
    )


@professional_required
def volunteer_edit(
    request: HttpRequest, ags: str, network_id: int, pk: int | None = None
) -> HttpResponse:
    district, network = _network_page(request, ags, network_id)
    _require_edit(request, network)
    service = (
        get_object_or_404(network.volunteer_services, pk=pk)
        if pk
        else VolunteerService(network=network)
    )
    form = VolunteerServiceForm(
        request.POST or None,
        instance=service,
        network=network,
        requirements=volunteer_requirement_items(),
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in actions.VOLUNTEER_FIELDS}
        actions.save_model(
            obj=service,
            fields=fields,
            by=request.user,
            district=district,
            audited=actions.VOLUNTEER_FIELDS,
        )
        messages.success(request, _("Das Ehrenamtsangebot ist gespeichert."))
        return redirect("networks:volunteer_list", ags=ags, network_id=network.pk)
    title = _("Ehrenamtsangebot bearbeiten") if pk else _("Ehrenamtsangebot eintragen")
    return render(
        request,
        "networks/form.html",
        {"district": district, "network": network, "form": form, "title": title},
    )


@professional_required
def partner_topic(request: HttpRequest) -> HttpResponse:
    """Partner staff record a topic parents raised, for a network their organisation is in."""
    networks = networks_for_partner_staff(request.user)
    require(networks.exists())
    form = PartnerTopicForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.record_parent_topic(by=request.user, **data)
        messages.success(request, _("Danke! Das Thema ist anonym erfasst."))
        return redirect(request.path)
    return render(request, "networks/partner_topic.html", {"form": form})


DOCUMENTS = {
    "vereinbarung": (Partner, "agreement_document", "partners"),
    "protokoll": (Meeting, "minutes_file", "meetings"),
    "standard": (QualityStandard, "document", "standards"),
}


@professional_required
def document(request: HttpRequest, ags: str, network_id: int, kind: str, pk: int) -> HttpResponse:
    """A network's uploaded file, only for those who may see the network (never public)."""
    district, network = _network_page(request, ags, network_id)
    if kind not in DOCUMENTS:
        raise Http404
    _model, field, related = DOCUMENTS[kind]
    owner = get_object_or_404(getattr(network, related), pk=pk)
    stored = getattr(owner, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
