"""The JSON API under /api/v1/: mounts the apps' routers; errors are JSON with a German `detail`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from lotse.concept.api import router as concept_router
from lotse.core.api_errors import DESCRIPTIONS
from lotse.offers.api import router as offers_router
from lotse.regions.api import router as regions_router


class LotseAPI(NinjaAPI):
    """Each operation lists its error answers (lotse.core.api_errors); the OpenAPI document
    describes them in German, where ninja would give the English status phrase."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    if int(status) in DESCRIPTIONS:
                        answer["description"] = DESCRIPTIONS[int(status)]
        return schema


api = LotseAPI(
    title="Lotse API",
    version="1",
    description="Offene Schnittstelle von Lotse – Frühe Hilfen Mecklenburg-Vorpommern.",
    urls_namespace="api",
    # The interactive docs page would load scripts from a CDN; the spec is at openapi.json.
    docs_url=None,
)
api.add_router("/regions", regions_router)
api.add_router("/landeskonzept", concept_router)
api.add_router("/offers", offers_router)

FIELD_NAMES = {"q": "Suchtext"}


def _describe(error: dict) -> str:
    location = [str(part) for part in error.get("loc", []) if part not in ("query", "body", "path")]
    field = ".".join(location) or "Eingabe"
    field = FIELD_NAMES.get(field, field)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"{field}: Angabe fehlt."
    if kind in ("string_too_short",):
        return f"{field}: zu kurz (mindestens {ctx.get('min_length')} Zeichen)."
    if kind in ("string_too_long",):
        return f"{field}: zu lang (höchstens {ctx.get('max_length')} Zeichen)."
    if kind.startswith("int_") or kind.startswith("float_"):
        return f"{field}: keine gültige Zahl."
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field}: muss mindestens {ctx.get('ge', ctx.get('gt'))} sein."
    if kind in ("less_than_equal", "less_than"):
        return f"{field}: darf höchstens {ctx.get('le', ctx.get('lt'))} sein."
    if kind == "string_pattern_mismatch":
        return f"{field}: ungültiges Format."
    if kind.startswith("bool"):
        return f"{field}: bitte true oder false angeben."
    return f"{field}: ungültiger Wert."


def install_error_handlers(api: NinjaAPI) -> None:
    """JSON errors with a German `detail`; bad input is 400 (not ninja's 422), never a 500."""

    @api.exception_handler(ValidationError)
    def bad_input(request: HttpRequest, exc: ValidationError):
        messages = [_describe(error) for error in exc.errors]
        return api.create_response(
            request,
            {"detail": "Ungültige Anfrage. " + " ".join(messages), "errors": messages},
            status=400,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, {"detail": "Nicht gefunden."}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return api.create_response(
            request, {"detail": "Keine Berechtigung für diese Aktion."}, status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(request, {"detail": "Bitte melden Sie sich an."}, status=401)


install_error_handlers(api)
