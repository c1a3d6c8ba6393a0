"""The matching engine's in-process index: open leads per (kind, HS chapter) as numpy columns, and
``score_many``, the vectorized twin of :func:`scotemp.trade.matching.scoring.score`.

``score_many(q, group, ...)`` returns, for every lead of a group, the *bit-identical* float that
``score(q, lead)`` returns (or -inf when the pair is not a match): every part is computed with the
same IEEE operations (the same divisions and products, freshness read from a table built with
``scoring.freshness``) and summed in the same order, so ranking by ``(-total, id)`` gives exactly
the brute-force order, ties included. ``test_match_index.py`` checks this with hypothesis.

A group is loaded with one query for the leads (plus one for their country lists); the
per-process cache that keeps groups current (patching changed rows) and within a memory budget is
:mod:`.cache`.
"""

import datetime
import threading
from dataclasses import dataclass

import numpy as np

from . import scoring
from .records import COLUMNS, FROM, fetch, placeholders, records_with, verified_all
from .scoring import LeadRecord

GLOBAL_KEY = "*"
NONE = -1  # code of a missing country / place / origin


class Codes:
    """Interns strings as small ints (per process, append-only, so codes stay valid)."""

    def __init__(self):
        self.index: dict = {}
        self.values: list = []
        self.lock = threading.Lock()

    def code(self, value) -> int:
        if value is None:
            return NONE
        found = self.index.get(value)
        if found is None:
            with self.lock:
                found = self.index.setdefault(value, len(self.values))
                if found == len(self.values):
                    self.values.append(value)
        return found

    def value(self, code: int):
        return None if code == NONE else self.values[code]


COUNTRIES, HS, HEADINGS, UNITS, INCOTERMS, PLACES, CERTS = (Codes() for _i in range(7))


def _mask(codes) -> int:
    bits = 0
    for value in codes:
        c = CERTS.code(value)
        if c >= 63:
            raise ValueError("more than 63 distinct certification codes")  # one uint64 bitmask
        bits |= 1 << c
    return bits


def _bits(mask: int) -> list[int]:
    return [b for b in range(63) if mask >> b & 1]


@dataclass
class Group:
    """The open-or-published leads of one kind in one HS chapter, as columns (row i = one lead)."""

    kind: str
    chapter: str
    token: tuple
    ids: np.ndarray  # int64, ascending
    org: np.ndarray  # int64
    verified: np.ndarray  # bool: the lead's organization is verified
    org_country: np.ndarray  # int16 country code
    origin: np.ndarray  # int16: origin country, else the organization's (sell offers)
    origin_raw: np.ndarray  # int16: the origin column itself (NONE when null)
    countries: np.ndarray  # uint64 [n, words]: bitset of the lead's country list
    no_countries: np.ndarray  # bool: empty list (= any)
    hs: np.ndarray  # int32 code of hs_code
    hs6: np.ndarray  # bool: 6-digit code
    heading: np.ndarray  # int32
    qty: np.ndarray  # float64
    min_order: np.ndarray  # float64, NaN when null
    unit: np.ndarray  # int16
    incoterm: np.ndarray  # int16
    sea: np.ndarray  # bool: a sea-only Incoterm rule
    place: np.ndarray  # int32
    held: np.ndarray  # uint64 bitmask of certifications held
    required: np.ndarray  # uint64 bitmask of certifications required
    required_n: np.ndarray  # int8 popcount of ``required``
    valid_until: np.ndarray  # int32 date ordinal
    published: np.ndarray  # int32 date ordinal (local), -1 when never published
    pos: tuple = (0, 0)  # ids of the latest MatchIndexChange applied (chapter, "*"), see .cache

    def __len__(self) -> int:
        return len(self.ids)

    def record(self, i: int) -> LeadRecord:
        """The LeadRecord of row ``i`` (to explain a match with ``scoring.score``)."""
        words = self.countries[i]
        countries = frozenset(
            COUNTRIES.values[w * 64 + b]
            for w in range(len(words))
            for b in range(64)
            if int(words[w]) >> b & 1
        )
        minimum = float(self.min_order[i])
        pub = int(self.published[i])
        return LeadRecord(
            id=int(self.ids[i]),
            kind=self.kind,
            status="published",
            org_id=int(self.org[i]),
            org_country=COUNTRIES.value(int(self.org_country[i])),
            hs_code=HS.values[int(self.hs[i])],
            quantity=float(self.qty[i]),
            unit=UNITS.values[int(self.unit[i])],
            min_order=None if minimum != minimum else minimum,
            incoterm=INCOTERMS.values[int(self.incoterm[i])],
            place=PLACES.value(int(self.place[i])),
            origin=COUNTRIES.value(int(self.origin_raw[i])),
            countries=countries,
            certs_held=frozenset(CERTS.values[b] for b in _bits(int(self.held[i]))),
            certs_required=frozenset(CERTS.values[b] for b in _bits(int(self.required[i]))),
            valid_until=datetime.date.fromordinal(int(self.valid_until[i])),
            published=datetime.date.fromordinal(pub) if pub >= 0 else None,
        )


def _group_from_records(kind: str, chapter: str, token, recs, verified: set) -> Group:
    n = len(recs)
    for rec in recs:
        for c in rec.countries:
            COUNTRIES.code(c)
    words = max(1, (len(COUNTRIES.values) + 63) // 64)
    countries = np.zeros((n, words), dtype=np.uint64)
    for i, rec in enumerate(recs):
        for c in rec.countries:
            code = COUNTRIES.code(c)
            countries[i, code // 64] |= np.uint64(1 << (code % 64))
    held = [_mask(r.certs_held) for r in recs]
    required = [_mask(r.certs_required) for r in recs]

    def col(values, dtype):
        return np.fromiter(values, dtype=dtype, count=n)

    return Group(
        kind=kind,
        chapter=chapter,
        token=token,
        ids=col((r.id for r in recs), np.int64),
        org=col((r.org_id for r in recs), np.int64),
        verified=col((r.org_id in verified for r in recs), bool),
        org_country=col((COUNTRIES.code(r.org_country) for r in recs), np.int16),
        origin=col((COUNTRIES.code(r.origin or r.org_country) for r in recs), np.int16),
        origin_raw=col((COUNTRIES.code(r.origin) for r in recs), np.int16),
        countries=countries,
        no_countries=col((not r.countries for r in recs), bool),
        hs=col((HS.code(r.hs_code) for r in recs), np.int32),
        hs6=col((len(r.hs_code) == 6 for r in recs), bool),
        heading=col((HEADINGS.code(r.hs_code[:4]) for r in recs), np.int32),
        qty=col((r.quantity for r in recs), np.float64),
        min_order=col((np.nan if r.min_order is None else r.min_order for r in recs), np.float64),
        unit=col((UNITS.code(r.unit) for r in recs), np.int16),
        incoterm=col((INCOTERMS.code(r.incoterm) for r in recs), np.int16),
        sea=col((r.incoterm in scoring.SEA_RULES for r in recs), bool),
        place=col((PLACES.code(r.place) for r in recs), np.int32),
        held=np.array(held, dtype=np.uint64).reshape(n),
        required=np.array(required, dtype=np.uint64).reshape(n),
        required_n=col((len(r.certs_required) for r in recs), np.int8),
        valid_until=col((r.valid_until.toordinal() for r in recs), np.int32),
        published=col((r.published.toordinal() if r.published else -1 for r in recs), np.int32),
    )


def _has_country(group: Group, country) -> np.ndarray:
    """Per row: ``country`` is in the lead's country list (False for None or an unknown country)."""
    code = COUNTRIES.index.get(country) if country is not None else None
    if code is None or code // 64 >= group.countries.shape[1]:
        return np.zeros(len(group), dtype=bool)
    return (group.countries[:, code // 64] >> np.uint64(code % 64)) & np.uint64(1) == 1


def _in_set(codes: np.ndarray, values) -> np.ndarray:
    """Per row: the country with code ``codes[i]`` is in ``values`` (NONE never is)."""
    table = np.zeros(len(COUNTRIES.values) + 1, dtype=bool)  # last slot: NONE (-1)
    for value in values:
        code = COUNTRIES.index.get(value)
        if code is not None:
            table[code] = True
    return table[codes]


_FRESHNESS = {"table": np.zeros(0)}


def _freshness_table(days: int) -> np.ndarray:
    """``scoring.freshness`` for 0..days days or more (computed by the scalar function: the same
    bits), grown on demand."""
    table = _FRESHNESS["table"]
    if len(table) <= days:
        today = datetime.date(2000, 1, 1)
        size = max(days + 1, 2 * len(table), 1024)
        table = np.array(
            [scoring.freshness(today - datetime.timedelta(days=d), today) for d in range(size)],
            dtype=np.float64,
        )
        _FRESHNESS["table"] = table
    return table


def _fresh(published: np.ndarray, today: int) -> np.ndarray:
    never = published < 0
    days = np.where(never, 0, np.maximum(today - published, 0))
    table = _freshness_table(int(days.max()) if len(days) else 0)
    return np.where(never, 0.0, table[days])


def score_many(q: LeadRecord, g: Group, *, today: datetime.date, q_verified: bool, rows=None) -> np.ndarray:
    """``score(q, lead)[0]`` for every lead of ``g`` (or its ``rows``), -inf where not a match.

    ``g`` must hold leads of the other kind in ``q``'s HS chapter (``q`` open); ``q_verified`` says
    whether ``q``'s organization is verified. Bit-identical to the scalar function (module doc)."""
    if rows is not None:
        g = _take(g, rows)
    t = today.toordinal()
    ok = (g.valid_until >= t) & (g.org != q.org_id)
    with np.errstate(divide="ignore", invalid="ignore"):
        # HS agreement (the chapter is the group's): equal 6-digit codes, else same heading, else chapter.
        if len(q.hs_code) == 6:
            sub = g.hs == HS.code(q.hs_code)
        else:
            sub = np.zeros(len(g), dtype=bool)
        head = g.heading == HEADINGS.code(q.hs_code[:4])
        hs = np.where(
            sub,
            scoring.HS_POINTS["hs_subheading"],
            np.where(head, scoring.HS_POINTS["hs_heading"], scoring.HS_POINTS["hs_chapter"]),
        )
        same_unit = g.unit == UNITS.code(q.unit)
        Q = q.quantity
        if q.kind == "buy":  # the candidates are sell offers
            origin_ok = _in_set(g.origin, q.countries) if q.countries else np.ones(len(g), dtype=bool)
            dest_ok = g.no_countries | _has_country(g, q.org_country)
            S, minimum = g.qty, np.nan_to_num(g.min_order, nan=0.0)
            fit = np.where(
                ~same_unit | (Q <= 0) | (S <= 0),
                0.0,
                np.where(Q > S, S / Q, np.where(Q < minimum, Q / minimum, 1.0)),
            )
            req = _mask(q.certs_required)
            if req:
                count = np.zeros(len(g), dtype=np.int64)
                for b in _bits(req):
                    count += ((g.held >> np.uint64(b)) & np.uint64(1)).astype(np.int64)
                held = count / len(q.certs_required)
            else:
                held = np.ones(len(g))
            seller_v, buyer_v = g.verified, np.full(len(g), q_verified)
        else:  # the candidates are buy requests
            origin_ok = g.no_countries | _has_country(g, q.origin or q.org_country)
            dest_ok = _in_set(g.org_country, q.countries) if q.countries else np.ones(len(g), dtype=bool)
            B, minimum = g.qty, (q.min_order or 0.0)
            fit = np.where(
                ~same_unit | (B <= 0) | (Q <= 0),
                0.0,
                np.where(B > Q, Q / B, np.where(B < minimum, B / minimum, 1.0)),
            )
            own = _mask(q.certs_held)
            count = np.zeros(len(g), dtype=np.int64)
            for b in _bits(own):
                count += ((g.required >> np.uint64(b)) & np.uint64(1)).astype(np.int64)
            held = np.where(g.required_n == 0, 1.0, count / g.required_n)
            seller_v, buyer_v = np.full(len(g), q_verified), g.verified
        same_rule = g.incoterm == INCOTERMS.code(q.incoterm)
        same_place = g.place == PLACES.code(q.place)
        levels = scoring.INCOTERM_LEVELS
        level = np.where(
            same_rule & same_place,
            levels["same_rule_place"],
            np.where(
                same_rule | same_place,
                levels["same_rule"],
                np.where(g.sea == (q.incoterm in scoring.SEA_RULES), levels["same_group"], levels["other"]),
            ),
        )
        q_pub = q.published.toordinal() if q.published else -1
        fresh = (_fresh(g.published, t) + _fresh(np.array([q_pub]), t)[0]) / 2
        # The scalar function's order of addition, part by part.
        total = hs.astype(np.float64)
        total += np.where(origin_ok, scoring.ORIGIN_POINTS, 0.0)
        total += np.where(dest_ok, scoring.DESTINATION_POINTS, 0.0)
        total += scoring.QUANTITY_POINTS * fit
        total += scoring.INCOTERM_POINTS * level
        total += scoring.CERTIFICATION_POINTS * held
        total += np.where(seller_v, scoring.VERIFIED_POINTS, 0.0)
        total += np.where(buyer_v, scoring.VERIFIED_POINTS, 0.0)
        total += scoring.FRESHNESS_POINTS * fresh
    total[~ok] = -np.inf
    return total


def _take(g: Group, rows) -> Group:
    fields = {name: getattr(g, name) for name in g.__dataclass_fields__}
    for name, value in fields.items():
        if isinstance(value, np.ndarray):
            fields[name] = value[rows]
    return Group(**fields)


def top_rows(totals: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of the ``k`` best finite totals in rank order (total descending, id ascending)."""
    finite = np.flatnonzero(totals > -np.inf)
    if len(finite) > k:
        values = totals[finite]
        kth = np.partition(values, len(values) - k)[len(values) - k]  # the k-th largest
        finite = finite[values >= kth]  # every row that ties the k-th best stays in the running
    order = np.lexsort((ids[finite], -totals[finite]))
    return finite[order[:k]]


# ---- loading ----------------------------------------------------------------------------------

WHERE = "l.status = 'published' AND l.kind = %s AND l.hs_chapter = %s"


def group_records(kind: str, chapter: str, lead_ids=None) -> list[LeadRecord]:
    """The published leads of ``kind`` in ``chapter`` (all, or those among ``lead_ids``) as records:
    one query for the leads, one for their country lists."""
    where, params = WHERE, [kind, chapter]
    if lead_ids is not None:
        marks, ids = placeholders(lead_ids)
        where, params = f"{WHERE} AND l.id IN ({marks})", [*params, *ids]
    rows = fetch(f"SELECT {COLUMNS} FROM {FROM} WHERE {where} ORDER BY l.id", params)
    countries: dict = {}
    for lead_id, country in fetch(
        f"SELECT c.lead_id, c.country_id FROM trade_lead_countries c JOIN trade_lead l ON l.id = c.lead_id "
        f"WHERE {where}",
        params,
    ):
        countries.setdefault(lead_id, set()).add(country)
    return records_with(rows, countries)


def load_group(kind: str, chapter: str, token=(), verified: set | None = None) -> Group:
    """Read one group from the database (the cache in :mod:`.cache` keeps it current)."""
    recs = group_records(kind, chapter)
    return _group_from_records(kind, chapter, token, recs, verified_all() if verified is None else verified)


def merge(g: Group, drop: np.ndarray, new: Group) -> Group:
    """``g`` without the rows ``drop`` (bool mask) plus the rows of ``new``, in id order (copies)."""
    keep = np.flatnonzero(~drop)
    words = max(g.countries.shape[1], new.countries.shape[1])
    fields = {}
    for name in g.__dataclass_fields__:
        old, add = getattr(g, name), getattr(new, name)
        if not isinstance(old, np.ndarray):
            fields[name] = old
            continue
        old = old[keep]
        if name == "countries":
            old = np.pad(old, ((0, 0), (0, words - old.shape[1])))
            add = np.pad(add, ((0, 0), (0, words - add.shape[1])))
        fields[name] = np.concatenate([old, add.astype(old.dtype, copy=False)])
    order = np.argsort(fields["ids"], kind="stable")
    if len(new) and not (np.diff(fields["ids"]) > 0).all():
        fields = {k: v[order] if isinstance(v, np.ndarray) else v for k, v in fields.items()}
    return Group(**fields)


def nbytes(g: Group) -> int:
    return sum(v.nbytes for v in vars(g).values() if isinstance(v, np.ndarray))
