"""The matchmaking engine: the exact top matches of a lead, fast.

``top_matches(lead)`` returns the same list as ``brute_force_top_matches(lead)`` (every open lead of
the other kind scored with :func:`scotemp.trade.scoring.score`, one by one): a match shares at
least the HS chapter, so only the other kind's leads of the lead's chapter can match; they are held
per process as numpy columns (``match_index.group``, reloaded when a database trigger changed the
chapter's token), scored all at once by ``match_index.score_many`` (bit-identical totals), and the
best ``limit`` are taken in the same total order ``(-total, id)``; their parts come from ``score``.

Storage (``recompute_matches``, run by the task ``rematch_lead`` that ``schedule_rematch`` enqueues,
and ``rematch_all``) lives in ``matching_store.py``.
"""

import datetime
import functools
import json

from django.db import connection
from django.utils import timezone

from . import match_index, scoring
from .scoring import LeadRecord

# Columns of a LeadRecord, in order (raw SQL: the same conversions for the engine's index and the
# brute force).
COLUMNS = (
    "l.id, l.kind, l.status, l.organization_id, o.country_id, l.hs_code_id, l.quantity, l.unit_id, "
    "l.min_order, l.incoterm_id, l.incoterm_place_id, l.origin_country_id, l.certifications_held, "
    "l.certifications_required, l.valid_until, l.published_at"
)
FROM = "trade_lead l JOIN accounts_organization o ON o.id = l.organization_id"


def _fetch(sql: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in(values) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)) or "NULL", values


def _countries_of(lead_ids) -> dict[int, set]:
    out: dict[int, set] = {}
    ids = list(lead_ids)
    for start in range(0, len(ids), 900):
        marks, params = _in(ids[start : start + 900])
        sql = f"SELECT lead_id, country_id FROM trade_lead_countries WHERE lead_id IN ({marks})"
        for lead_id, country in _fetch(sql, params):
            out.setdefault(lead_id, set()).add(country)
    return out


def verified_org_ids(org_ids) -> set:
    """The ids among ``org_ids`` of organizations whose directory profile is verified."""
    ids, out = list(set(org_ids)), set()
    for start in range(0, len(ids), 900):
        marks, params = _in(ids[start : start + 900])
        sql = (
            "SELECT organization_id FROM directory_organizationprofile "
            f"WHERE verification_status = 'verified' AND organization_id IN ({marks})"
        )
        out.update(r[0] for r in _fetch(sql, params))
    return out


@functools.lru_cache(maxsize=4096)
def _parse_list(text: str) -> frozenset:
    return frozenset(json.loads(text) or ())


def _json_list(value) -> frozenset:
    if isinstance(value, str):  # SQLite: JSON text; few distinct lists, so parsed once each
        return _parse_list(value)
    return frozenset(value or ())


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _published(value, tz):
    if value is None:
        return None
    if isinstance(value, str):  # SQLite: naive UTC text
        value = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(tz).date()


def _record(row, countries: dict[int, set], tz) -> LeadRecord:
    (
        pk,
        kind,
        status,
        org,
        org_country,
        hs,
        qty,
        unit,
        minimum,
        inc,
        place,
        origin,
        held,
        req,
        valid,
        pub,
    ) = row[:16]
    return LeadRecord(
        id=pk,
        kind=kind,
        status=status,
        org_id=org,
        org_country=org_country,
        hs_code=hs,
        quantity=float(qty),
        unit=unit,
        min_order=float(minimum) if minimum is not None else None,
        incoterm=inc,
        place=place,
        origin=origin,
        countries=frozenset(countries.get(pk, ())),
        certs_held=_json_list(held),
        certs_required=_json_list(req),
        valid_until=_date(valid),
        published=_published(pub, tz),
    )


def records(rows) -> list[LeadRecord]:
    """LeadRecords from rows of ``SELECT COLUMNS``, with their countries (one query)."""
    rows = list(rows)
    return records_with(rows, _countries_of([r[0] for r in rows]) if rows else {})


def records_with(rows, countries: dict) -> list[LeadRecord]:
    """LeadRecords from rows of ``SELECT COLUMNS`` and their countries ``{lead id: set}``."""
    tz = timezone.get_current_timezone()
    return [_record(r, countries, tz) for r in rows]


def load_record(lead) -> LeadRecord | None:
    pk = lead if isinstance(lead, int) else lead.pk
    found = records(_fetch(f"SELECT {COLUMNS} FROM {FROM} WHERE l.id = %s", [pk]))
    return found[0] if found else None


class _TopK:
    """The k best (total, id, parts) seen so far, in rank order (the brute force's accumulator)."""

    def __init__(self, k: int):
        self.k, self.items = k, []

    def add_all(self, scored) -> None:
        self.items.extend(scored)
        self.items.sort(key=lambda item: scoring.rank_key(item[0], item[1]))
        del self.items[self.k :]


def _score_rows(q, rows, today, verified_cache: dict) -> list:
    recs = records(rows)
    unknown = {r.org_id for r in recs} - verified_cache.keys()
    if unknown:
        verified = verified_org_ids(unknown)
        verified_cache.update({org: org in verified for org in unknown})
    verified = {org for org, ok in verified_cache.items() if ok}
    out = []
    for rec in recs:
        result = scoring.score(q, rec, today=today, verified_org_ids=verified)
        if result is not None:
            out.append((result[0], rec.id, result[1]))
    return out


def explain_rows(q: LeadRecord, g, rows, today, q_verified: bool) -> list[tuple[float, int, list]]:
    """``(total, id, parts)`` of the group's ``rows`` against ``q``, by the scalar ``score``."""
    out = []
    for i in rows:
        rec = g.record(int(i))
        verified = {org for org, ok in ((q.org_id, q_verified), (rec.org_id, bool(g.verified[i]))) if ok}
        result = scoring.score(q, rec, today=today, verified_org_ids=verified)
        if result is not None:
            out.append((result[0], rec.id, result[1]))
    return out


def top_matches(lead, limit: int = 20, today: datetime.date | None = None) -> list[tuple[float, int, list]]:
    """The ``limit`` best matches of ``lead`` (a Lead, a LeadRecord or an id): ``[(total, id, parts)]``
    in rank order (score descending, candidate id ascending). Empty when the lead is not open."""
    today = today or timezone.localdate()
    q = lead if isinstance(lead, LeadRecord) else load_record(lead)
    if q is None or not scoring.is_open(q, today):
        return []
    g = match_index.group("buy" if q.kind == "sell" else "sell", q.hs_code[:2])
    q_verified = q.org_id in match_index.verified_cached(g.token[1])
    totals = match_index.score_many(q, g, today=today, q_verified=q_verified)
    return explain_rows(q, g, match_index.top_rows(totals, g.ids, limit), today, q_verified)


def brute_force_top_matches(lead, limit: int = 20, today: datetime.date | None = None, chunk: int = 5000):
    """The reference: score every open lead of the other kind and keep the ``limit`` best (same
    result format and order as :func:`top_matches`). Streams the leads in chunks."""
    today = today or timezone.localdate()
    q = lead if isinstance(lead, LeadRecord) else load_record(lead)
    if q is None or not scoring.is_open(q, today):
        return []
    other = "buy" if q.kind == "sell" else "sell"
    top = _TopK(limit)
    verified_cache = {q.org_id: bool(verified_org_ids([q.org_id]))}
    last = 0
    while True:
        rows = _fetch(
            f"SELECT {COLUMNS} FROM {FROM} WHERE l.status = 'published' AND l.kind = %s "
            f"AND l.valid_until >= %s AND l.id > %s ORDER BY l.id LIMIT {int(chunk)}",
            [other, today, last],
        )
        if not rows:
            break
        top.add_all(_score_rows(q, rows, today, verified_cache))
        last = rows[-1][0]
    return top.items


def score_leads(lead_a, lead_b, today: datetime.date | None = None):
    """``scoring.score`` for two saved leads (or ids): ``(total, parts)`` or None."""
    today = today or timezone.localdate()
    a, b = load_record(lead_a), load_record(lead_b)
    if a is None or b is None:
        return None
    return scoring.score(a, b, today=today, verified_org_ids=verified_org_ids([a.org_id, b.org_id]))


def schedule_rematch(lead_id: int):
    """Enqueue the task that recomputes and stores ``lead_id``'s matches (call after commit)."""
    from .matching_tasks import rematch_lead

    return rematch_lead.enqueue(lead_id)


def leads_expired(lead_ids) -> None:
    """Enqueue the removal of the matches of leads that expired."""
    from .matching_tasks import remove_lead_matches

    ids = [int(i) for i in lead_ids]
    if ids:
        remove_lead_matches.enqueue(ids)


def rematch_all(**kwargs) -> dict:
    """Recompute every open lead's matches now (see ``matching_store.rematch_all``)."""
    from .matching_store import rematch_all as run

    return run(**kwargs)
