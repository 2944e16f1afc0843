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
            "url": translate_url(request.get_full_path(), code),
            "active": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    user = request.user
    return {
        "language_links": languages,
        "can_look_after_offers": user.is_authenticated and can_look_after_offers(user),
    }
