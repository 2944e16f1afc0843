"""The documented error answers of the open APIs (/api/v1/ and /api/hsds/).

The answers themselves come from the exception handlers in lotse.api and from
lotse.core.ratelimit; this module only describes them for the OpenAPI documents.
"""

from ninja import Schema
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
