"""The district workspace (/arbeitsbereich/<ags>/): what a coordinator sees first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lotse.accounts.access import professional_required
from lotse.accounts.models import Membership, Role
from lotse.offers.access import can_look_after_offers
from lotse.offers.reminders import district_offer_figures
from lotse.regions.access import can_manage_social_areas, get_district_for_user
from lotse.regions.models import District, SocialArea
from lotse.regions.queries import latest_statistics


@professional_required
def workspace_start(request: HttpRequest) -> HttpResponse:
    """Straight into the one district of a coordinator; a choice for everyone else."""
    districts = list(District.objects.visible_to(request.user))
    if len(districts) == 1:
        return redirect(districts[0])
    return render(request, "networks/workspace_start.html", {"districts": districts})


@professional_required
def workspace(request: HttpRequest, ags: str) -> HttpResponse:
    district = get_district_for_user(request.user, ags)
    areas = (
        SocialArea.objects.visible_to(request.user)
        .filter(district=district)
        .select_related("district")
        .prefetch_related("municipalities")
    )
    coordinators = Membership.objects.filter(
        role=Role.NETWORK_COORDINATOR, district=district
    ).select_related("user")
    return render(
        request,
        "networks/workspace.html",
        {
            "district": district,
            "statistics": latest_statistics([district]).get(district.pk, {}),
            "areas": areas,
            "coordinators": coordinators,
            "municipality_count": district.municipalities.count(),
            "can_manage_social_areas": can_manage_social_areas(request.user, district),
            "offers": district_offer_figures(district),
            "can_look_after_offers": can_look_after_offers(request.user),
        },
    )
