"""What the parents' search carries of each offer: one declaration per column.

A column is at once a field of SearchPoint (the search's table in the database), an array of
the search table in memory (`table.<attribute>`, search_table.py) and, for a value of the
offer, the way `search_index.points_for()` reads it from the offer. Loading, patching a copy
after an edit and deciding whether an edit changes what searches show all follow this list,
so a filter on a new offer field is declared here once (and, in search.py, used):

    Column("has_parking", "has_parking", flags, of_offer=lambda offer: offer.has_parking)

`WordColumn`s hold codes (topics, languages, weekdays); the table keeps a posting list per
code for them (`table.rows_with_any(field, codes)`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from lotse.offers import queries
from lotse.offers.models import Offer, SearchPoint

VENUE, AREA, ONLINE = 0, 1, 2
KIND_NUMBERS = {
    SearchPoint.Kind.VENUE: VENUE,
    SearchPoint.Kind.AREA: AREA,
    SearchPoint.Kind.ONLINE: ONLINE,
}
NO_UPPER_AGE = np.iinfo(np.int32).max
NO_LANGUAGE = ""  # the code of offers that list no language (held in German)


@dataclass(frozen=True)
class Column:
    """One value per row of SearchPoint, decoded into one numpy array."""

    field: str  # SearchPoint's field
    attribute: str  # the array's name on the search table (search.py reads table.<attribute>)
    decode: Callable[[tuple], np.ndarray]  # the database driver's values -> the array
    # How points_for() reads it from the offer; None for the columns of a row's place
    # (kind, coordinates, area), which points_for() fills per venue or area.
    of_offer: Callable[[Offer], object] | None = None
    # What of a value a search result can show, when not the value itself (see
    # search_table.shown_rows): an edit that leaves it alone keeps results cached.
    shown: Callable[[object], object] | None = None


@dataclass(frozen=True)
class WordColumn:
    """Space-separated codes per row, searched through a posting list per code."""

    field: str
    of_offer: Callable[[Offer], Iterable[str]]
    when_empty: str | None = None  # the code a row without any carries, if one

    def codes_in(self, words: str) -> set[str]:
        codes = set(words.split())
        if not codes and self.when_empty is not None:
            return {self.when_empty}
        return codes


def floats(values: tuple) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # None becomes NaN


def flags(values: tuple) -> np.ndarray:
    return np.array(values, dtype=bool)


def kinds(values: tuple) -> np.ndarray:
    return np.array([KIND_NUMBERS[value] for value in values], dtype=np.int8)


def ags_number(ags: str) -> int:
    return int(ags) if ags else -1


def ags_numbers(values: tuple) -> np.ndarray:
    return np.array([ags_number(value) for value in values], dtype=np.int64)


def seconds_or_never(values: tuple) -> np.ndarray:
    return np.nan_to_num(floats(values), nan=-np.inf)


def months(values: tuple) -> np.ndarray:
    return np.array(values, dtype=np.int32)


def months_or_no_limit(values: tuple) -> np.ndarray:
    found = floats(values)
    return np.where(np.isnan(found), NO_UPPER_AGE, found).astype(np.int32)


def recent_enough(verified_seconds) -> bool:
    """A search finds an offer whose confirmation is recent enough; the exact time is not shown."""
    return bool(verified_seconds >= queries.fresh_since().timestamp())


def listed(offer: Offer) -> bool:
    return offer.status == Offer.Status.ACTIVE and offer.approval == Offer.Approval.APPROVED


def weekly_days(offer: Offer) -> set[str]:
    """Expects schedules prefetched."""
    return {
        day
        for schedule in offer.schedules.all()
        if schedule.freq == "WEEKLY"
        for day in schedule.weekdays()
    }


PLACE_COLUMNS = (
    Column("kind", "kind", kinds),
    Column("latitude", "latitude", floats),  # NaN unless a venue
    Column("longitude", "longitude", floats),
    Column("ags", "ags", ags_numbers),  # -1 for none
    Column("min_lat", "min_lat", floats),  # an extent's bounds, NaN unless one
    Column("max_lat", "max_lat", floats),
    Column("min_lon", "min_lon", floats),
    Column("max_lon", "max_lon", floats),
)
OFFER_COLUMNS = (
    Column("listed", "listed", flags, of_offer=listed),
    Column(
        "verified_seconds",
        "verified_at",
        seconds_or_never,
        of_offer=lambda offer: offer.verified_at.timestamp() if offer.verified_at else None,
        shown=recent_enough,
    ),
    Column("age_min_months", "age_min", months, of_offer=lambda offer: offer.age_min_months),
    Column(
        "age_max_months",
        "age_max",
        months_or_no_limit,
        of_offer=lambda offer: offer.age_max_months,
    ),
    Column(
        "pregnancy_eligible",
        "pregnancy_eligible",
        flags,
        of_offer=lambda offer: offer.pregnancy_eligible,
    ),
    Column("is_free", "is_free", flags, of_offer=lambda offer: offer.is_free),
)
COLUMNS = PLACE_COLUMNS + OFFER_COLUMNS
WORD_COLUMNS = (
    WordColumn("topics", lambda offer: (topic.code for topic in offer.topics.all())),
    WordColumn(
        "languages",
        lambda offer: (language.code for language in offer.languages.all()),
        when_empty=NO_LANGUAGE,
    ),
    WordColumn("weekdays", weekly_days),
)
WORDS = {column.field: column for column in WORD_COLUMNS}
# Read from SearchPoint besides the columns: whose row it is, and the area of an extent.
KEYS = ("offer_id", "name", "service_area_id")
FIELDS = (*KEYS, *(column.field for column in COLUMNS), *WORDS)


def offer_values(offer: Offer) -> dict[str, object]:
    """The fields every SearchPoint row of `offer` carries alike (points_for)."""
    return {
        "offer_id": offer.pk,
        "name": offer.name,
        **{column.field: column.of_offer(offer) for column in OFFER_COLUMNS if column.of_offer},
        **{column.field: " ".join(sorted(column.of_offer(offer))) for column in WORD_COLUMNS},
    }
