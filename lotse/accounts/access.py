"""Gatekeepers for people: who is signed in well enough to enter the staff pages.

Object scope (which district, social area, organisation) is decided by each app's own
`access.py`; this module only answers "is this a verified professional?".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from lotse.accounts.models import Role, User
from lotse.regions.models import District, SocialArea


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `signed_in_required` or `professional_required`: its user
    is signed in. Only an annotation; Django builds the requests."""

    user: User


def needs_second_factor(user: User) -> bool:
    """A professional who has not yet proved the second factor in this session."""
    if not settings.LOTSE_REQUIRE_2FA or not user.is_authenticated:
        return False
    if not (user.is_professional() or user.is_staff):
        return False
    # django-otp's OTPMiddleware puts is_verified() on the request's user object.
    return not user.is_verified()  # type: ignore[attr-defined]


def professional_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, with a staff role, and (where required) the second factor proved."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if needs_second_factor(user):
            return redirect("accounts:two_factor")
        if not user.is_professional():
            raise PermissionDenied
        # The state office's grant staff see the grant procedure and nothing of the networks.
        if user.sees_only_grants() and not getattr(view, "open_to_grant_office", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def open_to_grant_office(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Lets the state office's grant staff (Role.GRANT_OFFICE) into a staff view; every other
    staff view answers them 403. Put it beneath `professional_required`."""
    view.open_to_grant_office = True  # type: ignore[attr-defined]
    return view


def signed_in_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (any account), with the second factor where required: the own account pages."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if needs_second_factor(request.user):
            return redirect("accounts:two_factor")
        return view(request, *args, **kwargs)

    return wrapper


def can_read_audit_log(user: User) -> bool:
    """The audit log is the LKS's instrument: visible to the LKS only."""
    return user.has_role(Role.STATE_COORDINATOR)


def require(allowed: bool) -> None:
    """Inside the scope, but not allowed to do this: 403."""
    if not allowed:
        raise PermissionDenied


def get_district_for_user(user: User, ags: str) -> District:
    """The district whose workspace the user may enter (404 outside the scope)."""
    return get_object_or_404(District.objects.visible_to(user), ags=ags)


def get_social_area_for_user(user: User, district: District, pk: int) -> SocialArea:
    return get_object_or_404(
        SocialArea.objects.visible_to(user).select_related("district"), district=district, pk=pk
    )
