"""The search table in memory: SearchPoint's rows as numpy columns, one copy per process.

At 100,000 offers, cutting the search table in SQL cost 20–90 ms per search (ADR 0003);
over numpy columns the same cut costs about a millisecond (bench/search.py, ADR 0006).
Each search asks the database for SearchTableVersion's token (one small query, at most
once per LOTSE_SEARCH_TOKEN_SECONDS) and loads the table anew when the token changed, i.e.
after any write to an offer: about 1 s at 100,000 offers, a few milliseconds at MV's real
size; in production in a background thread while the previous copy answers (`current`).

Offers are numbered in the search's tie order (name, then id), so ordering offers by name
is ordering their numbers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, replace

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Max

from lotse.offers import queries
from lotse.offers.models import (
    SearchChange,
    SearchPoint,
    SearchTableVersion,
    ServiceArea,
    Topic,
)

logger = logging.getLogger(__name__)

VENUE, AREA, ONLINE = 0, 1, 2
KIND_NUMBERS = {
    SearchPoint.Kind.VENUE: VENUE,
    SearchPoint.Kind.AREA: AREA,
    SearchPoint.Kind.ONLINE: ONLINE,
}
NO_UPPER_AGE = np.iinfo(np.int32).max
PATCH_AT_MOST = 1_000  # offers a change may name to be patched in; more are read whole
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
    "verified_seconds",
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
    change_id: int  # the newest SearchChange this copy includes
    # the token since which searches find and show the same (public_cache.py keys by it)
    results_version: uuid.UUID | None
    offer_hex: np.ndarray  # offer number -> id as 32 hex digits, in (name, id) order
    offer_names: list[str]  # offer number -> name
    number_of: dict[str, int]  # id as hex -> offer number
    # offer number -> the token of the state its rows were last read in (offer_page_version)
    offer_read_in: np.ndarray
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
        return len(self.offer_hex)

    def offer_id(self, number: int) -> uuid.UUID:
        return uuid.UUID(self.offer_hex[number])

    def offer_page_version(self, offer_id: str) -> uuid.UUID | None:
        """What the public cache keys one offer's pages by: the token of the state in
        which this copy last read the offer's rows. A patch for another offer leaves it as
        it is, so the offer's cached pages outlive other offers' edits; its own edit, or a
        whole read, gives it a new one. Offers outside the table go by the table's token."""
        try:
            number = self.number_of.get(uuid.UUID(offer_id).hex)
        except ValueError:
            number = None
        return self.token if number is None else self.offer_read_in[number]

    def codes_at(self, row: int, column: str) -> set[str]:
        """The codes `row` carries in `column` (topics, languages, weekdays)."""
        return {
            code
            for code, rows in self.postings[column].items()
            if (at := np.searchsorted(rows, row)) < len(rows) and rows[at] == row
        }

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
    """Read SearchPoint whole into columns, vectorised where numpy can (0.7–1.1 s at
    100,000 offers; with the ORM's per-value converters and Python sorts 1.6–1.9 s)."""
    change_id = newest_change_id()  # before the rows: a change in between is applied again
    column = read_columns(SearchPoint.objects.all())
    offer_hex = [hex_of(value) for value in column["offer_id"]]
    # Offer numbers in tie order, name then id; an offer's rows all carry its name.
    name_of = dict(zip(offer_hex, column["name"], strict=True))
    hexes = np.array(list(name_of), dtype=str)
    names = np.array(list(name_of.values()), dtype=str)
    order = np.lexsort((hexes, names))
    hexes, names = hexes[order], names[order]
    number_of = dict(zip(hexes.tolist(), range(len(hexes)), strict=True))
    numbers = np.fromiter((number_of[h] for h in offer_hex), dtype=np.int32, count=len(offer_hex))
    # Rows in offer order: any selection of rows lists its offers sorted (see search.py).
    by_offer = np.argsort(numbers, kind="stable")
    areas = [hex_of(column["service_area_id"][row]) for row in by_offer.tolist()]
    extent_of_area = extents_of(areas)
    return SearchTable(
        token=token,
        change_id=change_id,
        results_version=token,
        offer_hex=hexes,
        offer_names=names.tolist(),
        number_of=number_of,
        offer_read_in=np.full(len(hexes), token, dtype=object),
        offer=numbers[by_offer],
        **{name: values[by_offer] for name, values in converted(column).items()},
        extents={row: extent_of_area[pk] for row, pk in enumerate(areas) if pk in extent_of_area},
        postings={
            name: postings_of(np.array(column[name], dtype=str)[by_offer], name)
            for name in WORD_COLUMNS
        },
        topic_codes=frozenset(Topic.objects.values_list("code", flat=True)),
    )


def converted(column: dict[str, tuple]) -> dict[str, np.ndarray]:
    """The per-row fields of SearchTable from read_columns(), rows in the order read."""

    def floats(name: str) -> np.ndarray:
        return np.array(column[name], dtype=np.float64)  # None becomes NaN

    def flags(name: str) -> np.ndarray:
        return np.array(column[name], dtype=bool)

    age_max = floats("age_max_months")
    return {
        "kind": np.array([KIND_NUMBERS[v] for v in column["kind"]], dtype=np.int8),
        "latitude": floats("latitude"),
        "longitude": floats("longitude"),
        "ags": np.array([ags_number(v) for v in column["ags"]], dtype=np.int64),
        "min_lat": floats("min_lat"),
        "max_lat": floats("max_lat"),
        "min_lon": floats("min_lon"),
        "max_lon": floats("max_lon"),
        "listed": flags("listed"),
        "verified_at": np.nan_to_num(floats("verified_seconds"), nan=-np.inf),
        "age_min": np.array(column["age_min_months"], dtype=np.int32),
        "age_max": np.where(np.isnan(age_max), NO_UPPER_AGE, age_max).astype(np.int32),
        "pregnancy_eligible": flags("pregnancy_eligible"),
        "is_free": flags("is_free"),
    }


def extents_of(areas) -> dict[str, dict]:
    """Service area id (hex) -> its GeoJSON extent, for those of `areas` that have one."""
    return {
        pk.hex: extent
        for pk, extent in ServiceArea.objects.filter(
            pk__in={pk for pk in areas if pk is not None}
        ).values_list("pk", "extent")
        if extent
    }


def newest_change_id() -> int:
    return SearchChange.objects.aggregate(newest=Max("id"))["newest"] or 0


def brought_up_to(table: SearchTable, token: uuid.UUID) -> SearchTable:
    """`table` as of `token`: patched where the changes logged since allow it (patched()),
    otherwise read whole. Edits such as a confirmation or new opening hours patch a
    copy in milliseconds, where reading the whole table takes a second at 100,000 offers."""
    changes = list(
        SearchChange.objects.filter(id__gt=table.change_id)
        .order_by("id")
        .values_list("id", "offers", "items_changed")
    )
    if not changes:  # a token changed without a log entry (a restore, a hand edit)
        return load(token)
    newest = changes[-1][0]
    if newest - table.change_id > SearchChange.KEEP:  # older changes may be gone
        return load(token)
    offers: set[str] = set()
    for _, named, _items_changed in changes:
        if named is None:  # a bulk change
            return load(token)
        offers.update(named)
    if len(offers) > PATCH_AT_MOST:
        return load(token)
    items_changed = any(items_changed for _, _, items_changed in changes)
    return patched(table, offers, token, newest, items_changed=items_changed) or load(token)


def patched(
    table: SearchTable,
    offers: set[str],
    token: uuid.UUID,
    change_id: int,
    *,
    items_changed: bool = True,
) -> SearchTable | None:
    """A copy of `table` with the rows of `offers` read anew, if each offer kept its name,
    its number of rows and its topics, languages and weekdays; None otherwise (a new,
    deleted or renamed offer moves rows and offer numbers: load() sorts that out).

    The copy keeps `results_version` when neither the offers' API items (`items_changed`,
    from the change log) nor what their rows decide (all but the exact verification time:
    only whether it is recent enough) changed: every search then finds and shows the same."""
    column = read_columns(SearchPoint.objects.filter(offer_id__in=[uuid.UUID(h) for h in offers]))
    rows_of: dict[str, list[int]] = {}
    for index, value in enumerate(column["offer_id"]):
        rows_of.setdefault(hex_of(value), []).append(index)
    spans: list[tuple[int, int, list[int]]] = []  # table rows start:stop, their rows read anew
    numbers: list[int] = []
    for offer in offers:
        rows = rows_of.get(offer, [])
        number = table.number_of.get(offer)
        if number is None:
            if rows:
                return None
            continue  # neither in the table nor in the search (e.g. never placed)
        start, stop = (int(at) for at in np.searchsorted(table.offer, [number, number + 1]))
        if stop - start != len(rows):
            return None
        for row in rows:
            if column["name"][row] != table.offer_names[number]:
                return None
            if any(
                codes_in(column[name][row], name) != table.codes_at(start, name)
                for name in WORD_COLUMNS
            ):
                return None
        spans.append((start, stop, rows))
        numbers.append(number)
    positions = [row for start, stop, _ in spans for row in range(start, stop)]
    read = [index for _, _, rows in spans for index in rows]
    fields = converted(column)
    extent_of_area = extents_of(hex_of(value) for value in column["service_area_id"])
    new_extents = {
        index: extent_of_area.get(hex_of(column["service_area_id"][index])) for index in read
    }
    in_table = {name: getattr(table, name) for name in fields}
    results_changed = items_changed or any(
        shown_rows(in_table, range(start, stop), table.extents.get)
        != shown_rows(fields, rows, new_extents.get)
        for start, stop, rows in spans
    )
    copies = {name: getattr(table, name).copy() for name in fields}
    for name, values in fields.items():
        copies[name][positions] = values[read]
    overwritten = set(positions)
    extents = {row: extent for row, extent in table.extents.items() if row not in overwritten}
    extents.update(
        {
            row: new_extents[index]
            for row, index in zip(positions, read, strict=True)
            if new_extents[index]
        }
    )
    read_in = table.offer_read_in.copy()
    read_in[numbers] = token
    return replace(
        table,
        token=token,
        change_id=change_id,
        results_version=token if results_changed else table.results_version,
        extents=extents,
        offer_read_in=read_in,
        **copies,
    )


def shown_rows(fields: dict[str, np.ndarray], indices, extent_of) -> list[tuple]:
    """Rows `indices` as searches see them, in a fixed order: every field but the exact
    verification time (whether it is recent enough to be found instead), and the extent."""
    fresh_since = queries.fresh_since().timestamp()
    return sorted(
        (
            *(str(values[index]) for name, values in fields.items() if name != "verified_at"),
            bool(fields["verified_at"][index] >= fresh_since),
            json.dumps(extent_of(index), sort_keys=True),
        )
        for index in indices
    )


def codes_in(words: str, column: str) -> set[str]:
    return set(words.split()) or ({NO_LANGUAGE} if column == "languages" else set())


def read_columns(points) -> dict[str, tuple]:
    """The columns of SearchPoint rows as the database driver gives them (UUIDs as text on
    SQLite, as uuid.UUID on PostgreSQL), without the ORM's converter call per value."""
    queryset = points.values_list(*COLUMNS)
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    return dict(zip(COLUMNS, columns, strict=True))


def hex_of(value: uuid.UUID | str | None) -> str | None:
    """A UUID as 32 hex digits, from either driver's form."""
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return value.hex
    return value.replace("-", "")


def postings_of(words: np.ndarray, column: str) -> dict[str, np.ndarray]:
    """code -> the rows whose space-separated `words` hold it, found once per distinct
    combination of codes rather than once per row."""
    combinations, which = np.unique(words, return_inverse=True)
    rows_by_combination = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[rows_by_combination], np.arange(len(combinations) + 1))
    parts: dict[str, list[np.ndarray]] = {}
    for index, combination in enumerate(combinations.tolist()):
        rows = rows_by_combination[bounds[index] : bounds[index + 1]]
        for code in codes_in(combination, column):
            parts.setdefault(code, []).append(rows)
    return {code: np.sort(np.concatenate(found)).astype(np.int32) for code, found in parts.items()}


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
    copy has a thread load the new one and waits LOTSE_SEARCH_RELOAD_WAIT_SECONDS for it:
    at MV's size the new copy is there by then (milliseconds), at 100,000 offers (about
    1 s) the request answers from the previous copy instead of making a parent wait. The
    first copy is loaded in the request. Without a token row (a test database just flushed)
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
        reload_in_background(table, token)
        wait_for_reload(settings.LOTSE_SEARCH_RELOAD_WAIT_SECONDS)
        return _current or table  # the new copy if it came in time
    with _loading:
        table = _current
        if table is None or table.token != token:
            table = _current = load(token) if table is None else brought_up_to(table, token)
    return table


def served_copy() -> SearchTable | None:
    """The copy this process answers from: while a reload runs in the background, the
    previous one (lotse/public_cache.py keys pages by its versions). None without a token."""
    token = current_token()
    return None if token is None else _copy_of(token)


def reload_in_background(table: SearchTable, token: uuid.UUID) -> None:
    """Start bringing `table` up to `token` in a thread, unless one is at it already."""
    global _reloader
    with _loading:
        if _reloader is not None and _reloader.is_alive():
            return
        _reloader = threading.Thread(target=_reload, args=(table, token), daemon=True)
        _reloader.start()


def _reload(table: SearchTable, token: uuid.UUID) -> None:
    global _current
    try:
        table = brought_up_to(table, token)
        with _loading:
            _current = table
    except Exception:  # the previous copy goes on answering; the next search tries again
        logger.exception("Die Suchtabelle konnte nicht neu geladen werden.")
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
