"""The read side of regions: scoped querysets, the place lookup and the latest statistics."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Self

from django.db import models
from django.db.models import Prefetch

if TYPE_CHECKING:
    # The models import these querysets, so the names are for the type checker only.
    from lotse.regions.models import District, Municipality, Statistic


class ScopedPerson(Protocol):
    """What the regions need to know of a signed-in person (accounts.User is one): whether
    they are signed in, and which districts and social areas are in their scope. Regions
    sit below accounts, so they name the shape, not the class."""

    @property
    def is_authenticated(self) -> bool: ...

    def districts(self, role: str | None = None) -> models.QuerySet: ...

    def social_areas(self, role: str | None = None) -> models.QuerySet: ...


def normalize_place_name(text: str) -> str:
    """The form place names are compared in: lower case, umlauts folded, no suffix or punctuation.

    "Greifswald, Universitäts- und Hansestadt" and "greifswald" compare equal.
    """
    text = text.split(",")[0].strip().casefold()
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


class DistrictQuerySet(models.QuerySet["District"]):
    def without_boundaries(self) -> Self:
        """For lists and lookups: the boundary GeoJSON is large and only maps need it."""
        return self.defer("boundary")

    def visible_to(self, user: ScopedPerson) -> Self:
        """Districts whose workspace the user may enter."""
        if not user.is_authenticated:
            return self.none()
        return self & user.districts()


class SocialAreaQuerySet(models.QuerySet):
    def visible_to(self, user: ScopedPerson) -> Self:
        if not user.is_authenticated:
            return self.none()
        return self & user.social_areas()


class PlaceQuerySet(models.QuerySet):
    def matching(self, text: str) -> Self:
        """Places whose name is the text (exact, normalised)."""
        return self.filter(search_name=normalize_place_name(text))

    def starting_with(self, text: str) -> Self:
        return self.filter(search_name__startswith=normalize_place_name(text))


@dataclass(frozen=True)
class PlaceMatch:
    """One answer of the place lookup: a point with the municipality and district it lies in."""

    kind: str  # "postcode" | "municipality" | "place"
    name: str
    latitude: float
    longitude: float
    municipality_ags: str | None
    municipality_name: str | None
    district_ags: str
    district_name: str
    postcode: str | None = None


POSTCODE_PATTERN = re.compile(r"^\d{5}$")
LOOKUP_LIMIT = 20


def lookup_place(text: str, *, limit: int = LOOKUP_LIMIT) -> list[PlaceMatch]:
    """What a parent may type (postcode, municipality or place name) -> matching points in MV.

    Exact names come before names that merely start with the text. A postcode that spans
    several municipalities answers once, at its centroid, with its main municipality.
    """
    from lotse.regions.models import Municipality, Place, Postcode

    text = text.strip()
    if POSTCODE_PATTERN.match(text):
        # Boundaries are large; the lookup needs names and points only.
        municipalities = Municipality.objects.select_related("district").defer(
            "boundary", "district__boundary"
        )
        postcode = (
            Postcode.objects.filter(code=text)
            .prefetch_related(Prefetch("municipalities", queryset=municipalities))
            .first()
        )
        if postcode is None:
            return []
        in_postcode = sorted(postcode.municipalities.all(), key=lambda m: m.ags)
        main = _nearest(in_postcode, postcode.latitude, postcode.longitude)
        return [
            PlaceMatch(
                kind="postcode",
                name=f"{postcode.code} {main.short_name}" if main else postcode.code,
                latitude=postcode.latitude,
                longitude=postcode.longitude,
                municipality_ags=main.ags if main else None,
                municipality_name=main.name if main else None,
                district_ags=main.district.ags if main else "",
                district_name=main.district.name if main else "",
                postcode=postcode.code,
            )
        ]

    wanted = normalize_place_name(text)
    if len(wanted) < 2:
        return []
    places = (
        Place.objects.starting_with(text)
        .select_related("municipality__district")
        # Boundaries are large; the lookup needs names and points only.
        .defer("municipality__boundary", "municipality__district__boundary")
        .order_by("name", "municipality__ags")[: limit * 3]
    )
    matches: list[tuple[int, PlaceMatch]] = []
    seen: set[tuple[str, str]] = set()
    for place in places:
        municipality = place.municipality
        is_municipality = normalize_place_name(municipality.name) == place.search_name
        key = (place.search_name, municipality.ags)
        if key in seen:
            continue
        seen.add(key)
        exact = place.search_name == wanted
        match = PlaceMatch(
            kind="municipality" if is_municipality else "place",
            name=municipality.name
            if is_municipality
            else f"{place.name} ({municipality.short_name})",
            latitude=municipality.latitude if is_municipality else place.latitude,
            longitude=municipality.longitude if is_municipality else place.longitude,
            municipality_ags=municipality.ags,
            municipality_name=municipality.name,
            district_ags=municipality.district.ags,
            district_name=municipality.district.name,
            postcode=place.postcode or None,
        )
        # Exact municipalities first, then exact places, then prefixes.
        rank = (0 if exact else 2) + (0 if is_municipality else 1)
        matches.append((rank, match))
    matches.sort(key=lambda pair: (pair[0], pair[1].name, pair[1].municipality_ags or ""))
    return [match for _, match in matches[:limit]]


class UnknownPlace(ValueError):
    """Nothing in MV answers to what was typed."""


class AmbiguousPlace(ValueError):
    """Several places of that name lie in different municipalities."""

    def __init__(self, text: str, candidates: list[PlaceMatch]):
        super().__init__(text)
        self.candidates = candidates


def resolve_place(text: str) -> PlaceMatch:
    """The one point a parent means by a postcode or a place name, or a refusal.

    A name must match exactly (after normalising); several exact matches in different
    municipalities are ambiguous, e.g. "Neuenkirchen".
    """
    return _resolve(text.strip())


# Places, postcodes and municipalities are reference data, loaded by a migration and never
# edited at run time (ADR 0002), so an answer holds for the process's life. Refusals
# (exceptions) are not kept.
@functools.lru_cache(maxsize=4096)
def _resolve(text: str) -> PlaceMatch:
    if POSTCODE_PATTERN.match(text):
        matches = lookup_place(text)
        if not matches:
            raise UnknownPlace(text)
        return matches[0]
    wanted = normalize_place_name(text)
    exact = [m for m in lookup_place(text) if normalize_place_name(m.name.split(" (")[0]) == wanted]
    if not exact:
        raise UnknownPlace(text)
    if len({m.municipality_ags for m in exact}) > 1:
        raise AmbiguousPlace(text, exact)
    return exact[0]


def _nearest(
    municipalities: list[Municipality], latitude: float, longitude: float
) -> Municipality | None:
    if not municipalities:
        return None
    return min(
        municipalities,
        key=lambda m: (m.latitude - latitude) ** 2 + (m.longitude - longitude) ** 2,
    )


def latest_statistics(districts) -> dict[int, dict[str, Statistic]]:
    """Per district id, the newest figure of each statistic kind (one query)."""
    from lotse.regions.models import Statistic

    latest: dict[int, dict[str, Statistic]] = {}
    rows = Statistic.objects.filter(district__in=districts).order_by("district_id", "kind", "-year")
    for statistic in rows:
        assert statistic.district_id is not None  # filtered by district above
        figures = latest.setdefault(statistic.district_id, {})
        figures.setdefault(statistic.kind, statistic)
    return latest


def _rounded(coordinates, digits: int = 3):
    if isinstance(coordinates, float | int):
        return round(coordinates, digits)
    return [_rounded(part, digits) for part in coordinates]


@functools.cache
def _boundaries(version: tuple) -> dict:
    from lotse.regions.models import District

    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ags": district.ags, "name": district.name},
                "geometry": {
                    "type": district.boundary["type"],
                    "coordinates": _rounded(district.boundary["coordinates"]),
                },
            }
            for district in District.objects.exclude(boundary=None).order_by("ags")
            if district.boundary is not None  # always, after the exclude; said for mypy
        ],
    }


def boundaries_feature_collection() -> dict:
    """The district outlines as GeoJSON, coordinates to about 100 m (enough for a basemap)."""
    from lotse.regions.models import District

    return _boundaries(tuple(District.objects.order_by("ags").values_list("ags", "name")))
