"""The per-process cache of match index groups: kept current by applying changed rows, bounded in
memory, warmed when a worker starts.

**Current.** Database triggers (migrations 0005 and 0006) write, in the same transaction as any
relevant write, one ``MatchIndexChange`` row per lead (key: its HS chapter, old and new) or
organization (key ``"*"``: country, verification) and set the key's ``MatchIndexVersion`` to that
row's token and id. Each use of a group reads the two version rows of its chapter and ``"*"`` (one
small query). When they moved, the rows of the change log after the position the group holds are
read, and only the leads and organizations they name are read again and patched into the numpy
columns (:func:`.index.merge`), instead of loading the chapter again. The group's own position row
must still be in the log with the same token: a group read inside a transaction that rolled back
(SQLite may reuse its ids) or older than the pruned log is loaded afresh instead. So is a group
with more than ``MAX_DELTA`` changes at once, and one past a change row naming no lead and no
organization (written by a bulk load that bypasses the triggers).

**Bounded.** Groups are kept least recently used first within ``settings.MATCH_INDEX_MAX_MB``
(default 512 MB of columns): a process past the budget drops the groups used longest ago and
loads them again when a lead of that chapter needs them.

**Warm.** A worker process (``scotemp.trade.tasks.worker``) loads the groups, largest first, in
a background thread until the budget is reached, so the first jobs do not pay the loads.
"""

import logging
import threading
import time
from collections import OrderedDict

import numpy as np
from django.conf import settings
from django.db import connection

from . import index
from .index import COUNTRIES, NONE, Group
from .records import fetch, placeholders, verified_all, verified_org_ids

log = logging.getLogger(__name__)
GLOBAL_KEY = "*"
MAX_DELTA = 2000  # more changed rows than this since the group's position: load the group afresh
PRUNE_KEEP = 200_000  # change rows kept by ``prune``

_groups: OrderedDict = OrderedDict()  # (db, kind, chapter) -> Group, least recently used first
_verified: dict = {}  # db -> (global token, global position, set of verified organization ids)
_lock = threading.RLock()
stats = {"loads": 0, "patches": 0, "evictions": 0}


def _db_key() -> tuple:
    return (connection.vendor, str(connection.settings_dict.get("NAME")))


def budget_bytes() -> int:
    return int(getattr(settings, "MATCH_INDEX_MAX_MB", 512)) * 1024 * 1024


def _versions(keys) -> dict:
    """``{key: (token, change id)}`` of the version rows."""
    marks, params = placeholders(keys)
    rows = fetch(f"SELECT key, version, change FROM trade_matchindexversion WHERE key IN ({marks})", params)
    return {key: (version, change) for key, version, change in rows}


def _changes(key: str, pos: int, token) -> list | None:
    """The change rows of ``key`` after position ``pos`` as ``(id, token, lead, org)``, or None when
    the log no longer holds ``pos`` with ``token`` (rolled back, reused or pruned) or holds too many."""
    rows = fetch(
        "SELECT id, COALESCE(token, id), lead_id, org_id FROM trade_matchindexchange "
        f"WHERE key = %s AND id >= %s ORDER BY id LIMIT {MAX_DELTA + 2}",
        [key, pos],
    )
    if token is None and pos == 0:  # the key had no version row yet: every row of it is newer
        newer = rows if len(rows) <= MAX_DELTA else None
    elif not rows or (rows[0][0], rows[0][1]) != (pos, token) or len(rows) > MAX_DELTA + 1:
        return None
    else:
        newer = rows[1:]
    if newer is not None and any(lead is None and org is None for _id, _tok, lead, org in newer):
        return None  # a bulk load's mark (bench/dataset): anything of the key may have changed
    return newer


def verified_set(token, pos) -> set:
    """The verified organizations' ids as of the ``"*"`` version ``(token, pos)`` (patched from the
    change log like a group)."""
    db = _db_key()
    found = _verified.get(db)
    if found is not None and found[0] == token:
        return found[2]
    changes = _changes(GLOBAL_KEY, found[1], found[0]) if found is not None else None
    if changes is None:
        verified = verified_all()
    else:
        orgs = {org for _id, _tok, _lead, org in changes if org is not None}
        now = verified_org_ids(orgs)
        verified = (found[2] - orgs) | now
        if changes:
            token, pos = changes[-1][1], changes[-1][0]
    with _lock:
        _verified[db] = (token, pos, verified)
    return verified


def group(kind: str, chapter: str) -> Group:
    """The current group of ``kind`` leads in ``chapter`` (one small query when nothing changed)."""
    versions = _versions([chapter, GLOBAL_KEY])
    (token_c, pos_c), (token_g, pos_g) = (versions.get(k, (None, 0)) for k in (chapter, GLOBAL_KEY))
    key = (_db_key(), kind, chapter)
    with _lock:
        found = _groups.get(key)
        if found is not None:
            _groups.move_to_end(key)
    if found is not None and found.token == (token_c, token_g):
        return found
    verified = verified_set(token_g, pos_g)
    patched = _patch(found, (token_c, token_g), verified) if found is not None else None
    if patched is None:
        patched = index.load_group(kind, chapter, (token_c, token_g), verified)
        patched.pos = (pos_c, pos_g)
        stats["loads"] += 1
    else:
        stats["patches"] += 1
    patched.verified_ids = verified
    _keep(key, patched)
    return patched


def _patch(g: Group, current: tuple, verified: set) -> Group | None:
    """``g`` with the changes logged since its position applied, or None when it must be loaded."""
    chapter_changes, global_changes = (
        [] if g.token[i] == current[i] else _changes(key, g.pos[i], g.token[i])
        for i, key in enumerate((g.chapter, GLOBAL_KEY))
    )
    if chapter_changes is None or global_changes is None:
        return None
    leads = {lead for _id, _tok, lead, _org in chapter_changes if lead is not None}
    orgs = {org for _id, _tok, _lead, org in global_changes if org is not None}
    recs = index.group_records(g.kind, g.chapter, leads)
    new = index._group_from_records(g.kind, g.chapter, (), recs, verified)
    out = index.merge(g, np.isin(g.ids, np.fromiter(leads, np.int64, len(leads))), new)
    if orgs:
        _apply_organizations(out, orgs, verified)
    token, pos = list(g.token), list(g.pos)
    for i, changes in enumerate((chapter_changes, global_changes)):
        if changes:
            pos[i], token[i] = changes[-1][0], changes[-1][1]
    out.token, out.pos = tuple(token), tuple(pos)
    return out


def _apply_organizations(g: Group, orgs: set, verified: set) -> None:
    """Refresh the organization columns (country, origin fallback, verified) of ``orgs``' rows;
    ``g``'s columns are fresh copies (from ``merge``)."""
    rows = np.isin(g.org, np.fromiter(orgs, np.int64, len(orgs)))
    if not rows.any():
        return
    marks, params = placeholders(orgs)
    country = dict(fetch(f"SELECT id, country_id FROM accounts_organization WHERE id IN ({marks})", params))
    for i in np.flatnonzero(rows):
        org = int(g.org[i])
        code = COUNTRIES.code(country.get(org))
        g.org_country[i] = code
        g.origin[i] = g.origin_raw[i] if g.origin_raw[i] != NONE else code
        g.verified[i] = org in verified


def _keep(key, g: Group) -> None:
    g.nbytes = index.nbytes(g)
    budget = budget_bytes()
    with _lock:
        _groups[key] = g
        _groups.move_to_end(key)
        total = sum(x.nbytes for x in _groups.values())
        while total > budget and len(_groups) > 1:
            _old_key, old = _groups.popitem(last=False)
            total -= old.nbytes
            stats["evictions"] += 1


def size_bytes() -> int:
    with _lock:
        return sum(g.nbytes for g in _groups.values())


def clear() -> None:
    """Forget every cached group (tests, benchmarks)."""
    with _lock:
        _groups.clear()
        _verified.clear()


def warm(stop_at: float = 0.95) -> dict:
    """Load every group, the largest first, until the cache holds ``stop_at`` of its budget."""
    started = time.monotonic()
    sizes = fetch(
        "SELECT kind, hs_chapter, count(*) FROM trade_lead WHERE status = 'published' "
        "AND hs_chapter IS NOT NULL GROUP BY kind, hs_chapter ORDER BY count(*) DESC",
        [],
    )
    loaded = 0
    for kind, chapter, _n in sizes:
        if size_bytes() >= stop_at * budget_bytes():
            break
        group(kind, chapter)
        loaded += 1
    return {"groups": loaded, "of": len(sizes), "mb": round(size_bytes() / 2**20, 1),
            "seconds": round(time.monotonic() - started, 1)}  # fmt: skip


_warming: dict = {}


def warming_enabled() -> bool:
    """``settings.MATCH_INDEX_WARM`` (default: on, except in tests, whose database is per test)."""
    return bool(getattr(settings, "MATCH_INDEX_WARM", getattr(settings, "MODE", "") != "test"))


def warm_in_background() -> threading.Thread | None:
    """Start :func:`warm` in a thread of this process (once per process and database)."""
    db = _db_key()
    with _lock:
        if db in _warming:
            return None
        thread = _warming[db] = threading.Thread(target=_warm_thread, name="match-index-warm", daemon=True)
    thread.start()
    return thread


def _warm_thread() -> None:
    try:
        result = warm()
        log.warning("match index warm: %s", result)
    except Exception:
        log.exception("match index warming failed (groups load on first use)")
    finally:
        connection.close()


def prune(keep: int = PRUNE_KEEP) -> int:
    """Delete all but the latest ``keep`` change rows (a worker behind them loads its groups)."""
    last = fetch("SELECT max(id) FROM trade_matchindexchange", [])[0][0]
    if last is None or last <= keep:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM trade_matchindexchange WHERE id <= %s", [last - keep])
        return cursor.rowcount
