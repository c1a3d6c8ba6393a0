"""The matchmaking engine on the database: exact fast path, storage, notifications, decisions."""

import datetime
import importlib.util
import random
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from scotemp.directory.models import OrganizationProfile
from scotemp.notifications.models import Notification, OutboxEmail
from scotemp.trade.matching import engine
from scotemp.trade.matching.store import recompute_matches, rematch_all
from scotemp.trade.models import Lead, Match, MatchDecision
from scotemp.trade.tasks.matching import remove_lead_matches
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _dataset_module():
    path = Path(__file__).resolve().parents[3] / "bench" / "leads_dataset.py"
    spec = importlib.util.spec_from_file_location("leads_dataset", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_leads(n_orgs: int, n_leads: int, seed: int) -> list[int]:
    """``n_leads`` open leads from the benchmark dataset's distributions (Zipf over HS headings, the
    staples heavy, origins per product) for ``n_orgs`` new organizations, ~30 % of them verified."""
    from scotemp.directory.models import OrganizationProfile

    ds = _dataset_module()
    rng = random.Random(seed)
    for _ in range(n_orgs):
        org = OrganizationFactory(country_id=rng.choice(ds.generate.COUNTRIES))
        if rng.random() < 0.3:
            OrganizationProfile.objects.update_or_create(
                organization=org, defaults={"verification_status": "verified"}
            )
    return ds.new_leads(n_leads, seed=seed)


def lead(org, kind="sell", hs="100199", **extra):
    values = dict(
        organization=org,
        kind=kind,
        status="published",
        language="en",
        hs_code_id=hs,
        quantity=Decimal("1000"),
        unit_id="TNE",
        incoterm_id="FCA",
        incoterm_place_id="KZALA",
        origin_country_id="KZ" if kind == "sell" else None,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        published_at=timezone.now(),
    )
    countries = extra.pop("countries", [])
    values.update(extra)
    values["title_en"] = f"{kind} {values['hs_code_id']}"
    obj = Lead.objects.create(**values)
    obj.countries.set(countries)
    return obj


def test_fast_path_equals_brute_force_on_a_skewed_dataset():
    """A few thousand generated leads (Zipf over HS headings, staples heavy): for every sampled
    lead the tiered engine returns exactly the brute-force top 20 (ids, scores, order)."""
    generated_leads(60, 2500, seed=3)
    # Many identical leads: exact ties that only the id order separates.
    twin_org = OrganizationFactory()
    for _ in range(25):
        lead(twin_org, "buy", published_at=timezone.now() - datetime.timedelta(days=3))
    ids = list(Lead.objects.order_by("id").values_list("id", flat=True))
    for lead_id in random.Random(4).sample(ids, 80) + ids[-3:]:
        fast = engine.top_matches(lead_id)
        brute = engine.brute_force_top_matches(lead_id)
        assert [(t, c) for t, c, _ in fast] == [(t, c) for t, c, _ in brute], lead_id
        assert [p for _t, _c, p in fast] == [p for _t, _c, p in brute]


def test_ties_keep_the_smaller_ids_within_the_limit():
    seller = OrganizationFactory()
    offer = lead(seller, "sell")
    buyers = [lead(OrganizationFactory(), "buy") for _ in range(5)]
    top = engine.top_matches(offer, limit=3)
    assert len({t for t, _c, _p in top}) == 1
    assert [c for _t, c, _p in top] == sorted(b.id for b in buyers)[:3]
    assert top == engine.brute_force_top_matches(offer, limit=3)


def test_closed_paused_expired_and_same_org_leads_are_not_matched():
    seller = OrganizationFactory()
    offer = lead(seller, "sell")
    ok = lead(OrganizationFactory(), "buy")
    lead(OrganizationFactory(), "buy", status="paused")
    lead(OrganizationFactory(), "buy", status="closed")
    lead(OrganizationFactory(), "buy", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    lead(seller, "buy")
    lead(OrganizationFactory(), "sell")
    lead(OrganizationFactory(), "buy", hs_code_id="520100")
    assert [c for _t, c, _p in engine.top_matches(offer)] == [ok.id]
    offer.status = "paused"
    offer.save()
    assert engine.top_matches(offer) == []


def test_verified_counterpart_ranks_first():
    offer = lead(OrganizationFactory(), "sell")
    plain = lead(OrganizationFactory(), "buy")
    checked_org = OrganizationFactory()
    OrganizationProfile.objects.create(organization=checked_org, verification_status="verified")
    checked = lead(checked_org, "buy")
    top = engine.top_matches(offer)
    assert [c for _t, c, _p in top] == [checked.id, plain.id]
    assert top[0][0] - top[1][0] == pytest.approx(4.0)


def test_recompute_stores_both_directions_and_notifies_each_side_once(aigerim, kz_org, li_wei, cn_org):
    offer = lead(kz_org, "sell", author=aigerim)
    request = lead(cn_org, "buy", author=li_wei, hs_code_id="1001", countries=["KZ"])
    counts = recompute_matches(offer.id)
    assert counts["created"] == 1
    match = Match.objects.get()
    assert (match.sell_lead_id, match.buy_lead_id) == (offer.id, request.id)
    assert match.notified_at is not None
    assert {n.user for n in Notification.objects.filter(kind="match.new")} == {aigerim, li_wei}
    assert OutboxEmail.objects.filter(dedupe_key__startswith="match:").count() == 2
    li_note = Notification.objects.get(user=li_wei)
    assert li_note.params["explanation"]["en"].startswith("Same HS heading 1001")
    assert li_note.params["lead_title"]["en"] == request.title_en
    # The other side's recomputation finds the same pair: no second row, no second notification.
    assert recompute_matches(request.id)["created"] == 0
    assert Match.objects.count() == 1 and Notification.objects.count() == 2


def test_task_runs_on_publish_and_pause_removes_the_match(
    aigerim, kz_org, li_wei, cn_org, django_capture_on_commit_callbacks
):
    from scotemp.trade import actions

    request = lead(cn_org, "buy", author=li_wei)
    offer = lead(kz_org, "sell", author=aigerim, status="draft", published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_lead(aigerim, offer)  # the immediate task backend runs the rematch on commit
    assert Match.objects.filter(sell_lead=offer, buy_lead=request).exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.pause_lead(aigerim, Lead.objects.get(pk=offer.pk))
    assert not Match.objects.exists()


def test_dismissed_pairs_stay_dismissed_and_are_not_notified_again(aigerim, kz_org, li_wei, cn_org):
    from scotemp.trade.actions import decide_match

    offer = lead(kz_org, "sell", author=aigerim)
    request = lead(cn_org, "buy", author=li_wei)
    recompute_matches(offer.id, notify=False)
    match = Match.objects.get()
    decide_match(li_wei, match, cn_org.id, "dismissed")
    # The pair stops matching (offer paused), comes back (published): the decision survives, and
    # only the seller's side is told about the "new" match.
    Lead.objects.filter(pk=offer.pk).update(status="paused")
    recompute_matches(offer.id)
    assert not Match.objects.exists()
    assert MatchDecision.objects.get().action == "dismissed"
    Lead.objects.filter(pk=offer.pk).update(status="published")
    recompute_matches(offer.id)
    assert Match.objects.filter(sell_lead=offer, buy_lead=request).exists()
    assert list(Notification.objects.values_list("user__email", flat=True)) == [aigerim.email]


def test_expired_leads_lose_their_matches_and_rematch_all_rebuilds(kz_org, cn_org):
    offer = lead(kz_org, "sell")
    request = lead(cn_org, "buy")
    other = lead(OrganizationFactory(), "buy", hs_code_id="1001")
    totals = rematch_all()
    assert totals["leads"] == 3 and Match.objects.count() == 2
    assert not Notification.objects.exists()  # bulk recomputation announces nothing
    Lead.objects.filter(pk=request.pk).update(status="expired")
    remove_lead_matches.enqueue([request.pk])
    assert list(Match.objects.values_list("buy_lead_id", flat=True)) == [other.id]
    Lead.objects.filter(pk=request.pk).update(status="published")
    Lead.objects.filter(pk=offer.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    assert rematch_all()["deleted"] == 1
    assert not Match.objects.exists()
