"""Open data may be read from any web page: CORS for the HSDS API (GET only, no cookies).
No address with a NUL character reaches a view. Nothing a signed-in person receives is
stored by a browser or proxy, and a session ends after a spell without a request."""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

OPEN_DATA_PREFIXES = ("/api/hsds/",)


class OpenDataCors:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_DATA_PREFIXES):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class NulIsNotFound:
    """No address of Lotse contains a NUL character, and PostgreSQL refuses one in a query
    (a 500 for /api/v1/landeskonzept/editions/%00 or /befragung/%00/): such a path is not
    found (404, JSON under the APIs), before any view looks it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)


def signed_in(request: HttpRequest) -> bool:
    # Without a session cookie nobody is signed in. Asking request.user would read the
    # session and add `Vary: Cookie` to the parents' pages, so ask only with one.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


class NoStoreWhenSignedIn:
    """Every answer to a signed-in person, pages and exports alike, carries
    `Cache-Control: no-store` (ASVS 4.0 V8.2.1): a shared office computer's cache or back
    button must not show staff data to the next person. Parents' pages keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if signed_in(request):
            add_never_cache_headers(response)
        return response


# Session keys: when this session signed in, and when it last made a request (Unix time).
SIGNED_IN_AT = "lotse_signed_in_at"
LAST_SEEN_AT = "lotse_last_seen_at"
# The last request's time is written at most once a minute, not on every request (each
# write is a database write and a new cookie): a person is therefore signed out after
# between LOTSE_SESSION_IDLE_MINUTES minus one and LOTSE_SESSION_IDLE_MINUTES.
LAST_SEEN_STEP_SECONDS = 60


class SessionTimeouts:
    """Signs a person out after LOTSE_SESSION_IDLE_MINUTES without a request, and
    SESSION_COOKIE_AGE (LOTSE_SESSION_HOURS) after signing in however active she is
    (ASVS 4.0 V3.3.2). Django alone would renew the session's end with every write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not signed_in(request):
            return self.get_response(request)
        session = request.session
        now = time.time()
        # A session from before these keys (or just signed in) starts counting now.
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen_at = session.get(LAST_SEEN_AT, now)
        idle_minutes = settings.LOTSE_SESSION_IDLE_MINUTES
        if now - last_seen_at > idle_minutes * 60:
            message = ngettext(
                "Sie wurden nach %(minutes)s Minute ohne Aktivität abgemeldet.",
                "Sie wurden nach %(minutes)s Minuten ohne Aktivität abgemeldet.",
                idle_minutes,
            ) % {"minutes": idle_minutes}
            return sign_out(request, message)
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            hours = settings.SESSION_COOKIE_AGE // 3600
            message = ngettext(
                "Sie wurden %(hours)s Stunde nach der Anmeldung abgemeldet. Bitte melden Sie sich neu an.",
                "Sie wurden %(hours)s Stunden nach der Anmeldung abgemeldet. Bitte melden Sie sich neu an.",
                hours,
            ) % {"hours": hours}
            return sign_out(request, message)
        if LAST_SEEN_AT not in session or now - last_seen_at >= LAST_SEEN_STEP_SECONDS:
            session[LAST_SEEN_AT] = now
        return self.get_response(request)


def sign_out(request: HttpRequest, message: str) -> HttpResponse:
    """End the session (a new, empty one) and send the person to the login with a message."""
    auth.logout(request)
    messages.info(request, message)
    return redirect_to_login(request.get_full_path())
