"""The vectorized scorer equals the scalar score bit for bit; the in-process index never goes stale."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scotemp.directory.models import OrganizationProfile
from scotemp.trade.matching import engine, index, scoring
from scotemp.trade.matching.scoring import LeadRecord
from scotemp.trade.models import Lead
from tests.factories import OrganizationFactory

from .test_matching import lead

TODAY = datetime.date(2026, 3, 1)
COUNTRY = st.sampled_from(["KZ", "CN", "RU", "UZ", None])
CERTS = st.frozensets(st.sampled_from(["ISO9001", "HALAL", "GOST", "ORGANIC"]))


@st.composite
def records(draw, kind, ident):
    org_country = draw(COUNTRY)
    published = draw(st.one_of(st.none(), st.integers(-5, 400)))
    return LeadRecord(
        id=ident,
        kind=kind,
        status="published",
        org_id=draw(st.integers(1, 4)),
        org_country=org_country,
        hs_code=draw(st.sampled_from(["100199", "100191", "1001", "100390", "1003"])),
        quantity=draw(st.sampled_from([0.0, 1.0, 25.5, 1000.0, 3000.0]) | st.floats(0.001, 1e6)),
        unit=draw(st.sampled_from(["TNE", "KGM"])),
        min_order=draw(st.none() | st.sampled_from([0.0, 500.0]) | st.floats(0.001, 1e6)),
        incoterm=draw(st.sampled_from(["FCA", "FOB", "CIF", "EXW", "DAP"])),
        place=draw(st.sampled_from(["KZALA", "CNSHA", "RUMOW"])),
        origin=draw(COUNTRY) if kind == "sell" else None,
        countries=draw(st.frozensets(st.sampled_from(["KZ", "CN", "RU", "UZ", "IN"]), max_size=3)),
        certs_held=draw(CERTS),
        certs_required=draw(CERTS),
        valid_until=TODAY + datetime.timedelta(days=draw(st.integers(-3, 30))),
        published=None if published is None else TODAY - datetime.timedelta(days=published),
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data(), q_kind=st.sampled_from(["sell", "buy"]))
def test_score_many_is_bit_identical_to_score(data, q_kind):
    other = "buy" if q_kind == "sell" else "sell"
    q = data.draw(records(q_kind, 0).filter(lambda r: scoring.is_open(r, TODAY)))
    cands = [data.draw(records(other, i)) for i in range(1, data.draw(st.integers(1, 12)))]
    verified = data.draw(st.sets(st.integers(1, 4)))
    g = index._group_from_records(other, "10", (), cands, verified)
    totals = index.score_many(q, g, today=TODAY, q_verified=q.org_id in verified)
    for i, cand in enumerate(cands):
        assert g.record(i) == cand  # the columns round-trip
        expected = scoring.score(q, cand, today=TODAY, verified_org_ids=verified)
        if expected is None:
            assert totals[i] == -np.inf
        else:
            assert totals[i] == expected[0]  # exact, not approximately: the rank order depends on it
    # The top rows follow the brute-force order (total descending, then id), ties included.
    want = sorted(
        (scoring.rank_key(r[0], c.id), c.id)
        for c in cands
        if (r := scoring.score(q, c, today=TODAY, verified_org_ids=verified)) is not None
    )
    assert [int(g.ids[i]) for i in index.top_rows(totals, g.ids, 5)] == [c for _k, c in want][:5]


def test_top_rows_keeps_ties_at_the_cut_in_id_order():
    totals = np.array([50.0, 70.0, 70.0, 70.0, -np.inf, 90.0])
    ids = np.array([6, 5, 4, 3, 2, 1])
    assert list(ids[index.top_rows(totals, ids, 3)]) == [1, 3, 4]


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_index_follows_every_kind_of_write():
    """Writes that bypass the lead actions (queryset update, country list, verification, a new
    lead) reach the cached index through the database triggers."""
    seller, buyer = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    buy = lead(buyer, "buy", quantity=1000)
    sell = lead(seller, "sell", quantity=1000)

    def fast():
        return [(round(t, 6), c) for t, c, _p in engine.top_matches(buy.pk)]

    def brute():
        return [(round(t, 6), c) for t, c, _p in engine.brute_force_top_matches(buy.pk)]

    first = fast()
    assert first == brute() and [c for _t, c in first] == [sell.pk]
    Lead.objects.filter(pk=sell.pk).update(quantity=500)  # no save(), no action
    assert fast() == brute() != first
    sell.countries.set(["RU"])  # the buyer's country is no longer a destination
    assert fast() == brute()
    OrganizationProfile.objects.update_or_create(
        organization=seller, defaults={"verification_status": "verified"}
    )
    assert fast() == brute()
    twin = lead(OrganizationFactory(country_id="RU"), "sell", quantity=1000)
    assert [c for _t, c in fast()] == [c for _t, c in brute()] and twin.pk in [c for _t, c in fast()]
    Lead.objects.filter(pk=twin.pk).update(status="paused")
    assert fast() == brute() and twin.pk not in [c for _t, c in fast()]


@pytestmark_db
def test_rematch_all_stores_the_union_of_every_open_leads_top_20():
    """The bulk job leaves exactly what the per-lead task would: each open lead's top 20 as Match
    rows (scores and parts from ``score``), stale rows deleted, still-matching rows kept."""

    from scotemp.trade.matching.store import rematch_all
    from scotemp.trade.models import Match

    from .test_matching import generated_leads

    ids = generated_leads(30, 700, seed=5)
    rematch_all()
    want = {}
    for lead_id in ids:
        kind = Lead.objects.get(pk=lead_id).kind
        for total, cand, parts in engine.top_matches(lead_id):
            want[(lead_id, cand) if kind == "sell" else (cand, lead_id)] = (total, parts)
    got = {(m.sell_lead_id, m.buy_lead_id): (m.score, m.parts) for m in Match.objects.all()}
    assert got == want and len(got) > 1000
    paused = ids[:50]
    Lead.objects.filter(pk__in=paused).update(status="paused")
    totals = rematch_all()
    assert totals["deleted"] > 0
    assert not Match.objects.filter(sell_lead_id__in=paused).exists()
    assert not Match.objects.filter(buy_lead_id__in=paused).exists()
    assert rematch_all()["created"] == 0  # idempotent
