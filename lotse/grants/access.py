"""Who may see and move the grant procedure.

- The district's network coordinator (for the youth office, the Erstempfänger) submits the
  application, the interim report and the Verwendungsnachweis of her district.
- The LKS receives or returns them, opens the procedures of a fund year and may enter the
  grant notice.
- The state office's grant staff (Role.GRANT_OFFICE, LAGuS) read every district's
  procedure and upload grant notices; they see nothing else of the districts.
- The ministry reads every procedure. Area coordinators and providers do not see it.
Outside the scope: 404; inside but not allowed: 403.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from lotse.accounts.access import require
from lotse.accounts.models import Role, User
from lotse.funding.models import FundYear
from lotse.grants.models import GrantDocument
from lotse.regions.models import District

ALL_DISTRICTS = (Role.STATE_COORDINATOR, Role.MINISTRY, Role.GRANT_OFFICE)


def can_see_all_grants(user: User) -> bool:
    """The statewide overview: the LKS, the ministry and the state office's grant staff."""
    return user.has_role(*ALL_DISTRICTS)


def coordinates(user: User, district: District) -> bool:
    """The district's network coordinator, who acts for its youth office."""
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=district.pk).exists()


def can_see_district_grants(user: User, district: District) -> bool:
    return can_see_all_grants(user) or coordinates(user, district)


def get_district_for_grants(user: User, ags: str) -> District:
    """The district whose grant procedure the user may read.

    Every district for the statewide roles; her own for a coordinator. A district the
    person otherwise works in without seeing its grants (an area coordinator) is 403,
    any other 404.
    """
    if can_see_all_grants(user):
        return get_object_or_404(District.objects.without_boundaries(), ags=ags)
    district = get_object_or_404(user.districts().defer("boundary"), ags=ags)
    require(coordinates(user, district))
    return district


def get_fund_year(year: int) -> FundYear:
    return get_object_or_404(FundYear, year=year)


def get_grant_document(district: District, fund_year: FundYear, slug: str) -> GrantDocument:
    """A document of the district's procedure in the fund year, by the slug of its kind."""
    kinds = {slug: kind for kind, slug in GrantDocument.SLUGS.items()}
    if slug not in kinds:
        raise Http404
    return get_object_or_404(
        GrantDocument.objects.select_related("procedure__district", "procedure__fund_year").defer(
            "procedure__district__boundary"
        ),
        procedure__district=district,
        procedure__fund_year=fund_year,
        kind=kinds[slug],
    )


def can_open_procedures(user: User) -> bool:
    """Opening a fund year's procedures for all districts is the LKS's."""
    return user.has_role(Role.STATE_COORDINATOR)


def can_submit_grant_document(user: User, document: GrantDocument) -> bool:
    """The district submits its application, interim report and Verwendungsnachweis."""
    if document.kind not in GrantDocument.DISTRICT_KINDS:
        return False
    return coordinates(user, document.procedure.district)


def can_review_grant_document(user: User, document: GrantDocument) -> bool:
    """Confirming receipt of a district's document, or returning it, is the LKS's."""
    if document.kind not in GrantDocument.DISTRICT_KINDS:
        return False
    return user.has_role(Role.STATE_COORDINATOR)


def can_issue_grant_notice(user: User, document: GrantDocument) -> bool:
    """The grant notice is entered by the LKS or the state office's grant staff."""
    if document.kind != GrantDocument.Kind.GRANT_NOTICE:
        return False
    return user.has_role(Role.STATE_COORDINATOR, Role.GRANT_OFFICE)
