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
from django.shortcuts import redirect

from lotse.accounts.models import Role, User


def needs_second_factor(user: User) -> bool:
    """A professional who has not yet proved the second factor in this session."""
    if not settings.LOTSE_REQUIRE_2FA or not user.is_authenticated:
        return False
    if not (user.is_professional() or user.is_staff):
        return False
    return not user.is_verified()


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
        return view(request, *args, **kwargs)

    return wrapper


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
    """The audit log is the LKS's instrument (issue: 'visible to the LKS')."""
    return user.has_role(Role.STATE_COORDINATOR)


def require(allowed: bool) -> None:
    """Inside the scope, but not allowed to do this: 403."""
    if not allowed:
        raise PermissionDenied
