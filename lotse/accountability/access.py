"""Who may see and move a measure's Projektsteckbrief and Sachberichte.

The provider's editors (and the district's network coordinator) write a measure's
documents and submit them; the provider's editors see only their own measures' documents,
nothing else of the district. The district's network coordinator checks, returns or
forwards; the LKS accepts or returns; the ministry and the district's area coordinators
read. Outside the scope: 404; inside but not allowed: 403. The workflow engine checks the
state; the predicates here say only whose step it is.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from lotse.accountability.models import MeasureDocument
from lotse.accounts.models import Role, User
from lotse.funding.models import Measure


def measures_visible_to(user: User) -> QuerySet[Measure]:
    """Measures whose documents the person may read."""
    if user.is_state_wide():
        return Measure.objects.all()
    return Measure.objects.filter(
        Q(district__in=user.districts()) | Q(provider__in=user.organizations())
    )


def get_measure_for_user(user: User, ags: str, pk: int) -> Measure:
    """The measure, if the person may read its documents (404 otherwise, as if unknown)."""
    return get_object_or_404(
        measures_visible_to(user).select_related("district", "funding_area", "provider"),
        district__ags=ags,
        pk=pk,
    )


def is_writer(user: User, measure: Measure) -> bool:
    """The provider's editors, and the district's network coordinator, write the documents."""
    if measure.provider_id and measure.provider_id in {o.pk for o in user.organizations()}:
        return True
    return is_district_checker(user, measure)


def is_district_checker(user: User, measure: Measure) -> bool:
    return user.districts(role=Role.NETWORK_COORDINATOR).filter(pk=measure.district_id).exists()


def can_edit_document(user: User, document: MeasureDocument) -> bool:
    """Texts change only while the writer holds the pen (draft or returned)."""
    if not document.is_editable():
        return False
    return is_writer(user, document.measure)


def can_write_new(user: User, measure: Measure) -> bool:
    """Start a document that does not exist yet (the first save creates it)."""
    return is_writer(user, measure)


def can_edit_check(user: User, document: MeasureDocument) -> bool:
    if not document.is_checkable():
        return False
    return is_district_checker(user, document.measure)


# --- The workflow's predicates (workflow.py): whose step it is -----------------------------


def can_submit(user: User, document: MeasureDocument) -> bool:
    return is_writer(user, document.measure)


def can_take_district_steps(user: User, document: MeasureDocument) -> bool:
    """Check, return to the provider, forward to the LKS."""
    return is_district_checker(user, document.measure)


def can_take_state_steps(user: User, document: MeasureDocument) -> bool:
    """Accept, or return to the district."""
    return user.has_role(Role.STATE_COORDINATOR)


def can_start_profile_revision(user: User, latest: MeasureDocument | None) -> bool:
    """A new Projektsteckbrief revision is started after the last one was accepted."""
    if latest is None or latest.status != MeasureDocument.Status.ACCEPTED:
        return False
    return is_writer(user, latest.measure)
