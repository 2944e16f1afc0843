"""A network's quality standards (FB-I-M2, FB-I-E5): the list (current ones and, apart,
the retired), and one standard with its reviews, to edit, review or retire."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.access import get_district_for_user, professional_required, require
from lotse.networks import standard_actions
from lotse.networks.access import can_keep_standards, get_network_for_user
from lotse.networks.forms import QualityStandardForm
from lotse.networks.models import QualityStandard
from lotse.networks.standard_forms import RetireStandardForm, StandardReviewForm


@professional_required
def standard_list(request: HttpRequest, ags: str, network_id: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    network = get_network_for_user(request.user, district, network_id)
    can_keep = can_keep_standards(request.user, network)
    form = QualityStandardForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(can_keep)
        if form.is_valid():
            standard_actions.save_standard(
                standard=QualityStandard(network=network), fields=form.cleaned_data, by=request.user
            )
            messages.success(request, _("Der Qualitätsstandard ist gespeichert."))
            return redirect(request.path)
    standards = list(network.standards.all())
    return render(
        request,
        "networks/standard_list.html",
        {
            "district": district,
            "network": network,
            "standards": [s for s in standards if s.is_current],
            "retired": [s for s in standards if not s.is_current],
            "form": form,
            "can_edit": can_keep,
            "today": timezone.localdate(),
        },
    )


@professional_required
def standard(request: HttpRequest, ags: str, network_id: int, standard_id: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    network = get_network_for_user(request.user, district, network_id)
    standard = get_object_or_404(network.standards, pk=standard_id)
    can_keep = can_keep_standards(request.user, network) and standard.is_current
    step = request.POST.get("schritt") if request.method == "POST" else None
    edit_form = QualityStandardForm(
        request.POST if step == "bearbeiten" else None,
        request.FILES if step == "bearbeiten" else None,
        # Its own copy: an invalid form must not change the standard the page shows.
        instance=QualityStandard.objects.get(pk=standard.pk),
        prefix="standard",
    )
    review_form = StandardReviewForm(
        request.POST if step == "ueberpruefen" else None, prefix="pruefung"
    )
    retire_form = RetireStandardForm(
        request.POST if step == "ausser_kraft" else None,
        initial={"retired_on": timezone.localdate()},
        prefix="ausser_kraft",
    )
    if request.method == "POST":
        require(can_keep_standards(request.user, network))
        try:
            if step == "bearbeiten" and edit_form.is_valid():
                standard_actions.save_standard(
                    standard=standard, fields=edit_form.cleaned_data, by=request.user
                )
                messages.success(request, _("Der Qualitätsstandard ist gespeichert."))
                return redirect(request.path)
            if step == "ueberpruefen" and review_form.is_valid():
                standard_actions.record_review(
                    standard=standard, by=request.user, **review_form.cleaned_data
                )
                messages.success(request, _("Die Überprüfung ist eingetragen."))
                return redirect(request.path)
            if step == "ausser_kraft" and retire_form.is_valid():
                standard_actions.retire_standard(
                    standard=standard,
                    retired_on=retire_form.cleaned_data["retired_on"],
                    by=request.user,
                )
                messages.success(request, _("Der Qualitätsstandard ist außer Kraft gesetzt."))
                return redirect(request.path)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            standard.refresh_from_db()
    return render(
        request,
        "networks/standard.html",
        {
            "district": district,
            "network": network,
            "standard": standard,
            "reviews": standard.reviews.select_related("recorded_by"),
            "edit_form": edit_form,
            "review_form": review_form,
            "retire_form": retire_form,
            "can_keep": can_keep,
            "today": timezone.localdate(),
        },
    )
