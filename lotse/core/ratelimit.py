"""Rate limits for what anyone can call without signing in: the open APIs, the password
reset and the public survey answers (sign-in has lotse/accounts/throttling.py).

Counters live in Django's cache, per fixed window and client address. With the default
local-memory cache each app worker counts on its own, so the effective limit is the
setting times the number of workers; a shared cache (e.g. Redis) makes it exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

API_PREFIXES = ("/api/v1/", "/api/hsds/")


def client_address(request: HttpRequest) -> str:
    """The caller's address; behind LOTSE_PROXY_COUNT proxies, from X-Forwarded-For.

    Each proxy appends the address it was called from, so the N-th entry from the right is
    the one the outermost of N proxies saw. Entries further left come from the client and
    may be forged; they are never read.
    """
    proxies = settings.LOTSE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def over_limit(scope: str, request: HttpRequest, limit: int, window_seconds: int) -> bool:
    """Count this request; True once the address made more than `limit` in the window."""
    if not limit:
        return False
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 1)
        return False


class PublicApiRateLimit:
    """LOTSE_API_RATE_PER_MINUTE requests per address and minute on the open APIs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIXES) and over_limit(
            "api", request, settings.LOTSE_API_RATE_PER_MINUTE, 60
        ):
            response = JsonResponse(
                {"detail": "Zu viele Anfragen. Bitte warten Sie eine Minute."}, status=429
            )
            response["Retry-After"] = "60"
            return response
        return self.get_response(request)


def limit_posts(scope: str, setting: str, window_seconds: int = 3600) -> Callable:
    """Limit a view's POSTs per address (the setting gives the number per window)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and over_limit(
                scope, request, getattr(settings, setting), window_seconds
            ):
                response = render(request, "errors/429.html", status=429)
                response["Retry-After"] = str(window_seconds)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
