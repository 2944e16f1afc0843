"""Looking after offers (/angebotspflege/): providers edit, coordinators approve and follow up.

Every view asks `access` who may see or change the offer; the rules live in actions.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import BooleanField, Exists, ExpressionWrapper, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.accounts.access import professional_required, require
from lotse.accounts.models import Role
from lotse.core.identifiers import parse_uuid, uuid_or_404
from lotse.offers import access, actions, approval, change_review, changes, tabular, venues
from lotse.offers.contacts import reaches_nobody, unreachable_condition
from lotse.offers.duplicates import possible_duplicates
from lotse.offers.forms import (
    ImportUploadForm,
    OfferForm,
    ScheduleForm,
    ScheduleFormSet,
    TranslationForm,
    VenueFormSet,
)
from lotse.offers.hsds_import import ImportRefused, check_records, import_services
from lotse.offers.models import Location, Offer, OfferChange, OfferTranslation, PendingImport
from lotse.offers.queries import fresh_since, reminder_due_before
from lotse.offers.reminders import changes_waiting, to_do, to_do_counts
from lotse.offers.translations import easy_read_is_current, is_current
from lotse.workflow.views import take_step

PER_PAGE = 50
VIEWS = {
    "alle": gettext_lazy("Alle"),
    "freigabe": gettext_lazy("Warten auf Freigabe"),
    "aenderungen": gettext_lazy("Änderungen prüfen"),
    "pruefen": gettext_lazy("Prüfung fällig"),
    "abgelaufen": gettext_lazy("Nicht mehr in der Suche"),
    "ohne-kontakt": gettext_lazy("Ohne Kontaktweg"),
}
# The address's view names and the to-do views of reminders.to_do().
TO_DO_VIEWS = {
    "freigabe": "pending",
    "aenderungen": "changes",
    "pruefen": "due",
    "abgelaufen": "stale",
    "ohne-kontakt": "unreachable",
}


def _filtered(request: HttpRequest) -> tuple[str, str, object]:
    offers = access.manageable_offers(request.user)
    view = request.GET.get("ansicht", "alle")
    if view not in VIEWS:
        view = "alle"
    if view in TO_DO_VIEWS:
        offers = to_do(offers)[TO_DO_VIEWS[view]]
    district = request.GET.get("landkreis", "")
    if district:
        offers = offers.filter(district__ags=district)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        offers = offers.filter(Q(name__icontains=text) | Q(organization__name__icontains=text))
    return view, text, offers


def _tab_query(request: HttpRequest, view: str) -> str:
    query = request.GET.copy()
    for name in ("seite", "ansicht"):
        query.pop(name, None)
    query["ansicht"] = view
    return query.urlencode()


@professional_required
def offer_list(request: HttpRequest) -> HttpResponse:
    """The to-do list and the whole scope of offers, filterable."""
    require(access.can_look_after_offers(request.user))
    view, text, offers = _filtered(request)
    scope_counts = to_do_counts(access.manageable_offers(request.user))
    counts = {view: scope_counts[name] for view, name in TO_DO_VIEWS.items()}
    page = Paginator(
        offers.select_related("organization", "district")
        .defer("district__boundary")  # a large GeoJSON, decoded per row otherwise
        .annotate(
            change_waiting=Exists(changes_waiting()),
            unreachable=ExpressionWrapper(unreachable_condition(), BooleanField()),
        )
        .order_by("name", "id"),
        PER_PAGE,
    ).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "offers/upkeep/offer_list.html",
        {
            "page": page,
            "view": view,
            "tabs": [
                (key, label, counts.get(key), _tab_query(request, key))
                for key, label in VIEWS.items()
            ],
            "text": text,
            "query": query.urlencode(),
            "can_import": access.can_import(request.user),
            "keeps_contact_points": access.contact_point_districts(request.user).exists(),
            "remind_before": reminder_due_before(),
            "stale_before": fresh_since(),
        },
    )


@professional_required
def offer_manage(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    return render(
        request,
        "offers/upkeep/offer_manage.html",
        {
            "offer": offer,
            "history": change_review.history_entries(offer),
            "content": [
                (changes.label(name), text)
                for name, text in changes.readable(changes.offer_data(offer)).items()
            ],
            "open_change": change_review.open_change(offer),
            "edits_wait": access.edits_wait_for_review(request.user, offer),
            "translations": _translations(offer),
            "easy_read_stale": bool(offer.easy_read) and not easy_read_is_current(offer),
            "can_approve": access.can_approve(request.user, offer),
            "approval_steps": approval.allowed_steps(request.user, offer),
            "approval_history": approval.steps_of(offer),
            "version": actions.version_of(offer),
            "unreachable": reaches_nobody(offer),
            "is_stale": offer.verified_at is None or offer.verified_at < fresh_since(),
        },
    )


def _translations(offer: Offer) -> list[tuple[OfferTranslation, bool]]:
    return [
        (translation, is_current(translation, offer))
        for translation in offer.translations.order_by("language")
    ]


def _venue_initial(offer: Offer | None) -> list[dict]:
    if offer is None:
        return []
    return [
        {
            "location_id": sal.location.pk,
            "name": sal.location.name,
            "address_1": sal.location.address_1,
            "postal_code": sal.location.postal_code,
            "city": sal.location.city,
            "latitude": sal.location.latitude,
            "longitude": sal.location.longitude,
            "accessibility": sal.location.accessibility,
        }
        for sal in offer.service_at_locations.select_related("location").order_by("id")
        if sal.location.location_type == Location.Kind.PHYSICAL
    ]


def _schedule_initial(offer: Offer | None) -> list[dict]:
    if offer is None:
        return []
    return [
        row
        for schedule in offer.schedules.order_by("dtstart", "freq", "byday")
        for row in ScheduleForm.initial_for(schedule)
    ]


def concurrent_edit_message(clash: actions.ConcurrentEdit) -> str:
    latest = clash.latest
    if latest is None:
        return _(
            "Das Angebot wurde inzwischen geändert. Bitte prüfen Sie und speichern Sie erneut."
        )
    changed = ", ".join(sorted(changes.label(name) for name in latest.changes)) or "–"
    return _(
        "%(who)s hat dieses Angebot am %(when)s geändert (%(fields)s), nachdem Sie es geöffnet "
        "haben. Nichts wurde überschrieben. Prüfen Sie die Angaben und speichern Sie erneut, "
        "wenn Ihre Fassung gelten soll."
    ) % {
        "who": latest.actor_label,
        "when": timezone.localtime(latest.at).strftime("%d.%m.%Y %H:%M"),
        "fields": changed,
    }


def _known_venues(request: HttpRequest, offer: Offer | None) -> list[Location]:
    """The venues the form offers to take over: the offer's provider's, or for a new offer
    those of the providers the person creates offers for."""
    if offer is not None:
        return venues.known_venues([offer.organization_id])
    return venues.known_venues(access.organizations_for(request.user).values_list("pk", flat=True))


def _offer_form_page(request: HttpRequest, offer: Offer | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    waits = offer is not None and access.edits_wait_for_review(request.user, offer)
    pending = change_review.open_change(offer) if waits else None
    offer_initial, venue_initial, time_initial = None, _venue_initial(offer), None
    if pending is not None:
        # The provider goes on from her proposal, not from the live version.
        offer_initial, venue_initial, time_initial = changes.form_initial(pending.proposal)
    # The form works on its own copy, so the action can compare old and new values.
    form_instance = Offer.objects.get(pk=offer.pk) if offer else None
    form = OfferForm(
        data,
        instance=form_instance,
        initial=offer_initial,
        organizations=access.organizations_for(request.user),
        prefix="offer",
    )
    known = _known_venues(request, offer)
    venue_forms = VenueFormSet(
        data, initial=venue_initial, prefix="venue", form_kwargs={"known_venues": known}
    )
    times = ScheduleFormSet(
        data,
        initial=time_initial if time_initial is not None else _schedule_initial(offer),
        prefix="time",
    )
    context = {
        "form": form,
        "venues": venue_forms,
        "times": times,
        "offer": offer,
        "edits_wait": waits,
        "open_change": pending,
        "picker": venues.picker_data(known),
    }
    duplicates: list[Offer] = []
    if data is not None and all([form.is_valid(), venue_forms.is_valid(), times.is_valid()]):
        kept_venues = [v for v in venue_forms.cleaned_data if v and not v.get("DELETE")]
        kept_times = [t for t in times.cleaned_data if t and not t.get("DELETE")]
        cleaned = form.cleaned_data
        if not (kept_venues or cleaned["outreach_districts"] or cleaned["online"]):
            form.add_error(
                None,
                _(
                    "Bitte geben Sie mindestens einen Ort an, ein Gebiet, in dem das Angebot "
                    "Familien zu Hause besucht, oder „auch online oder per Telefon“."
                ),
            )
        else:
            duplicates = possible_duplicates(
                organization=cleaned["organization"],
                name=cleaned["name"],
                addresses=[(v["address_1"], v["postal_code"]) for v in kept_venues],
                exclude=offer,
            )
            if not duplicates or cleaned["confirm_not_duplicate"]:
                content = actions.OfferContent(
                    fields={name: cleaned[name] for name in OfferForm.Meta.fields},
                    languages=cleaned["languages"],
                    cost_amount=cleaned["cost_amount"],
                    outreach_districts=cleaned["outreach_districts"],
                    online=cleaned["online"],
                    online_url=cleaned["online_url"],
                    venues=kept_venues,
                    schedules=kept_times,
                    easy_read_fits=cleaned["easy_read_fits"],
                )
                try:
                    if waits:
                        return _proposed(request, offer, content, cleaned["version"] or None)
                    saved = actions.save_offer(
                        offer=offer,
                        content=content,
                        by=request.user,
                        expected_version=cleaned["version"] or None if offer else None,
                    )
                except actions.ConcurrentEdit as clash:
                    # Show what changed; the form keeps the editor's input, and saving it
                    # again (now knowingly) overwrites.
                    form.data = form.data.copy()
                    form.data["offer-version"] = clash.version
                    form.add_error(None, concurrent_edit_message(clash))
                    return render(request, "offers/upkeep/offer_form.html", context, status=409)
                if approval.resubmit_after_save(saved, request.user):
                    messages.success(
                        request,
                        _(
                            "Gespeichert und erneut zur Freigabe gegeben. Die "
                            "Netzwerkkoordination sieht Ihre Überarbeitung."
                        ),
                    )
                elif saved.approval != Offer.Approval.APPROVED:
                    if offer is None:
                        approval.announce_new_offer(saved)
                    messages.success(
                        request,
                        _(
                            "Gespeichert. Das Angebot erscheint in der Suche, sobald die "
                            "Netzwerkkoordination es freigegeben hat."
                        ),
                    )
                else:
                    messages.success(
                        request, _("Gespeichert. Die Änderungen sind sofort sichtbar.")
                    )
                return redirect("upkeep:offer", offer_id=saved.pk)
    return render(request, "offers/upkeep/offer_form.html", {**context, "duplicates": duplicates})


def _proposed(
    request: HttpRequest, offer: Offer, content: actions.OfferContent, version: str | None
) -> HttpResponse:
    """A provider saved her live offer: say what went live and what waits."""
    result = change_review.propose_change(
        offer=offer, content=content, by=request.user, expected_version=version
    )
    if result.corrected:
        messages.success(request, _("Telefon, E-Mail und Website sind sofort geändert."))
    if result.change is not None:
        messages.success(
            request,
            _(
                "Ihre Änderungen sind bei der Netzwerkkoordination zur Freigabe. Bis dahin "
                "sehen Eltern die bisherige Fassung."
            ),
        )
        return redirect("upkeep:offer_change", offer_id=offer.pk)
    if result.withdrawn:
        messages.info(
            request,
            _(
                "Ihre Angaben entsprechen wieder der freigegebenen Fassung; die offene "
                "Änderung ist zurückgezogen."
            ),
        )
    elif not result.corrected:
        messages.info(request, _("Es hat sich nichts geändert."))
    return redirect("upkeep:offer", offer_id=offer.pk)


@professional_required
def offer_create(request: HttpRequest) -> HttpResponse:
    require(access.can_look_after_offers(request.user))
    return _offer_form_page(request, None)


@professional_required
def offer_edit(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    return _offer_form_page(request, offer)


@require_POST
@professional_required
def offer_approve(request: HttpRequest, offer_id: str) -> HttpResponse:
    """A step of a new offer's approval: approve, return with a note, submit again."""
    offer = access.get_offer_for_user(request.user, offer_id)
    row = take_step(
        request,
        approval.APPROVAL,
        offer,
        request.POST.get("step", ""),
        **approval.details_from(request.POST),
    )
    if row is not None and row.to_status == Offer.Approval.APPROVED:
        messages.success(request, _("Freigegeben. Eltern finden das Angebot jetzt in der Suche."))
    return redirect("upkeep:offer", offer_id=offer.pk)


@professional_required
def offer_change(request: HttpRequest, offer_id: str) -> HttpResponse:
    """A proposed change: the coordinator compares field by field and decides, the
    provider reads the note and revises or withdraws."""
    offer = access.get_offer_for_user(request.user, offer_id)
    change = change_review.open_change(offer) or offer.changes.first()
    if change is None:
        raise Http404
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "submit":  # the provider submits by saving the form
            raise Http404
        row = take_step(
            request,
            change_review.CHANGE_REVIEW,
            change,
            step,
            **change_review.details_from(request.POST),
        )
        if row is not None and row.to_status == OfferChange.Status.APPROVED:
            return redirect("upkeep:offer", offer_id=offer.pk)
        return redirect("upkeep:offer_change", offer_id=offer.pk)
    steps = [
        step
        for step in change_review.allowed_transitions(request.user, change)
        if step.name != "submit"
    ]
    return render(
        request,
        "offers/upkeep/offer_change.html",
        {
            "offer": offer,
            "change": change,
            "differences": change_review.review(change) if change.is_open() else [],
            "proposal": [
                (changes.label(name), text)
                for name, text in changes.readable(change.proposal).items()
            ],
            "history": change_review.steps_of(change),
            "steps": steps,
            "can_revise": change.is_open() and access.can_propose_change(request.user, change),
            "reviews": access.can_review_change(request.user, change),
        },
    )


@require_POST
@professional_required
def offer_confirm(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    actions.confirm_still_correct(offer=offer, by=request.user)
    messages.success(request, _("Danke! Das Angebot gilt ab heute als geprüft."))
    back = request.POST.get("zurueck")
    if back == "liste":
        return redirect(reverse("upkeep:offers") + "?ansicht=pruefen")
    return redirect("upkeep:offer", offer_id=offer.pk)


@professional_required
def offer_translation(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = access.get_offer_for_user(request.user, offer_id)
    language = request.GET.get("sprache", "")
    existing = offer.translations.filter(language=language).first()
    initial = {"language": language}
    if existing:
        initial.update(name=existing.name, description=existing.description)
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_translation(offer=offer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Die Übersetzung ist gespeichert."))
        return redirect("upkeep:offer", offer_id=offer.pk)
    return render(request, "offers/upkeep/offer_translation.html", {"offer": offer, "form": form})


# --- Bulk import and export -------------------------------------------------------------------


def _allowed_districts(user) -> set[str] | None:
    if user.has_role(Role.STATE_COORDINATOR):
        return None
    return set(user.districts(role=Role.NETWORK_COORDINATOR).values_list("ags", flat=True))


@professional_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check. Nothing is stored in the directory yet."""
    require(access.can_import(request.user))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        records = form.cleaned_data["records"]
        errors = check_records(records, districts=_allowed_districts(request.user))
        if not errors:
            pending = PendingImport.objects.create(
                uploaded_by=request.user,
                file_name=form.cleaned_data["file"].name[:200],
                records=records,
            )
            return redirect("upkeep:import_preview", import_id=pending.pk)
    return render(request, "offers/upkeep/import_upload.html", {"form": form, "errors": errors})


@professional_required
def import_preview(request: HttpRequest, import_id: str) -> HttpResponse:
    """Step 2: what the file would change; confirming imports all records or none."""
    require(access.can_import(request.user))
    pending = get_object_or_404(
        PendingImport.objects.filter(uploaded_by=request.user), pk=uuid_or_404(import_id)
    )
    records = pending.records
    ids = [record.get("id") for record in records]
    existing = set(Offer.objects.filter(pk__in=ids).values_list("pk", flat=True))
    errors: list[str] = []
    if request.method == "POST":
        if "abbrechen" in request.POST:
            pending.delete()
            messages.info(request, _("Der Import ist abgebrochen; nichts wurde geändert."))
            return redirect("upkeep:offers")
        try:
            offers = import_services(
                records, by=request.user, districts=_allowed_districts(request.user)
            )
        except ImportRefused as refusal:
            errors = refusal.errors
        else:
            pending.delete()
            messages.success(request, _("%(count)s Angebote importiert.") % {"count": len(offers)})
            return redirect("upkeep:offers")
    rows = [
        (
            index,
            record.get("name"),
            (record.get("organization") or {}).get("name"),
            parse_uuid(record.get("id")) in existing,
        )
        for index, record in enumerate(records)
    ]
    return render(
        request,
        "offers/upkeep/import_preview.html",
        {
            "pending": pending,
            "rows": rows[:200],
            "more": max(0, len(rows) - 200),
            "new_count": sum(1 for row in rows if not row[3]),
            "update_count": sum(1 for row in rows if row[3]),
            "errors": errors,
        },
    )


@professional_required
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The offers in the person's scope as HSDS JSON, CSV or Excel."""
    require(access.can_look_after_offers(request.user))
    if file_format not in tabular.FORMATS:
        raise Http404
    _view, _text, offers = _filtered(request)
    return tabular.response(offers, file_format)
