"""The search table in memory: SearchPoint's rows as numpy columns.

At 100,000 offers, cutting the search table in SQL cost 20–90 ms per search (ADR 0003);
over numpy columns the same cut costs about a millisecond (bench/search.py, ADR 0006).
What the table carries is declared in search_columns.py; this module reads it whole
(`load`) or patches a copy with a few offers' rows read anew (`patched`). Which copy a
process answers from, and when it is renewed, is search_freshness.py's business.

Offers are numbered in the search's tie order (name, then id), so ordering offers by name
is ordering their numbers.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from django.db import connections

from lotse.offers.models import SearchPoint, ServiceArea, Topic
from lotse.offers.search_columns import (
    AREA,
    COLUMNS,
    FIELDS,
    NO_LANGUAGE,
    ONLINE,
    VENUE,
    WORD_COLUMNS,
    WORDS,
    ags_number,
)

__all__ = ["AREA", "NO_LANGUAGE", "ONLINE", "VENUE", "SearchTable", "ags_number", "load", "patched"]


@dataclass(frozen=True, eq=False)
class SearchTable:
    """Arrays indexed by row (one per SearchPoint); `offer` gives the row's offer number.
    Rows are sorted by offer number, so `offer[mask]` is sorted for any mask. The arrays of
    search_columns.COLUMNS are read as attributes (`table.is_free`, `table.age_min`)."""

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
    columns: dict[str, np.ndarray]  # attribute -> array, one per search_columns.COLUMNS
    extents: dict[int, dict]  # row -> GeoJSON of its service area's extent
    postings: dict[str, dict[str, np.ndarray]]  # word column -> code -> rows that carry it
    topic_codes: frozenset[str]  # the taxonomy's, whether an offer carries them or not

    def __getattr__(self, name: str) -> np.ndarray:
        columns = self.__dict__.get("columns", {})
        if name in columns:
            return columns[name]
        raise AttributeError(name)

    # Row indexes a search narrows down with instead of comparing every row (search.py);
    # computed once per copy, on first use (a patched copy is a new object).

    @cached_property
    def extent_rows(self) -> np.ndarray:
        """The service-area rows with an extent (bounds), ascending: few beside the AGS ones."""
        return np.flatnonzero((self.kind == AREA) & ~np.isnan(self.min_lat))

    @cached_property
    def online_rows(self) -> np.ndarray:
        """The online rows, ascending."""
        return np.flatnonzero(self.kind == ONLINE)

    @cached_property
    def venues_by_latitude(self) -> tuple[np.ndarray, np.ndarray]:
        """(venue rows, their latitudes), sorted by latitude: a latitude band is a slice."""
        venues = np.flatnonzero(self.kind == VENUE)
        rows = venues[np.argsort(self.latitude[venues], kind="stable")]
        return rows, self.latitude[rows]

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

    def codes_at(self, row: int, field: str) -> set[str]:
        """The codes `row` carries in the word column `field` (topics, languages, weekdays)."""
        return {
            code
            for code, rows in self.postings[field].items()
            if (at := np.searchsorted(rows, row)) < len(rows) and rows[at] == row
        }

    def rows_with_any(self, field: str, codes) -> np.ndarray:
        """A row mask: rows whose word column `field` holds any of `codes`."""
        mask = np.zeros(len(self.offer), dtype=bool)
        postings = self.postings[field]
        for code in codes:
            rows = postings.get(code)
            if rows is not None:
                mask[rows] = True
        return mask


def load(token: uuid.UUID | None, change_id: int = 0) -> SearchTable:
    """Read SearchPoint whole into columns, vectorised where numpy can (0.7–1.1 s at
    100,000 offers; with the ORM's per-value converters and Python sorts 1.6–1.9 s).
    `change_id`: the newest logged change the caller knows this read includes."""
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
        columns={name: values[by_offer] for name, values in decoded(column).items()},
        extents={row: extent_of_area[pk] for row, pk in enumerate(areas) if pk in extent_of_area},
        postings={
            words.field: postings_of(
                np.array(column[words.field], dtype=str)[by_offer], words.field
            )
            for words in WORD_COLUMNS
        },
        topic_codes=frozenset(Topic.objects.values_list("code", flat=True)),
    )


def decoded(column: dict[str, tuple]) -> dict[str, np.ndarray]:
    """The arrays of search_columns.COLUMNS from read_columns(), rows in the order read."""
    return {spec.attribute: spec.decode(column[spec.field]) for spec in COLUMNS}


def extents_of(areas) -> dict[str, dict]:
    """Service area id (hex) -> its GeoJSON extent, for those of `areas` that have one."""
    return {
        pk.hex: extent
        for pk, extent in ServiceArea.objects.filter(
            pk__in={pk for pk in areas if pk is not None}
        ).values_list("pk", "extent")
        if extent
    }


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
    from the change log) nor what their rows show (shown_rows) changed: every search then
    finds and shows the same."""
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
                words.codes_in(column[words.field][row]) != table.codes_at(start, words.field)
                for words in WORD_COLUMNS
            ):
                return None
        spans.append((start, stop, rows))
        numbers.append(number)
    positions = [row for start, stop, _ in spans for row in range(start, stop)]
    read = [index for _, _, rows in spans for index in rows]
    fields = decoded(column)
    extent_of_area = extents_of(hex_of(value) for value in column["service_area_id"])
    new_extents = {
        index: extent_of_area.get(hex_of(column["service_area_id"][index])) for index in read
    }
    results_changed = items_changed or any(
        shown_rows(table.columns, range(start, stop), table.extents.get)
        != shown_rows(fields, rows, new_extents.get)
        for start, stop, rows in spans
    )
    copies = {name: values.copy() for name, values in table.columns.items()}
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
        columns=copies,
        extents=extents,
        offer_read_in=read_in,
    )


def shown_rows(arrays: dict[str, np.ndarray], indices, extent_of) -> list[tuple]:
    """Rows `indices` as searches see them, in a fixed order: every column as far as a
    result shows it (Column.shown), and the extent."""
    return sorted(
        (
            *(
                str(spec.shown(value) if spec.shown else value)
                for spec in COLUMNS
                for value in (arrays[spec.attribute][index],)
            ),
            json.dumps(extent_of(index), sort_keys=True),
        )
        for index in indices
    )


def read_columns(points) -> dict[str, tuple]:
    """The fields of SearchPoint rows as the database driver gives them (UUIDs as text on
    SQLite, as uuid.UUID on PostgreSQL), without the ORM's converter call per value."""
    queryset = points.values_list(*FIELDS)
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(FIELDS)
    return dict(zip(FIELDS, columns, strict=True))


def hex_of(value: uuid.UUID | str | None) -> str | None:
    """A UUID as 32 hex digits, from either driver's form."""
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return value.hex
    return value.replace("-", "")


def postings_of(words: np.ndarray, field: str) -> dict[str, np.ndarray]:
    """code -> the rows whose space-separated `words` hold it, found once per distinct
    combination of codes rather than once per row."""
    combinations, which = np.unique(words, return_inverse=True)
    rows_by_combination = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[rows_by_combination], np.arange(len(combinations) + 1))
    parts: dict[str, list[np.ndarray]] = {}
    for index, combination in enumerate(combinations.tolist()):
        rows = rows_by_combination[bounds[index] : bounds[index + 1]]
        for code in WORDS[field].codes_in(combination):
            parts.setdefault(code, []).append(rows)
    return {code: np.sort(np.concatenate(found)).astype(np.int32) for code, found in parts.items()}
