"""The documented error answers of the open APIs (/api/v1/ and /api/hsds/).

The answers themselves come from the exception handlers in install_error_handlers below and from
lotse.core.ratelimit; this module only describes them for the OpenAPI documents.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

# Any call of the open APIs may be answered 429 (lotse.core.ratelimit.PublicApiRateLimit).
RATE_LIMITED = 429

DESCRIPTIONS = {
    400: "Ungültige Anfrage (die Meldung sagt, was nicht stimmt).",
    404: "Nicht gefunden.",
    RATE_LIMITED: "Zu viele Anfragen; bitte später erneut versuchen.",
}


class ErrorOut(Schema):
    """An error: a German `detail`; for invalid parameters also one message per parameter."""

    detail: str = Field(description="Was nicht stimmt, auf Deutsch.")
    errors: list[str] | None = Field(
        None, description="Bei ungültigen Parametern: je Parameter eine Meldung."
    )


def errors(*status_codes: int) -> dict[int, type[ErrorOut]]:
    """An operation's error answers besides its 200, for ninja's `response=`."""
    return {code: ErrorOut for code in (*status_codes, RATE_LIMITED)}


def error_responses(*status_codes: int) -> dict[int, dict]:
    """The same as OpenAPI response objects, for operations documented by `openapi_extra`."""
    schema = ErrorOut.model_json_schema()
    return {
        code: {
            "description": DESCRIPTIONS[code],
            "content": {"application/json": {"schema": schema}},
        }
        for code in (*status_codes, RATE_LIMITED)
    }


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
