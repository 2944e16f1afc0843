"""Absolute links to Lotse: always on the public address LOTSE_BASE_URL.

Never built from a request's Host header, which whoever sends the request chooses: a link
in an e-mail, a feed, the open API or a page to be shared must point to this site.
"""

from django.conf import settings


def public_url(path: str) -> str:
    """The absolute address of a path of this site (`path` starts with one slash)."""
    return settings.LOTSE_BASE_URL.rstrip("/") + "/" + path.lstrip("/")
