"""Ids from URLs: a malformed one is simply "not found", never a server error."""

from __future__ import annotations

import uuid

from django.http import Http404


def parse_uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def uuid_or_404(value: object) -> uuid.UUID:
    key = parse_uuid(value)
    if key is None:
        raise Http404
    return key
