"""The match score: a pure function on lightweight lead records, documented part by part.

A match is a pair of complementary open leads (one sell offer, one buy request) of two different
organizations whose HS codes share at least the chapter. Its score (0-100) is the sum of seven
explainable parts; each part is stored as a language-neutral code with numbers, and rendered in
each viewer's language by ``scotemp.trade.explain``.

======================  ======  ==========================================================
part                    points  rule
======================  ======  ==========================================================
HS agreement            40      same 6-digit subheading 40, same heading 25, same chapter 10
                                (a 4-digit lead agrees with its heading's subheadings at the
                                heading level); another chapter: not a match
origin                  6       the seller's origin is one of the buyer's acceptable origins
                                (none listed = any)
destination             6       the buyer's country is one of the seller's destinations (none
                                listed = any)
quantity                18      x fit: 1 when the buyer's quantity is within [seller's minimum
                                order, seller's quantity]; above: seller's / buyer's quantity;
                                below the minimum: buyer's quantity / minimum; other unit: 0
Incoterm and place      10      x 1 same rule and place, 0.7 same rule or same place, 0.4 both
                                rules in the same transport group (any mode / sea only), 0.2
                                otherwise
certifications          8       x the fraction of the buyer's required certifications the
                                seller holds (none required = 1)
verified                4 + 4   the seller's organization verified, the buyer's verified
freshness               4       x the mean of both leads' freshness 0.5 ** (days since
                                published / 30)
======================  ======  ==========================================================

The score is symmetric: ``score(a, b) == score(b, a)``, so one Match row serves both sides. Ranking
is by score descending, then by the candidate's id ascending (``rank_key``), a total order.

Only leads of the same HS chapter can match, which is what lets the engine (:mod:`.engine`) score
just the lead's chapter; :func:`.index.score_many` is this function vectorized (bit-identical
totals, property-tested). ``TIER_MAX`` is the best total reachable at each HS level.
"""

import datetime
from dataclasses import dataclass

# Incoterms 2020 rules for sea and inland waterway transport only; the other seven are any-mode.
SEA_RULES = frozenset({"FAS", "FOB", "CFR", "CIF"})

HS_POINTS = {"hs_subheading": 40.0, "hs_heading": 25.0, "hs_chapter": 10.0}
ORIGIN_POINTS = 6.0
DESTINATION_POINTS = 6.0
QUANTITY_POINTS = 18.0
INCOTERM_POINTS = 10.0
INCOTERM_LEVELS = {
    "same_rule_place": 1.0,
    "same_rule": 0.7,
    "same_place": 0.7,
    "same_group": 0.4,
    "other": 0.2,
}
CERTIFICATION_POINTS = 8.0
VERIFIED_POINTS = 4.0  # per side
FRESHNESS_POINTS = 4.0
FRESHNESS_HALF_LIFE_DAYS = 30

NON_HS_MAX = (
    ORIGIN_POINTS
    + DESTINATION_POINTS
    + QUANTITY_POINTS
    + INCOTERM_POINTS
    + CERTIFICATION_POINTS
    + 2 * VERIFIED_POINTS
    + FRESHNESS_POINTS
)
# The best total a candidate can reach at each HS agreement level.
TIER_MAX = {code: points + NON_HS_MAX for code, points in HS_POINTS.items()}
assert TIER_MAX["hs_subheading"] == 100.0


@dataclass(frozen=True, slots=True)
class LeadRecord:
    """What the score reads of a lead: plain values built from one DB row (no ORM instance)."""

    id: int
    kind: str  # "sell" | "buy"
    status: str
    org_id: int
    org_country: str | None
    hs_code: str  # 6 digits, or 4 for a broad lead
    quantity: float
    unit: str
    min_order: float | None
    incoterm: str
    place: str
    origin: str | None  # the seller's origin (None: the organization's country)
    countries: frozenset  # sell: destinations served; buy: acceptable origins; empty = any
    certs_held: frozenset
    certs_required: frozenset
    valid_until: datetime.date
    published: datetime.date | None


def is_open(lead: LeadRecord, today: datetime.date) -> bool:
    return lead.status == "published" and lead.valid_until >= today


def hs_agreement(a: str, b: str) -> str | None:
    """The HS part code for two codes, or None when the chapters differ."""
    if len(a) == 6 and a == b:
        return "hs_subheading"
    if a[:4] == b[:4]:
        return "hs_heading"
    if a[:2] == b[:2]:
        return "hs_chapter"
    return None


def freshness(published: datetime.date | None, today: datetime.date) -> float:
    if published is None:
        return 0.0
    days = max((today - published).days, 0)
    return 0.5 ** (days / FRESHNESS_HALF_LIFE_DAYS)


def quantity_fit(sell: LeadRecord, buy: LeadRecord) -> float:
    if sell.unit != buy.unit or buy.quantity <= 0 or sell.quantity <= 0:
        return 0.0
    minimum = sell.min_order or 0.0
    if buy.quantity > sell.quantity:
        return sell.quantity / buy.quantity
    if buy.quantity < minimum:
        return buy.quantity / minimum
    return 1.0


def incoterm_level(a: LeadRecord, b: LeadRecord) -> str:
    same_rule, same_place = a.incoterm == b.incoterm, a.place == b.place
    if same_rule and same_place:
        return "same_rule_place"
    if same_rule:
        return "same_rule"
    if same_place:
        return "same_place"
    if (a.incoterm in SEA_RULES) == (b.incoterm in SEA_RULES):
        return "same_group"
    return "other"


def score(
    a: LeadRecord, b: LeadRecord, *, today: datetime.date, verified_org_ids
) -> tuple[float, list] | None:
    """Score the pair (a, b): ``(total, parts)``, or None when it is not a match.

    Not a match: same kind, same organization, either lead not open on ``today`` (paused, closed,
    expired or past ``valid_until``), or HS codes in different chapters. ``verified_org_ids`` is a
    set of the verified organizations' ids. ``parts`` is a list of dicts with a ``code``, the
    ``points`` it earned and the numbers an explanation needs; the total is their sum, in [0, 100].
    """
    if a.kind == b.kind or a.org_id == b.org_id or not (is_open(a, today) and is_open(b, today)):
        return None
    sell, buy = (a, b) if a.kind == "sell" else (b, a)
    hs = hs_agreement(sell.hs_code, buy.hs_code)
    if hs is None:
        return None
    shared = sell.hs_code if hs == "hs_subheading" else sell.hs_code[: 4 if hs == "hs_heading" else 2]
    parts = [{"code": hs, "points": HS_POINTS[hs], "hs": shared}]

    origin = sell.origin or sell.org_country
    origin_ok = not buy.countries or origin in buy.countries
    parts.append(
        {"code": "origin", "points": ORIGIN_POINTS if origin_ok else 0.0, "ok": origin_ok, "country": origin}
    )
    dest_ok = not sell.countries or buy.org_country in sell.countries
    parts.append(
        {"code": "destination", "points": DESTINATION_POINTS if dest_ok else 0.0, "ok": dest_ok,
         "country": buy.org_country}
    )  # fmt: skip

    fit = quantity_fit(sell, buy)
    parts.append(
        {"code": "quantity" if sell.unit == buy.unit else "quantity_unit", "points": QUANTITY_POINTS * fit,
         "percent": round(fit * 100)}
    )  # fmt: skip

    level = incoterm_level(sell, buy)
    parts.append(
        {"code": "incoterm", "points": INCOTERM_POINTS * INCOTERM_LEVELS[level], "level": level,
         "sell": sell.incoterm, "buy": buy.incoterm}
    )  # fmt: skip

    required = buy.certs_required
    held = len(required & sell.certs_held) / len(required) if required else 1.0
    parts.append(
        {"code": "certifications", "points": CERTIFICATION_POINTS * held, "percent": round(held * 100),
         "missing": sorted(required - sell.certs_held)}
    )  # fmt: skip

    for side, lead in (("seller_verified", sell), ("buyer_verified", buy)):
        ok = lead.org_id in verified_org_ids
        parts.append({"code": side, "points": VERIFIED_POINTS if ok else 0.0, "ok": ok})

    fresh = (freshness(sell.published, today) + freshness(buy.published, today)) / 2
    days = [(today - p).days if p else None for p in (sell.published, buy.published)]
    parts.append(
        {"code": "freshness", "points": FRESHNESS_POINTS * fresh, "sell_days": days[0], "buy_days": days[1]}
    )

    total = 0.0
    for part in parts:
        total += part["points"]
    return total, parts


def rank_key(total: float, candidate_id: int) -> tuple[float, int]:
    """Sort key of a scored candidate: best score first, then the smaller id (a total order)."""
    return (-total, candidate_id)
