"""The match score on hand-made lead records (no database)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from scotemp.trade.matching import scoring
from scotemp.trade.matching.scoring import LeadRecord, rank_key, score

TODAY = datetime.date(2026, 3, 1)


def rec(id=1, kind="sell", org=1, **kw) -> LeadRecord:
    values = dict(
        id=id,
        kind=kind,
        status="published",
        org_id=org,
        org_country="KZ" if kind == "sell" else "CN",
        hs_code="100199",
        quantity=1000.0,
        unit="TNE",
        min_order=None,
        incoterm="FCA",
        place="KZALA",
        origin="KZ" if kind == "sell" else None,
        countries=frozenset(),
        certs_held=frozenset(),
        certs_required=frozenset(),
        valid_until=TODAY + datetime.timedelta(days=30),
        published=TODAY,
    )
    values.update(kw)
    return LeadRecord(**values)


def parts_of(result) -> dict:
    return {p["code"]: p for p in result[1]}


def test_perfect_pair_scores_100_and_explains_each_part():
    sell, buy = rec(1, "sell", 1), rec(2, "buy", 2)
    total, parts = score(sell, buy, today=TODAY, verified_org_ids={1, 2})
    assert total == 100.0
    codes = [p["code"] for p in parts]
    assert codes == [
        "hs_subheading",
        "origin",
        "destination",
        "quantity",
        "incoterm",
        "certifications",
        "seller_verified",
        "buyer_verified",
        "freshness",
    ]
    assert parts[0]["hs"] == "100199"
    assert sum(p["points"] for p in parts) == total


def test_symmetric():
    sell = rec(1, "sell", 1, min_order=500.0, certs_held=frozenset({"HACCP"}))
    buy = rec(2, "buy", 2, quantity=300.0, certs_required=frozenset({"HACCP", "HALAL"}), incoterm="CIF")
    assert score(sell, buy, today=TODAY, verified_org_ids={1}) == score(
        buy, sell, today=TODAY, verified_org_ids={1}
    )


def test_not_a_match():
    sell, buy = rec(1, "sell", 1), rec(2, "buy", 2)
    assert score(sell, rec(3, "sell", 3), today=TODAY, verified_org_ids=set()) is None  # same kind
    assert score(sell, rec(2, "buy", 1), today=TODAY, verified_org_ids=set()) is None  # same organization
    assert score(sell, rec(2, "buy", 2, hs_code="120100"), today=TODAY, verified_org_ids=set()) is None
    for status in ("paused", "expired", "closed", "draft"):
        assert score(sell, rec(2, "buy", 2, status=status), today=TODAY, verified_org_ids=set()) is None
    past = rec(2, "buy", 2, valid_until=TODAY - datetime.timedelta(days=1))
    assert score(sell, past, today=TODAY, verified_org_ids=set()) is None
    assert score(sell, rec(2, "buy", 2, valid_until=TODAY), today=TODAY, verified_org_ids=set()) is not None
    assert score(buy, rec(1, "sell", 1, status="paused"), today=TODAY, verified_org_ids=set()) is None


def test_hs_agreement_levels():
    sell = rec(1, "sell", 1)
    for code, expected, shared in (
        ("100199", 40.0, "100199"),
        ("100191", 25.0, "1001"),
        ("1001", 25.0, "1001"),  # a broad request agrees at the heading
        ("100390", 10.0, "10"),
    ):
        part = parts_of(score(sell, rec(2, "buy", 2, hs_code=code), today=TODAY, verified_org_ids=set()))
        found = next(p for p in part.values() if p["code"].startswith("hs_"))
        assert (found["points"], found["hs"]) == (expected, shared), code
    # The tier caps: nothing outside the subheading reaches 85 + a hair.
    assert scoring.TIER_MAX == {"hs_subheading": 100.0, "hs_heading": 85.0, "hs_chapter": 70.0}


def test_quantity_fit():
    sell = rec(1, "sell", 1, quantity=1000.0, min_order=200.0)
    cases = {500.0: 100, 1000.0: 100, 200.0: 100, 2000.0: 50, 100.0: 50, 4000.0: 25}
    for qty, percent in cases.items():
        part = parts_of(score(sell, rec(2, "buy", 2, quantity=qty), today=TODAY, verified_org_ids=set()))
        assert part["quantity"]["percent"] == percent, qty
        assert part["quantity"]["points"] == scoring.QUANTITY_POINTS * percent / 100
    other_unit = parts_of(score(sell, rec(2, "buy", 2, unit="KGM"), today=TODAY, verified_org_ids=set()))
    assert other_unit["quantity_unit"]["points"] == 0


def test_countries_both_ways():
    sell = rec(1, "sell", 1, origin="KZ", countries=frozenset({"CN", "UZ"}))
    ok = parts_of(
        score(sell, rec(2, "buy", 2, countries=frozenset({"KZ"})), today=TODAY, verified_org_ids=set())
    )
    assert ok["origin"]["ok"] and ok["destination"]["ok"]
    bad = parts_of(
        score(
            sell,
            rec(2, "buy", 2, org_country="IN", countries=frozenset({"RU"})),
            today=TODAY,
            verified_org_ids=set(),
        )
    )
    assert (bad["origin"]["points"], bad["destination"]["points"]) == (0, 0)
    # No origin on the offer: the seller's country counts.
    no_origin = rec(1, "sell", 1, origin=None, org_country="RU")
    part = parts_of(
        score(no_origin, rec(2, "buy", 2, countries=frozenset({"RU"})), today=TODAY, verified_org_ids=set())
    )
    assert part["origin"]["ok"] and part["origin"]["country"] == "RU"


def test_incoterm_levels():
    sell = rec(1, "sell", 1, incoterm="FCA", place="KZALA")
    expect = {
        ("FCA", "KZALA"): "same_rule_place",
        ("FCA", "CNCKG"): "same_rule",
        ("DAP", "KZALA"): "same_place",
        ("DAP", "CNCKG"): "same_group",
        ("CIF", "CNSHA"): "other",
    }
    for (rule, place), level in expect.items():
        part = parts_of(
            score(sell, rec(2, "buy", 2, incoterm=rule, place=place), today=TODAY, verified_org_ids=set())
        )
        assert part["incoterm"]["level"] == level
        assert part["incoterm"]["points"] == scoring.INCOTERM_POINTS * scoring.INCOTERM_LEVELS[level]


def test_certifications_fraction_and_verification():
    sell = rec(1, "sell", 1, certs_held=frozenset({"HACCP", "ISO22000"}))
    buy = rec(2, "buy", 2, certs_required=frozenset({"HACCP", "HALAL"}))
    part = parts_of(score(sell, buy, today=TODAY, verified_org_ids={1}))
    assert part["certifications"]["percent"] == 50 and part["certifications"]["missing"] == ["HALAL"]
    assert part["seller_verified"]["ok"] and not part["buyer_verified"]["ok"]


def test_freshness_decays():
    sell = rec(1, "sell", 1)
    points = []
    for days in (0, 30, 90):
        buy = rec(2, "buy", 2, published=TODAY - datetime.timedelta(days=days))
        points.append(parts_of(score(sell, buy, today=TODAY, verified_org_ids=set()))["freshness"]["points"])
    assert points[0] == 4.0 and points[1] == 3.0 and points[2] < points[1]


def test_ties_are_broken_by_candidate_id():
    query = rec(1, "buy", 1)
    candidates = [rec(i, "sell", i) for i in (9, 4, 7)]
    scored = [(score(query, c, today=TODAY, verified_org_ids=set())[0], c.id) for c in candidates]
    assert len({total for total, _ in scored}) == 1  # identical offers tie
    assert [cid for _t, cid in sorted(scored, key=lambda s: rank_key(*s))] == [4, 7, 9]
    assert rank_key(90.0, 100) < rank_key(89.9, 1)


@given(
    qty=st.floats(0.001, 1e6),
    minimum=st.one_of(st.none(), st.floats(0.001, 1e6)),
    buy_qty=st.floats(0.001, 1e6),
    days=st.integers(0, 2000),
    held=st.sets(st.sampled_from(["A", "B", "C"])),
    required=st.sets(st.sampled_from(["A", "B", "C"])),
    hs=st.sampled_from(["100199", "100191", "1001", "100390"]),
)
def test_total_within_0_and_100(qty, minimum, buy_qty, days, held, required, hs):
    sell = rec(1, "sell", 1, quantity=qty, min_order=minimum, certs_held=frozenset(held))
    buy = rec(2, "buy", 2, quantity=buy_qty, certs_required=frozenset(required), hs_code=hs,
              published=TODAY - datetime.timedelta(days=days))  # fmt: skip
    total, parts = score(sell, buy, today=TODAY, verified_org_ids={1, 2})
    assert 0 <= total <= 100
    hs_part = parts[0]["code"]
    assert total <= scoring.TIER_MAX[hs_part]
