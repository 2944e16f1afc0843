"""The LKS's statewide events (platform, Fachtag, IQZ) with their yearly obligations, and the
competence overview of all network coordinators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import professional_required, require
from lotse.core.numbers import requested_year
from lotse.regions.models import District
from lotse.statewide import actions
from lotse.statewide.access import (
    attendance_districts,
    can_keep_statewide_events,
    can_read_statewide_events,
    can_see_competences,
    get_event_for_user,
)
from lotse.statewide.forms import AttendanceForm, CircleMembersForm, EventForm
from lotse.statewide.models import StatewideEvent
from lotse.statewide.obligations import obligations
from lotse.statewide.queries import attendance_by_district, competences_by_district


@professional_required
def event_list(request: HttpRequest) -> HttpResponse:
    """The events of one year and whether the Landeskonzept's rhythm is kept."""
    require(can_read_statewide_events(request.user))
    year = requested_year(request.GET.get("jahr"), earliest=2000)
    today = timezone.localdate()
    districts = list(District.objects.order_by("ags"))
    only = attendance_districts(request.user)
    only = None if only is None else list(only)
    events = list(StatewideEvent.objects.in_year(year).for_list().order_by("held_on", "pk"))
    rows = []
    for event in events:
        if event.kind == StatewideEvent.Kind.PLATFORM:
            attendance = attendance_by_district(event, districts, only=only)
            rows.append((event, attendance, sum(1 for _d, came in attendance if came)))
        else:
            rows.append((event, None, None))
    years = sorted(
        {d.year for d in StatewideEvent.objects.dates("held_on", "year")} | {year, today.year},
        reverse=True,
    )
    return render(
        request,
        "statewide/event_list.html",
        {
            "year": year,
            "years": years,
            "obligations": obligations(year, today=today),
            "rows": rows,
            "district_count": len(districts),
            "sees_all_districts": only is None,
            "can_keep": can_keep_statewide_events(request.user),
            "can_see_competences": can_see_competences(request.user),
        },
    )


@professional_required
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    require(can_read_statewide_events(request.user))
    event = get_event_for_user(request.user, event_id)
    can_keep = can_keep_statewide_events(request.user)
    is_platform = event.kind == StatewideEvent.Kind.PLATFORM
    is_circle = event.kind == StatewideEvent.Kind.QUALITY_CIRCLE
    attendance_form = AttendanceForm(
        request.POST if "teilnahme" in request.POST else None,
        event=event,
        initial={"attendees": list(event.attendees.values_list("pk", flat=True))},
    )
    members_form = CircleMembersForm(
        request.POST if "berufe" in request.POST else None, event=event
    )
    if request.method == "POST":
        require(can_keep)
        try:
            if "teilnahme" in request.POST and is_platform and attendance_form.is_valid():
                actions.record_attendance(
                    event=event,
                    coordinations=attendance_form.cleaned_data["attendees"],
                    by=request.user,
                )
                messages.success(request, _("Die Teilnahme ist gespeichert."))
                return redirect(request.path)
            if "berufe" in request.POST and is_circle and members_form.is_valid():
                actions.record_circle_members(
                    event=event, counts=members_form.counts(), by=request.user
                )
                messages.success(request, _("Die Berufsgruppen sind gespeichert."))
                return redirect(request.path)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
    only = attendance_districts(request.user)
    event = StatewideEvent.objects.for_list().get(pk=event.pk)
    members = list(event.circle_members.all())
    return render(
        request,
        "statewide/event.html",
        {
            "event": event,
            "is_platform": is_platform,
            "is_circle": is_circle,
            "attendance": attendance_by_district(
                event,
                list(District.objects.order_by("ags")),
                only=None if only is None else list(only),
            )
            if is_platform
            else None,
            "members": members,
            "member_total": sum(m.count for m in members),
            "attendance_form": attendance_form,
            "members_form": members_form,
            "can_keep": can_keep,
        },
    )


@professional_required
def event_edit(request: HttpRequest, event_id: int | None = None) -> HttpResponse:
    require(can_keep_statewide_events(request.user))
    event = get_event_for_user(request.user, event_id) if event_id else StatewideEvent()
    initial = {}
    if event_id is None and request.GET.get("art") in StatewideEvent.Kind.values:
        initial["kind"] = request.GET["art"]
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_event(event=event, fields=form.cleaned_data, by=request.user)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Die Veranstaltung ist gespeichert."))
            return redirect(saved)
    return render(
        request,
        "statewide/event_form.html",
        {
            "form": form,
            "event": event if event.pk else None,
            "title": _("Veranstaltung bearbeiten") if event_id else _("Veranstaltung eintragen"),
        },
    )


@professional_required
def competences(request: HttpRequest) -> HttpResponse:
    """All coordinators in post, with qualification and trainings, by district (LKS-E4)."""
    require(can_see_competences(request.user))
    today = timezone.localdate()
    return render(
        request,
        "statewide/competences.html",
        {
            "rows": competences_by_district(list(District.objects.order_by("ags")), today),
            "today": today,
        },
    )
