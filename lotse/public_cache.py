"""Anonymous reads of the public directory, answered from a cache.

The finder, the offer pages and both open APIs look the same to every anonymous visitor
(no cookies, nothing personal), so answers to requests without cookies are kept for
LOTSE_PUBLIC_CACHE_SECONDS per language and address (scheme, host, path and query). The key
includes the token of the search table this process answers from, which every write to an
offer renews (offers/search_index.py): an edit is visible as soon as the process holds the
new table (offers/search_freshness.py: milliseconds for a patch, about 1 s for a whole read at
100,000 offers); only what changes with the clock (the next course dates) may lag by those
seconds. An offer's own pages (the page, its calendar) are keyed by the token in which the
process last read that offer (SearchTable.offer_page_version), so they stay cached while
other offers are edited; search results by the copy's results version, which an edit that
no search shows (a confirmation, a translation) leaves as it is. A district's contact point
and the helplines are on these pages too: changing one takes a new version for the result
lists, the home page and the offer pages that show it (offers/contacts.py).

A search that found nothing nearby is counted on every answer, cached or not: the view
leaves what it counted on `request.unmet_search`, the cache keeps it and counts it again
on each hit (offers/demand.py).
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from lotse.offers import demand
from lotse.offers.search_freshness import served_copy

LANGUAGE_PREFIX = "|".join(code for code, _name in settings.LANGUAGES)
PUBLIC_READS = re.compile(
    rf"^/(?:(?:{LANGUAGE_PREFIX})/)?(?:angebote/|$)|^/api/v1/offers|^/api/hsds/"
)
OFFER_PAGES = re.compile(
    rf"^/(?:(?:{LANGUAGE_PREFIX})/)?angebote/(?P<finder>[^/]+)/|^/api/v1/offers/(?P<api>[^/]+)$"
)
RESULT_PAGES = re.compile(rf"^/(?:(?:{LANGUAGE_PREFIX})/)?angebote/$|^/api/v1/offers$")


@dataclass(frozen=True)
class CachedAnswer:
    content: bytes
    status: int
    headers: tuple[tuple[str, str], ...]
    unmet_search: demand.UnmetKey | None

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def cache_key(request: HttpRequest) -> str | None:
    """None when this request must not be answered from the cache."""
    if (
        not settings.LOTSE_PUBLIC_CACHE_SECONDS
        or request.method != "GET"
        or not PUBLIC_READS.match(request.path)
        # Parents carry no cookies. Any cookie (a session, pending messages) may make the
        # page personal: signed in, a CSRF token, a message meant for this visitor only.
        or request.COOKIES
    ):
        return None
    token = version_of(request.path)
    if token is None:
        return None
    # Scheme and host too: no answer built for one Host header (get_host() has checked it
    # against ALLOWED_HOSTS, which ignores the port) is ever served to another.
    address = sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public:{token}:{get_language()}:{address}"


def version_of(path: str) -> uuid.UUID | None:
    """What a page is cached under besides its address: an offer's own pages by that
    offer's version, search results by the results version (both unchanged by edits of
    other offers, resp. by edits no search shows), all else by the search table's token."""
    table = served_copy()
    if table is None:
        return None
    offer_page = OFFER_PAGES.match(path)
    if offer_page:
        return table.offer_page_version(offer_page["finder"] or offer_page["api"])
    if RESULT_PAGES.match(path):
        return table.results_version
    return table.token


def lifetime() -> int:
    """Seconds to keep a page: between half of LOTSE_PUBLIC_CACHE_SECONDS and all of it, at
    random. Pages cached together (after a start or a deployment, when every search is
    new) would otherwise expire together and all be computed again in the same moment:
    in the load test (bench/load.py) p95 fell from 180 to 94 ms with this spread."""
    seconds = settings.LOTSE_PUBLIC_CACHE_SECONDS
    return random.randint((seconds + 1) // 2, seconds)


def cacheable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


class PublicPageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        cache = caches["public_pages"]
        answer = cache.get(key)
        request.public_cache = "miss" if answer is None else "hit"  # for the request log
        if answer is not None:
            if answer.unmet_search is not None:
                demand.count(answer.unmet_search)
            return answer.response()
        response = self.get_response(request)
        if cacheable(response):
            answer = CachedAnswer(
                content=response.content,
                status=response.status_code,
                headers=tuple(response.items()),
                unmet_search=getattr(request, "unmet_search", None),
            )
            cache.set(key, answer, lifetime())
        return response
