"""What every page's layout needs: the language switch and the person's workspace links."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from lotse.offers.access import can_look_after_offers


def navigation(request: HttpRequest) -> dict:
    current = get_language()
    languages = [
        {
            "code": code,
            "name": name,
            "url": language_url(request, code),
            "active": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    # An error page for a refused Host header (400) is rendered before the authentication
    # middleware ran: such a request has no user yet.
    user = getattr(request, "user", None)
    return {
        "language_links": languages,
        "can_look_after_offers": (
            user is not None and user.is_authenticated and can_look_after_offers(user)
        ),
    }


def language_url(request: HttpRequest, code: str) -> str:
    """This page in the language `code`, always as a path on this site.

    Where no page matched (a 404, or an error before the address was resolved) the language
    prefix is exchanged, so the switch leads to the same address in the other language.
    """
    # gunicorn passes a request for "//evil.example/" on with that path, and a browser reads
    # a link to "//evil.example/en/" as an address on evil.example: one leading slash only.
    path = "/" + request.get_full_path().lstrip("/")
    if request.resolver_match is not None:
        url = translate_url(path, code)
    else:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        url = prefix + without_language_prefix(path)
    return "/" + url.lstrip("/")


def without_language_prefix(path: str) -> str:
    """The path as the default language addresses it: "/en/angebote/" -> "/angebote/"."""
    for code, _name in settings.LANGUAGES:
        if path == f"/{code}" or path.startswith((f"/{code}/", f"/{code}?")):
            return "/" + path[len(code) + 1 :].lstrip("/")
    return path
