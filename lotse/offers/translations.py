"""Which translation of an offer's text a parent sees: the one for the page's language, and
only while it still translates the current German text."""

from __future__ import annotations

import hashlib

from lotse.offers.models import Offer, OfferTranslation


def german_text_digest(offer: Offer) -> str:
    text = f"{offer.name}\n{offer.description}"
    return hashlib.sha256(text.encode()).hexdigest()


def is_current(translation: OfferTranslation, offer: Offer) -> bool:
    return translation.source_digest == german_text_digest(offer)


def current_translation(offer: Offer, language: str | None) -> OfferTranslation | None:
    """Uses the prefetched `translations` if there are any."""
    if not language or language == "de":
        return None
    for translation in offer.translations.all():
        if translation.language == language and is_current(translation, offer):
            return translation
    return None


def described_only_in_german(offer: Offer, language: str | None) -> bool:
    """The page is in another language and the offer has no current translation into it."""
    return bool(language) and language != "de" and current_translation(offer, language) is None


def easy_read_is_current(offer: Offer) -> bool:
    """The easy-read text was written for the German text as it is now."""
    return bool(offer.easy_read) and offer.easy_read_digest == german_text_digest(offer)


def current_easy_read(offer: Offer) -> str:
    """The easy-read text parents see: none while it describes an older German text."""
    return offer.easy_read if easy_read_is_current(offer) else ""
