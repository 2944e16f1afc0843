"""What the maps show: the searched point and radius, and the venues of the listed offers.

The map repeats the list for sighted users (the list stays the content); it is drawn by
static/js/offer-map.js from this data, over the basemap of district outlines (a static
file, see lotse/regions/basemap.py; no tile server). Everything the script shows as text
is written here, translated, so the script has no words of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.offers.models import Location, Offer
from lotse.offers.search import Hit, SearchCriteria
from lotse.regions.geo import distance_km


def base() -> dict[str, Any]:
    # Leaflet guesses its marker images' folder from leaflet.css, which fails once
    # collectstatic has hashed the names; the script takes these URLs instead.
    return {
        "basemap": static("geo/mv-districts.geojson"),
        "icon": {
            "iconUrl": static("vendor/leaflet/images/marker-icon.png"),
            "iconRetinaUrl": static("vendor/leaflet/images/marker-icon-2x.png"),
            "shadowUrl": static("vendor/leaflet/images/marker-shadow.png"),
        },
        # Leaflet shows the attribution as HTML. The sources' names and licences, in full
        # on the imprint page; GeoNames for the towns' points.
        "attribution": format_html(
            '<a href="{}">{}</a>',
            reverse("imprint"),
            "© GeoBasis-DE / BKG (dl-de/by-2-0), GeoNames",
        ),
    }


def _label(location: Location) -> str:
    parts = [location.name or location.address_1, location.city]
    return ", ".join(dict.fromkeys(part for part in parts if part))


def _address(location: Location) -> str:
    town = " ".join(part for part in (location.postal_code, location.city) if part)
    return ", ".join(part for part in (location.address_1, town) if part)


def _venues(offers: Iterable[Offer], *, near: SearchCriteria | None = None) -> list[dict]:
    """One entry per place, with the listed offers held there, in the order of the list.

    Reads the prefetched service_at_locations (no query). A place is its point and label:
    imports give each offer its own Location row, even for the same house. Near a searched
    point, only the venues inside the radius: a venue in another town would pull the map away.
    """
    venues: dict[tuple, dict[str, Any]] = {}
    for offer in offers:
        for sal in offer.service_at_locations.all():
            location = sal.location
            if location.location_type != Location.Kind.PHYSICAL:
                continue
            label = _label(location)
            place = (location.latitude, location.longitude, label)
            if place not in venues:
                km = None
                if near is not None:
                    km = distance_km(
                        near.latitude, near.longitude, location.latitude, location.longitude
                    )
                    if km > near.radius_km:
                        continue
                venues[place] = {
                    "lat": location.latitude,
                    "lon": location.longitude,
                    "label": label,
                    "address": _address(location),
                    "distance": None
                    if km is None
                    else _("%(km)s km entfernt") % {"km": number_format(km, 1)},
                    "offers": [],
                }
            link = {"name": offer.name, "url": offer.get_absolute_url()}
            if link not in venues[place]["offers"]:
                venues[place]["offers"].append(link)
    for venue in venues.values():
        count = len(venue["offers"])
        venue["title"] = ngettext(
            "%(place)s: %(count)s Angebot", "%(place)s: %(count)s Angebote", count
        ) % {"place": venue["label"], "count": count}
    return list(venues.values())


def finder_map(criteria: SearchCriteria, cards: Iterable[tuple[Offer, Hit]]) -> dict:
    """The searched point, the radius and the venues of the page's nearby offers.

    Area and online offers have no venue near the point, so no marker.
    """
    nearby = [offer for offer, hit in cards if hit.reach == "nearby"]
    return {
        **base(),
        "center": [criteria.latitude, criteria.longitude],
        "radius_km": criteria.radius_km,
        "venues": _venues(nearby, near=criteria),
    }


def offer_map(offer: Offer) -> dict | None:
    """The offer's venues, or None when it has none (online, by phone, outreach only)."""
    venues = _venues([offer])
    if not venues:
        return None
    for venue in venues:
        # On the offer's own page a link to itself says nothing; the popup gives the address.
        venue["offers"] = []
        venue["title"] = venue["label"]
    return {**base(), "center": None, "radius_km": None, "venues": venues}
