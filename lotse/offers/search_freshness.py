"""Freshness of the parents' search: which copy of the search table a process answers
from, and when edits reach it and the public cache. The whole mechanism is here.

The writer's side: every write to the public directory calls `new_version(offer_ids)` in
its transaction (search_index.refresh does for offers; translations and deleted offers
call it directly). That sets a new random token on SearchTableVersion's single row and
logs which offers the token is about (SearchChange). A random token, not a counter, so a
rolled-back test transaction can never make an old copy look current.

The reader's side: `current()` gives this process's copy (search_table.SearchTable). It
reads the token (one indexed single-row query, at most once per
LOTSE_SEARCH_TOKEN_SECONDS) and, when it changed, brings the copy up to date: from the
change log it patches the few offers named (milliseconds) or, for new, deleted or renamed
offers, changed codes and bulk writes, reads the table whole (about 1 s at 100,000 offers,
a few ms at MV's real size). In production (LOTSE_SEARCH_RELOAD_IN_BACKGROUND) a thread
does that while the previous copy answers.

The public cache (lotse/public_cache.py) keys pages by versions of the copy it is served
from (`served_copy()`): an offer's own pages by `offer_page_version(id)`, results by
`results_version`, everything else by `token`. Details and measurements: ADR 0006.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Max

from lotse.offers import search_table
from lotse.offers.models import SearchChange, SearchTableVersion
from lotse.offers.search_table import SearchTable

logger = logging.getLogger(__name__)

PATCH_AT_MOST = 1_000  # offers a change may name to be patched in; more are read whole


# The writer's side


def new_version(offer_ids: Iterable, *, items_changed: bool = True) -> None:
    """A new token: the search rows of `offer_ids` changed, or what public pages show of
    them (a translation, actions.py; a deleted offer, search_index.offer_deleted). Logs
    which offers it was about, for processes to patch their copies; more than PATCH_AT_MOST
    offers are logged as "all" and read whole. `items_changed=False`: what search results
    list of these offers (their SearchItem) stayed the same."""
    token = uuid.uuid4()
    # The row's lock, held to the commit, makes the change ids below follow commit order.
    if not SearchTableVersion.objects.update(token=token):
        SearchTableVersion.objects.create(token=token)
    offers = sorted({uuid.UUID(str(offer_id)).hex for offer_id in offer_ids})
    change = SearchChange.objects.create(
        offers=offers if len(offers) <= PATCH_AT_MOST else None,
        items_changed=items_changed,
    )
    SearchChange.objects.filter(id__lte=change.id - SearchChange.KEEP).delete()
    forget_token()


# The reader's side

_token_read: tuple[float, uuid.UUID | None] | None = None  # (monotonic time, token)


def current_token() -> uuid.UUID | None:
    """Changes with every new_version(). Read again after LOTSE_SEARCH_TOKEN_SECONDS: each
    read is a round trip to the database, and under load a public request would otherwise
    make two of them for this alone."""
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


def load(token: uuid.UUID | None) -> SearchTable:
    """The whole table as of `token`, knowing which logged changes it includes."""
    change_id = newest_change_id()  # before the rows: a change in between is applied again
    return search_table.load(token, change_id)


def newest_change_id() -> int:
    return SearchChange.objects.aggregate(newest=Max("id"))["newest"] or 0


def brought_up_to(table: SearchTable, token: uuid.UUID) -> SearchTable:
    """`table` as of `token`: patched where the changes logged since allow it
    (search_table.patched), otherwise read whole."""
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
    copy = search_table.patched(table, offers, token, newest, items_changed=items_changed)
    return copy or load(token)


_current: SearchTable | None = None
_loading = threading.Lock()
_reloader: threading.Thread | None = None


def current() -> SearchTable:
    """This process's copy, brought up to date if the directory changed since.

    With LOTSE_SEARCH_RELOAD_IN_BACKGROUND (production), a process that already holds a
    copy has a thread bring it up to date and waits LOTSE_SEARCH_RELOAD_WAIT_SECONDS for
    it: a patch or a whole read at MV's size is there by then, a whole read at 100,000
    offers (about 1 s) is not, and the request answers from the previous copy instead of
    making a parent wait. The first copy is loaded in the request. Without a token row (a
    test database just flushed) nothing is kept: every call loads.
    """
    return _copy_of(current_token())


def served_copy() -> SearchTable | None:
    """The copy this process answers from: while a reload runs in the background, the
    previous one (the public cache keys pages by its versions). None without a token."""
    token = current_token()
    return None if token is None else _copy_of(token)


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
