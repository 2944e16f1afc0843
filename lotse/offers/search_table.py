"""The search table in memory: SearchPoint's rows as numpy columns, one copy per process.

At 100,000 offers, cutting the search table in SQL cost 20–90 ms per search (ADR 0003);
over numpy columns the same cut costs about a millisecond (bench/search.py, ADR 0006).
Each search asks the database for SearchTableVersion's token (one small query, at most
once per LOTSE_SEARCH_TOKEN_SECONDS) and loads the table anew when the token changed, i.e.
after any write to an offer: about 2 s at 100,000 offers, a few milliseconds at MV's real
size; in production in a background thread while the previous copy answers (`current`).

Offers are numbered in the search's tie order (name, then id), so ordering offers by name
is ordering their numbers.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections

from lotse.offers.models import SearchPoint, SearchTableVersion, ServiceArea, Topic

VENUE, AREA, ONLINE = 0, 1, 2
KIND_NUMBERS = {
    SearchPoint.Kind.VENUE: VENUE,
    SearchPoint.Kind.AREA: AREA,
    SearchPoint.Kind.ONLINE: ONLINE,
}
NO_UPPER_AGE = np.iinfo(np.int32).max
NO_LANGUAGE = ""  # the posting of offers that list no language (held in German)
WORD_COLUMNS = ("topics", "languages", "weekdays")
COLUMNS = (
    "offer_id",
    "name",
    "kind",
    "latitude",
    "longitude",
    "ags",
    "service_area_id",
    "min_lat",
    "max_lat",
    "min_lon",
    "max_lon",
    "listed",
    "verified_at",
    "age_min_months",
    "age_max_months",
    "pregnancy_eligible",
    "is_free",
    *WORD_COLUMNS,
)


@dataclass(frozen=True, eq=False)
class SearchTable:
    """Columns indexed by row (one per SearchPoint); `offer` gives the row's offer number.
    Rows are sorted by offer number, so `offer[mask]` is sorted for any mask."""

    token: uuid.UUID | None
    offer_ids: list[uuid.UUID]  # offer number -> id, in (name, id) order
    offer: np.ndarray
    kind: np.ndarray
    latitude: np.ndarray  # NaN unless a venue
    longitude: np.ndarray
    ags: np.ndarray  # the AGS as a number, -1 for none
    min_lat: np.ndarray  # an extent's bounds, NaN unless one
    max_lat: np.ndarray
    min_lon: np.ndarray
    max_lon: np.ndarray
    extents: dict[int, dict]  # row -> GeoJSON of its service area's extent
    listed: np.ndarray
    verified_at: np.ndarray  # POSIX seconds, -inf for never
    age_min: np.ndarray
    age_max: np.ndarray
    pregnancy_eligible: np.ndarray
    is_free: np.ndarray
    postings: dict[str, dict[str, np.ndarray]]  # column -> code -> rows that carry it
    topic_codes: frozenset[str]  # the taxonomy's, whether an offer carries them or not

    @property
    def offer_count(self) -> int:
        return len(self.offer_ids)

    def rows_with_any(self, column: str, codes) -> np.ndarray:
        """A row mask: rows whose `column` holds any of `codes`."""
        mask = np.zeros(len(self.offer), dtype=bool)
        postings = self.postings[column]
        for code in codes:
            rows = postings.get(code)
            if rows is not None:
                mask[rows] = True
        return mask


def ags_number(ags: str) -> int:
    return int(ags) if ags else -1


def load(token: uuid.UUID | None) -> SearchTable:
    """Read SearchPoint whole into columns."""
    rows = list(SearchPoint.objects.values_list(*COLUMNS))
    # Offer numbers in tie order; an offer's rows all carry its name.
    names = {row[0]: row[1] for row in rows}
    offer_ids = sorted(names, key=lambda offer_id: (names[offer_id], offer_id.hex))
    number_of = {offer_id: number for number, offer_id in enumerate(offer_ids)}
    # Rows in offer order: any selection of rows lists its offers sorted (see search.py).
    rows.sort(key=lambda row: number_of[row[0]])
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    column = dict(zip(COLUMNS, columns, strict=True))

    def floats(name: str) -> np.ndarray:
        return np.array([np.nan if v is None else v for v in column[name]], dtype=np.float64)

    extent_of_area = dict(
        ServiceArea.objects.filter(
            pk__in={pk for pk in column["service_area_id"] if pk is not None}
        ).values_list("pk", "extent")
    )
    extents = {
        row: extent_of_area[pk]
        for row, pk in enumerate(column["service_area_id"])
        if pk is not None and extent_of_area.get(pk)
    }
    postings: dict[str, dict[str, np.ndarray]] = {}
    for name in WORD_COLUMNS:
        lists: dict[str, list[int]] = {}
        for row, words in enumerate(column[name]):
            for code in words.split() or ([NO_LANGUAGE] if name == "languages" else []):
                lists.setdefault(code, []).append(row)
        postings[name] = {code: np.array(found, dtype=np.int32) for code, found in lists.items()}
    return SearchTable(
        token=token,
        offer_ids=offer_ids,
        offer=np.array([number_of[v] for v in column["offer_id"]], dtype=np.int32),
        kind=np.array([KIND_NUMBERS[v] for v in column["kind"]], dtype=np.int8),
        latitude=floats("latitude"),
        longitude=floats("longitude"),
        ags=np.array([ags_number(v) for v in column["ags"]], dtype=np.int64),
        min_lat=floats("min_lat"),
        max_lat=floats("max_lat"),
        min_lon=floats("min_lon"),
        max_lon=floats("max_lon"),
        extents=extents,
        listed=np.array(column["listed"], dtype=bool),
        verified_at=np.array(
            [-np.inf if v is None else v.timestamp() for v in column["verified_at"]],
            dtype=np.float64,
        ),
        age_min=np.array(column["age_min_months"], dtype=np.int32),
        age_max=np.array(
            [NO_UPPER_AGE if v is None else v for v in column["age_max_months"]], dtype=np.int32
        ),
        pregnancy_eligible=np.array(column["pregnancy_eligible"], dtype=bool),
        is_free=np.array(column["is_free"], dtype=bool),
        postings=postings,
        topic_codes=frozenset(Topic.objects.values_list("code", flat=True)),
    )


_token_read: tuple[float, uuid.UUID | None] | None = None  # (monotonic time, token)


def current_token() -> uuid.UUID | None:
    """Changes with every change of SearchPoint (search_index.new_version). Read again after
    LOTSE_SEARCH_TOKEN_SECONDS: each read is a round trip to the database, and under load
    a public request would otherwise make two of them for this alone."""
    global _token_read
    now = time.monotonic()
    remembered = _token_read
    if remembered is not None and now - remembered[0] < settings.LOTSE_SEARCH_TOKEN_SECONDS:
        return remembered[1]
    token = SearchTableVersion.objects.values_list("token", flat=True).first()
    _token_read = (now, token)
    return token


def forget_token() -> None:
    """This process changed the table: read the token anew at its next search, so that its
    own edit shows as soon as the new copy is loaded, not after LOTSE_SEARCH_TOKEN_SECONDS."""
    global _token_read
    _token_read = None


_current: SearchTable | None = None
_loading = threading.Lock()
_reloader: threading.Thread | None = None


def current() -> SearchTable:
    """This process's copy, reloaded if SearchPoint changed since it was read.

    With LOTSE_SEARCH_RELOAD_IN_BACKGROUND (production), a process that already holds a
    copy answers from it while a thread loads the new one (about 2 s at 100,000 offers,
    which every worker would otherwise make one parent wait after each edit); the first
    copy is loaded in the request. Without a token row (a test database just flushed)
    nothing is kept: every call loads.
    """
    return _copy_of(current_token())


def _copy_of(token: uuid.UUID | None) -> SearchTable:
    global _current
    table = _current
    if token is None:
        return load(None)
    if table is not None and table.token == token:
        return table
    if table is not None and settings.LOTSE_SEARCH_RELOAD_IN_BACKGROUND:
        reload_in_background(token)
        return table
    with _loading:
        table = _current
        if table is None or table.token != token:
            table = _current = load(token)
    return table


def served_token() -> uuid.UUID | None:
    """The token of the copy this process answers from: while a reload runs in the
    background, the previous one (lotse/public_cache.py keys pages by it)."""
    token = current_token()
    return None if token is None else _copy_of(token).token


def reload_in_background(token: uuid.UUID) -> None:
    """Start loading the copy of `token` in a thread, unless one is loading already."""
    global _reloader
    with _loading:
        if _reloader is not None and _reloader.is_alive():
            return
        _reloader = threading.Thread(target=_reload, args=(token,), daemon=True)
        _reloader.start()


def _reload(token: uuid.UUID) -> None:
    global _current
    try:
        table = load(token)
        with _loading:
            _current = table
    finally:
        connections.close_all()  # this thread's own connection


def wait_for_reload(timeout: float | None = None) -> None:
    """Until a background reload has finished (tests; a clean shutdown)."""
    reloader = _reloader
    if reloader is not None:
        reloader.join(timeout)


def warm_up() -> None:
    """Load the table at start-up (lotse/wsgi.py). Without a usable database (not migrated
    yet) the first search loads it instead. Closes the connection: gunicorn's master must
    not hand an open one to the workers it forks."""
    try:
        current()
    except DatabaseError:
        pass
    finally:
        connections.close_all()
