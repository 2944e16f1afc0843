"""Possible duplicates: the same provider, a similar name, the same address.

Shown before saving, so an editor does not enter the Eltern-Café a colleague entered already.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from lotse.offers.models import Location, Offer
from lotse.organizations.models import Organization

SIMILAR = 0.8


def _normal(text: str) -> str:
    text = text.casefold().replace("ß", "ss")
    text = re.sub(r"str(asse|\.)", "str", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def similar_names(first: str, second: str) -> bool:
    a, b = _normal(first), _normal(second)
    if not a or not b:
        return False
    return a == b or a in b or b in a or SequenceMatcher(None, a, b).ratio() >= SIMILAR


def possible_duplicates(
    *,
    organization: Organization,
    name: str,
    addresses: list[tuple[str, str]],
    exclude: Offer | None = None,
) -> list[Offer]:
    """Offers of the same provider with a similar name at one of the given addresses
    (street, postcode); without addresses on either side, the name alone decides."""
    candidates = (
        Offer.objects.filter(organization=organization)
        .exclude(pk=exclude.pk if exclude else None)
        .prefetch_related("service_at_locations__location")
        .order_by("name")
    )
    wanted = {(_normal(street), postcode) for street, postcode in addresses}
    found = []
    for offer in candidates:
        if not similar_names(offer.name, name):
            continue
        theirs = {
            (_normal(sal.location.address_1), sal.location.postal_code)
            for sal in offer.service_at_locations.all()
            if sal.location.location_type == Location.Kind.PHYSICAL
        }
        if not wanted or not theirs or wanted & theirs:
            found.append(offer)
    return found
