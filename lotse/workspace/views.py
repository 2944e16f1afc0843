"""The workspace's start and a district's home page: a summary of everything the district
does — its statistics, social areas, coordinators, offers, network, concepts and the FB III
steps waiting for someone."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lotse.accountability.queries import to_do_counts as accountability_to_do
from lotse.accounts.access import (
    get_district_for_user,
    open_to_grant_office,
    professional_required,
)
from lotse.accounts.models import Membership, Role
from lotse.documents.models import Document
from lotse.funding import fb22
from lotse.funding.queries import fb3_proposals_waiting_for
from lotse.grants.access import can_see_district_grants
from lotse.grants.queries import to_dos as grant_to_dos
from lotse.networks.access import can_manage_social_areas, networks_for_partner_staff
from lotse.networks.evidence import sector_coverage
from lotse.networks.models import Network
from lotse.offers.access import can_look_after_offers
from lotse.offers.reminders import district_offer_figures
from lotse.regions.models import District, SocialArea
from lotse.regions.queries import latest_statistics


@professional_required
@open_to_grant_office
def start(request: HttpRequest) -> HttpResponse:
    """Straight into the one district of a coordinator; a choice for everyone else."""
    districts = list(District.objects.visible_to(request.user))
    if len(districts) == 1:
        return redirect(districts[0])
    return render(
        request,
        "workspace/start.html",
        {
            "districts": districts,
            "state_wide": request.user.is_state_wide(),
            "sees_only_grants": request.user.sees_only_grants(),
            "grant_to_do": grant_to_dos(request.user),
            "fb22_to_do": fb22.measures_waiting_for(request.user),
            "measure_documents_to_do": accountability_to_do(request.user),
            "looks_after_offers": can_look_after_offers(request.user),
            "records_parent_topics": networks_for_partner_staff(request.user).exists(),
        },
    )


@professional_required
def district_home(request: HttpRequest, ags: str) -> HttpResponse:
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
    main_network = Network.objects.filter(district=district, parent=None).first()
    return render(
        request,
        "workspace/district.html",
        {
            "district": district,
            "statistics": latest_statistics([district]).get(district.pk, {}),
            "areas": areas,
            "coordinators": coordinators,
            "municipality_count": district.municipalities.count(),
            "can_manage_social_areas": can_manage_social_areas(request.user, district),
            "offers": district_offer_figures(district),
            "network": main_network,
            "network_partner_count": main_network.partners.active().count() if main_network else 0,
            "network_coverage": sector_coverage([main_network]) if main_network else None,
            "can_look_after_offers": can_look_after_offers(request.user),
            "documents": Document.objects.filter(district=district).order_by("kind", "-year")[:3],
            "fb3_to_do": fb3_proposals_waiting_for(request.user).filter(measure__district=district),
            "sees_grants": can_see_district_grants(request.user, district),
            "grant_to_do": grant_to_dos(request.user, district=district),
            "fb22_to_do": fb22.measures_waiting_for(request.user).filter(district=district),
            "measure_documents_to_do": accountability_to_do(request.user, district=district),
        },
    )
