"""The matchmaking engine: the exact top matches of a lead, fast, and their storage.

``top_matches(lead)`` returns the same list as ``brute_force_top_matches(lead)`` (every open lead of
the other kind scored with :func:`scotemp.trade.scoring.score`), without scoring them all:

1. Tiers by HS agreement: the lead's subheading, then the rest of its heading, then the rest of its
   chapter (each one indexed query on ``status, kind, hs_heading|hs_chapter, valid_until``). The HS
   part caps what a lower tier can reach (``scoring.TIER_MAX``: 100, 90, 80); once the k-th best
   score is above the next tier's cap, no lower-tier candidate can enter the top k.
2. Inside a tier, the database orders the candidates by an upper bound of their score computed in
   SQL (``_bound_expression``: quantity fit, Incoterm/place, origin and the candidate's
   verification exactly, the parts it cannot see at their maximum), and hands them over in pages.
   Each page is scored exactly in Python; the tier is done once the k-th best score is above the
   bound of the last candidate handed over (all later ones are bounded by it).

Both stops compare strictly (``>``, with a margin of ``EPSILON`` for floating-point rounding in
SQL): a candidate whose score could *equal* the k-th best might still win on the tie-break (lower
id), so it must be scored. Only a few pages of the needed columns are fetched (``values_list``), with
the verified organizations and acceptable countries of the page in one query each.

Storage (``recompute_matches``, run by the task ``rematch_lead`` that ``schedule_rematch`` enqueues)
lives in ``matching_store.py``.
"""

import datetime
import functools
import json

from django.db import connection
from django.utils import timezone

from . import scoring
from .scoring import LeadRecord

EPSILON = 1e-6
PAGE_SIZES = (64, 512)  # then the rest of the tier
# Columns of a LeadRecord, in order (raw SQL: the ORM's expression building costs more than the
# query itself on this path).
COLUMNS = (
    "l.id, l.kind, l.status, l.organization_id, o.country_id, l.hs_code_id, l.quantity, l.unit_id, "
    "l.min_order, l.incoterm_id, l.incoterm_place_id, l.origin_country_id, l.certifications_held, "
    "l.certifications_required, l.valid_until, l.published_at"
)
FROM = "trade_lead l JOIN accounts_organization o ON o.id = l.organization_id"
FRESHNESS_STEPS = (365, 180, 120, 90, 60, 45, 30, 21, 14, 10, 7, 5, 3, 2, 1)


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
    countries = _countries_of([r[0] for r in rows]) if rows else {}
    tz = timezone.get_current_timezone()
    return [_record(r, countries, tz) for r in rows]


def load_record(lead) -> LeadRecord | None:
    pk = lead if isinstance(lead, int) else lead.pk
    found = records(_fetch(f"SELECT {COLUMNS} FROM {FROM} WHERE l.id = %s", [pk]))
    return found[0] if found else None


def _tiers(q: LeadRecord) -> list[tuple[str, str, list]]:
    heading, chapter = q.hs_code[:4], q.hs_code[:2]
    tiers = []
    if len(q.hs_code) == 6:
        tiers.append(("hs_subheading", "l.hs_heading = %s AND l.hs_code_id = %s", [heading, q.hs_code]))
        tiers.append(("hs_heading", "l.hs_heading = %s AND l.hs_code_id <> %s", [heading, q.hs_code]))
    else:
        tiers.append(("hs_heading", "l.hs_heading = %s", [heading]))
    tiers.append(("hs_chapter", "l.hs_chapter = %s AND l.hs_heading <> %s", [chapter, heading]))
    return tiers


class _Sql:
    """A SQL expression with its parameters."""

    def __init__(self, sql: str = "", params=None):
        self.sql, self.params = sql, list(params or [])

    def __add__(self, other: "_Sql") -> "_Sql":
        return _Sql(f"{self.sql} + {other.sql}", self.params + other.params)


def _case(whens, default: float) -> _Sql:
    sql, params = ["CASE"], []
    for condition, cparams, then in whens:
        sql.append(f"WHEN {condition} THEN {float(then)!r}")
        params.extend(cparams)
    sql.append(f"ELSE {float(default)!r} END")
    return _Sql(" ".join(sql), params)


def _cheap_bound(q: LeadRecord, tier: str, today: datetime.date, q_verified: bool) -> _Sql:
    """SQL upper bound of ``score(q, candidate)`` from the candidate's own columns (no subquery):
    exact for the HS part, quantity fit, Incoterm and place, certifications, the seller's origin
    against a buyer's list; the candidate's freshness bounded by steps of whole days; the
    candidate's country list and verification at their maximum (see ``_penalty``)."""
    real = "double precision" if connection.vendor == "postgresql" else "REAL"
    qty, minimum = f"CAST(l.quantity AS {real})", f"CAST(l.min_order AS {real})"
    held = "l.certifications_held" + ("::text" if connection.vendor == "postgresql" else "")
    required = "l.certifications_required" + ("::text" if connection.vendor == "postgresql" else "")
    Q = float(q.quantity)
    zero = ("l.quantity <= 0 OR l.unit_id <> %s", [q.unit])
    if q.quantity <= 0:
        fit = _Sql("0.0")
    elif q.kind == "buy":  # candidates are sell offers
        fit = _Sql(
            f"CASE WHEN {zero[0]} THEN 0.0 WHEN l.quantity < %s THEN {qty} / %s "
            f"WHEN l.min_order > %s THEN %s / {minimum} ELSE 1.0 END",
            [*zero[1], Q, Q, Q, Q],
        )
    else:
        m = float(q.min_order or 0)
        fit = _Sql(
            f"CASE WHEN {zero[0]} THEN 0.0 WHEN l.quantity > %s THEN %s / {qty} "
            f"WHEN l.quantity < %s THEN {qty} / %s ELSE 1.0 END",
            [*zero[1], Q, Q, m, m or 1.0],
        )
    levels = scoring.INCOTERM_LEVELS
    sea_marks, sea = _in(sorted(scoring.SEA_RULES))
    group = f"l.incoterm_id {'IN' if q.incoterm in scoring.SEA_RULES else 'NOT IN'} ({sea_marks})"
    incoterm = _case(
        [
            (
                "l.incoterm_id = %s AND l.incoterm_place_id = %s",
                [q.incoterm, q.place],
                levels["same_rule_place"],
            ),
            ("l.incoterm_id = %s OR l.incoterm_place_id = %s", [q.incoterm, q.place], levels["same_rule"]),
            (group, sea, levels["same_group"]),
        ],
        levels["other"],
    )
    origin = _Sql(repr(scoring.ORIGIN_POINTS))
    if q.kind == "buy" and q.countries:
        marks, params = _in(sorted(q.countries))
        origin = _case(
            [
                (
                    f"l.origin_country_id IN ({marks}) OR l.origin_country_id IS NULL",
                    params,
                    scoring.ORIGIN_POINTS,
                )
            ],
            0,
        )
    if q.kind == "buy" and q.certs_required:  # the fraction of q's requirements the seller holds
        share = scoring.CERTIFICATION_POINTS / len(q.certs_required)
        certs = _Sql("0.0")
        for code in sorted(q.certs_required):
            certs = certs + _case([(f"{held} LIKE %s", [f'%"{code}"%'], share)], 0)
    elif q.kind == "sell":  # a buyer requiring only certifications q lacks gets 0 for this part
        conditions = [f"{required} = %s"] + [f"{required} LIKE %s" for _c in q.certs_held]
        params = ["[]"] + [f'%"{c}"%' for c in sorted(q.certs_held)]
        certs = _case([(" OR ".join(conditions), params, scoring.CERTIFICATION_POINTS)], 0)
    else:
        certs = _Sql(repr(scoring.CERTIFICATION_POINTS))
    tz = timezone.get_current_timezone()
    whens = [("l.published_at IS NULL", [], 0.0)]
    for days in FRESHNESS_STEPS:  # published on or before today - days
        midnight = datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time(), tz)
        value = connection.ops.adapt_datetimefield_value(midnight)
        whens.append(("l.published_at < %s", [value], 0.5 ** (days / scoring.FRESHNESS_HALF_LIFE_DAYS)))
    fresh = _case(whens, 1.0)
    constant = (
        scoring.HS_POINTS[tier]
        + scoring.DESTINATION_POINTS
        + scoring.VERIFIED_POINTS * (2 if q_verified else 1)
        + scoring.FRESHNESS_POINTS * scoring.freshness(q.published, today) / 2
    )
    total = _Sql(repr(constant)) + origin + certs
    total = total + _Sql(f"({fit.sql}) * {scoring.QUANTITY_POINTS!r}", fit.params)
    total = total + _Sql(f"({incoterm.sql}) * {scoring.INCOTERM_POINTS!r}", incoterm.params)
    return total + _Sql(f"({fresh.sql}) * {scoring.FRESHNESS_POINTS / 2!r}", fresh.params)


def _penalty(q: LeadRecord) -> _Sql:
    """What the candidate ``s`` loses for its verification and country lists (correlated subqueries)."""
    unverified = (
        "NOT EXISTS (SELECT 1 FROM directory_organizationprofile p WHERE p.organization_id = "
        "s.organization_id AND p.verification_status = 'verified')"
    )
    # The candidate's own list: destinations of a seller (q's country must be in it), acceptable
    # origins of a buyer (q's origin must be in it); an empty list accepts any.
    country, points = q.org_country, scoring.DESTINATION_POINTS
    if q.kind == "sell":
        country, points = q.origin or q.org_country, scoring.ORIGIN_POINTS
    excluded = (
        "EXISTS (SELECT 1 FROM trade_lead_countries c WHERE c.lead_id = s.id) AND NOT EXISTS "
        "(SELECT 1 FROM trade_lead_countries c WHERE c.lead_id = s.id AND c.country_id = %s)"
    )
    penalty = _case([(unverified, [], scoring.VERIFIED_POINTS)], 0) + _case(
        [(excluded, [country], points)], 0
    )
    if q.kind == "sell" and q.countries:  # the buyer's country among q's destinations
        marks, params = _in(sorted(q.countries))
        penalty = penalty + _case(
            [(f"s.org_country NOT IN ({marks})", params, scoring.DESTINATION_POINTS)], 0
        )
    return penalty


def _tier_sql(q, tier, tier_sql, tier_params, today, q_verified, threshold, limit, offset):
    cheap = _cheap_bound(q, tier, today, q_verified)
    penalty = _penalty(q)
    columns = COLUMNS.replace("o.country_id", "o.country_id AS org_country")
    sql = (
        f"SELECT s.*, s.cheap - ({penalty.sql}) AS bound FROM ("
        f"SELECT {columns}, {cheap.sql} AS cheap FROM {FROM} "
        "WHERE l.status = 'published' AND l.kind = %s AND l.valid_until >= %s AND l.organization_id <> %s "
        f"AND {tier_sql}) s"
    )
    params = [*penalty.params, *cheap.params, "buy" if q.kind == "sell" else "sell", today, q.org_id]
    params += tier_params
    if threshold is not None:
        sql += " WHERE s.cheap >= %s"
        params.append(threshold)
    sql += " ORDER BY bound DESC, s.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    elif offset:
        sql += (
            f" LIMIT -1 OFFSET {int(offset)}" if connection.vendor == "sqlite" else f" OFFSET {int(offset)}"
        )
    return sql, params


class _TopK:
    """The k best (total, id, parts) seen so far, in rank order."""

    def __init__(self, k: int):
        self.k, self.items = k, []

    def add_all(self, scored) -> None:
        self.items.extend(scored)
        self.items.sort(key=lambda item: scoring.rank_key(item[0], item[1]))
        del self.items[self.k :]

    def beats(self, bound: float) -> bool:
        """True when no candidate bounded by ``bound`` can enter (strictly, ties included)."""
        return len(self.items) >= self.k and self.items[-1][0] > bound + EPSILON


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


def top_matches(lead, limit: int = 20, today: datetime.date | None = None) -> list[tuple[float, int, list]]:
    """The ``limit`` best matches of ``lead`` (a Lead, a LeadRecord or an id): ``[(total, id, parts)]``
    in rank order (score descending, candidate id ascending). Empty when the lead is not open."""
    today = today or timezone.localdate()
    q = lead if isinstance(lead, LeadRecord) else load_record(lead)
    if q is None or not scoring.is_open(q, today):
        return []
    verified_cache = {q.org_id: bool(verified_org_ids([q.org_id]))}
    top = _TopK(limit)
    for tier, tier_sql, tier_params in _tiers(q):
        if top.beats(scoring.TIER_MAX[tier]):
            break
        # Once k are known, only candidates that could reach the k-th best (ties too) are ranked.
        threshold = top.items[-1][0] - EPSILON if len(top.items) >= limit else None
        offset = 0
        for size in (*PAGE_SIZES, None):
            sql, params = _tier_sql(
                q, tier, tier_sql, tier_params, today, verified_cache[q.org_id], threshold, size, offset
            )
            rows = _fetch(sql, params)
            top.add_all(_score_rows(q, rows, today, verified_cache))
            if size is None or len(rows) < size:
                break
            offset += size
            if top.beats(rows[-1][-1]):
                break
    return top.items


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
