"""The matchmaking engine: the exact top matches of a lead, fast.

``top_matches(lead)`` returns the same list as ``brute_force_top_matches(lead)`` (every open lead of
the other kind scored with :func:`~scotemp.trade.matching.scoring.score`, one by one): a match shares
at least the HS chapter, so only the other kind's leads of the lead's chapter can match; they are
held per process as numpy columns (:func:`.cache.group`, patched with the rows that database
triggers logged as changed), scored all at once by :func:`.index.score_many` (bit-identical
totals), and the best ``limit`` are taken in the same total order ``(-total, id)``; their parts come from
``score``. Storing the results as Match rows is :mod:`.store`'s job.
"""

import datetime

from django.utils import timezone

from . import cache, index, scoring
from .records import COLUMNS, FROM, fetch, load_record, records, verified_org_ids
from .scoring import LeadRecord


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
    g = cache.group("buy" if q.kind == "sell" else "sell", q.hs_code[:2])
    q_verified = q.org_id in g.verified_ids
    totals = index.score_many(q, g, today=today, q_verified=q_verified)
    return explain_rows(q, g, index.top_rows(totals, g.ids, limit), today, q_verified)


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
        rows = fetch(
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
