"""Pages for the social areas of a district (inside the district workspace)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.accounts.access import (
    get_district_for_user,
    get_social_area_for_user,
    professional_required,
    require,
)
from lotse.accounts.models import Membership, Role
from lotse.networks import social_area_actions as actions
from lotse.networks.access import can_manage_social_areas
from lotse.networks.social_area_forms import SocialAreaForm
from lotse.regions.models import SocialArea


@professional_required
def social_area_list(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    areas = (
        SocialArea.objects.visible_to(request.user)
        .filter(district=district)
        .select_related("district")
        .prefetch_related("municipalities")
    )
    return render(
        request,
        "networks/social_areas/social_area_list.html",
        {
            "district": district,
            "areas": areas,
            "can_manage": can_manage_social_areas(request.user, district),
        },
    )


@professional_required
def social_area_detail(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    area = get_social_area_for_user(request.user, district, pk)
    coordinators = Membership.objects.filter(
        role=Role.AREA_COORDINATOR, social_area=area
    ).select_related("user")
    return render(
        request,
        "networks/social_areas/social_area_detail.html",
        {
            "district": district,
            "area": area,
            "municipalities": area.municipalities.order_by("name"),
            "coordinators": coordinators,
            "can_manage": can_manage_social_areas(request.user, district),
        },
    )


@professional_required
def social_area_create(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    require(can_manage_social_areas(request.user, district))
    form = SocialAreaForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        area = actions.create_social_area(
            district=district,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            municipalities=form.cleaned_data["municipalities"],
            by=request.user,
        )
        if form.cleaned_data["coordinator_email"]:
            actions.assign_area_coordinator(
                area=area, email=form.cleaned_data["coordinator_email"], by=request.user
            )
        messages.success(request, _("Der Sozialraum ist angelegt."))
        return redirect(area)
    return render(
        request, "networks/social_areas/social_area_form.html", {"district": district, "form": form}
    )


@professional_required
def social_area_edit(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    area = get_social_area_for_user(request.user, district, pk)
    require(can_manage_social_areas(request.user, district))
    form = SocialAreaForm(request.POST or None, instance=area, district=district)
    if request.method == "POST" and form.is_valid():
        actions.update_social_area(
            area=area,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            municipalities=form.cleaned_data["municipalities"],
            by=request.user,
        )
        if form.cleaned_data["coordinator_email"]:
            actions.assign_area_coordinator(
                area=area, email=form.cleaned_data["coordinator_email"], by=request.user
            )
        messages.success(request, _("Der Sozialraum ist gespeichert."))
        return redirect(area)
    return render(
        request,
        "networks/social_areas/social_area_form.html",
        {"district": district, "form": form, "area": area},
    )
