"""Project-wide pages: home, legal pages, health check, error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from lotse.concept.models import StateConcept
from lotse.core.ratelimit import API_PREFIXES
from lotse.offers import contacts
from lotse.offers.forms import FinderForm


def home(request: HttpRequest) -> HttpResponse:
    """For parents first: the search (place and child's age) and where to find a person.
    The districts' figures are on the staff side (each district's workspace page)."""
    return render(
        request,
        "home.html",
        {
            "form": FinderForm(),
            "contact_points": contacts.contact_points(),
            "state_concept": StateConcept.objects.public().current(),
        },
    )


def imprint(request: HttpRequest) -> HttpResponse:
    """Impressum and data sources with their licences and attributions."""
    return render(request, "imprint.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the app answers and the database too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": str(error.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def _api_error(request: HttpRequest, status: int, detail: str) -> JsonResponse | None:
    """Under the open APIs an error is JSON with a German `detail`, like the APIs' own
    (their OpenAPI documents say so), also for an address no route matches."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"detail": detail}, status=status)
    return None


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    api_error = _api_error(request, 400, "Ungültige Anfrage.")
    if api_error:
        return api_error
    # A refused Host header is answered before LocaleMiddleware ran: without a language of
    # its own the page would speak whatever this worker's previous request left active.
    with translation.override(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)):
        return render(request, "errors/400.html", status=400)


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return _api_error(request, 403, "Keine Berechtigung für diese Aktion.") or render(
        request, "errors/403.html", status=403
    )


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _api_error(request, 404, "Nicht gefunden.") or render(
        request, "errors/404.html", status=404
    )


def server_error(request: HttpRequest) -> HttpResponse:
    api_error = _api_error(
        request, 500, "Technischer Fehler. Bitte versuchen Sie es später noch einmal."
    )
    if api_error:
        return api_error
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
