"""The workspace's start and a district's home page: a summary of everything the district
does — its statistics, social areas, coordinators, offers, network, concepts and the FB III
steps waiting for someone."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lotse.accountability.queries import to_do_counts as accountability_to_do
from lotse.accounts.access import (
    get_district_for_user,
    open_to_grant_office,
    professional_required,
)
from lotse.accounts.models import Role
from lotse.documents.models import Document
from lotse.funding import fb22
from lotse.funding.queries import fb3_proposals_waiting_for
from lotse.grants.access import can_see_district_grants
from lotse.grants.queries import to_dos as grant_to_dos
from lotse.networks import key_figures
from lotse.networks.access import can_manage_social_areas, networks_for_partner_staff
from lotse.networks.models import Network
from lotse.networks.sectors import sector_total
from lotse.offers.access import can_look_after_offers
from lotse.offers.reminders import district_offer_figures, own_offers
from lotse.regions.models import District, SocialArea
from lotse.regions.queries import latest_statistics
from lotse.statewide.access import can_read_statewide_events


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
            # A provider lands on her offers and what is to do about them.
            "own_offers": own_offers(request.user)
            if request.user.has_role(Role.PROVIDER_EDITOR)
            else None,
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
    main_network = Network.objects.filter(district=district, parent=None).first()
    year = timezone.localdate().year
    return render(
        request,
        "workspace/district.html",
        {
            "district": district,
            "statistics": latest_statistics([district]).get(district.pk, {}),
            "areas": areas,
            "coordinators": key_figures.coordinator_names(district),
            "municipality_count": district.municipalities.count(),
            "can_manage_social_areas": can_manage_social_areas(request.user, district),
            "offers": district_offer_figures(district),
            "network": main_network,
            "network_partner_count": key_figures.partner_count(district, year),
            "network_partner_label": key_figures.partner_label(year),
            "network_sector_count": key_figures.sector_count(district, year),
            "network_sector_total": sector_total(),
            "offer_count": key_figures.offer_count(district, year),
            "offer_label": key_figures.offer_label(year),
            "can_look_after_offers": can_look_after_offers(request.user),
            "documents": Document.objects.filter(district=district).order_by("kind", "-year")[:3],
            "fb3_to_do": fb3_proposals_waiting_for(request.user).filter(measure__district=district),
            "sees_grants": can_see_district_grants(request.user, district),
            "grant_to_do": grant_to_dos(request.user, district=district),
            "fb22_to_do": fb22.measures_waiting_for(request.user).filter(district=district),
            "measure_documents_to_do": accountability_to_do(request.user, district=district),
            "sees_statewide_events": can_read_statewide_events(request.user),
        },
    )
