""" "My matches" (page and API) at any size: paged 20 to a page / ``?page=&limit=``, best first across
both sides of the organization, without its dismissed pairs, a bounded page of HTML and a fixed
number of queries; the organization columns of Match kept by every writer and filled by migration."""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scotemp.trade import actions
from scotemp.trade.choices import MatchAction
from scotemp.trade.matching.store import recompute_matches
from scotemp.trade.models import Match
from scotemp.trade.tests.test_matching_pages import english, lead
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(cn_org, kz_org):
    """``cn_org`` with one buy request and one sell offer, matched with ``n`` leads of other
    organizations on either side: scores 1..n, the real scorer's parts (for a realistic page)."""

    def make(n):
        request = lead(cn_org, "buy", "100199", title_en="Wheat for flour mills")
        offer = lead(cn_org, "sell", "100630", title_en="Rice, 25 kg bags", origin_country_id="CN")
        if not parts:
            recompute_matches(request.id, notify=False)
            parts.extend(Match.objects.get().parts)  # with kz_org's offer below
        Match.objects.all().delete()
        for i in range(n):
            other = MembershipFactory(user=UserFactory(), organization__country_id="KZ").organization
            if i % 2:
                counterpart = lead(other, "sell", "100199", title_en=f"Wheat offer {i}")
                Match.objects.create(sell_lead=counterpart, buy_lead=request, score=i + 1, parts=parts)
            else:
                counterpart = lead(other, "buy", "100630", title_en=f"Rice request {i}")
                Match.objects.create(sell_lead=offer, buy_lead=counterpart, score=i + 1, parts=parts)
        return request, offer

    lead(kz_org, "sell", "100199", title_en="Milling wheat, class 3")  # gives the first match its parts
    parts = []
    return make


def scores(html: str) -> list[int]:
    return [int(s) for s in re.findall(r'class="badge match-score"[^>]*>(\d+)<', html)]


def test_page_is_paged_best_first_across_both_sides(client, li_wei, many):
    many(45)
    client.force_login(english(li_wei))
    first = client.get(reverse("trade:matches")).content.decode()
    assert scores(first) == list(range(45, 25, -1))
    assert "Page 1 of 3" in first and 'href="?page=2" rel="next"' in first
    second = client.get(reverse("trade:matches") + "?page=2").content.decode()
    assert scores(second) == list(range(25, 5, -1))
    assert 'href="?page=1" rel="prev"' in second
    assert scores(client.get(reverse("trade:matches") + "?page=3").content.decode()) == [5, 4, 3, 2, 1]
    # A page past the end shows the last one, not an error.
    assert scores(client.get(reverse("trade:matches") + "?page=99").content.decode()) == [5, 4, 3, 2, 1]


def test_page_html_and_queries_stay_bounded_with_many_matches(client, li_wei, many):
    many(24)
    client.force_login(english(li_wei))
    client.get(reverse("trade:matches"))  # the process's first route lookup loads the corridor network once
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("trade:matches"))
    Match.objects.all().delete()
    many(120)
    client.get(reverse("trade:matches"))  # steady state again (the network is read at most once per stamp)
    with CaptureQueriesContext(connection) as lots:
        response = client.get(reverse("trade:matches"))
    assert len(scores(response.content.decode())) == 20
    assert len(response.content) < 100_000, len(response.content)
    assert len(lots.captured_queries) == len(few.captured_queries)
    assert len(lots.captured_queries) <= 20


def test_dismissed_pairs_leave_pages_and_counts_bookmarks_have_their_list(client, li_wei, cn_org, many):
    many(30)
    best = list(Match.objects.order_by("-score")[:3])
    for match in best[:2]:
        actions.decide_match(li_wei, match, cn_org.pk, MatchAction.DISMISSED)
    actions.decide_match(li_wei, best[2], cn_org.pk, MatchAction.BOOKMARKED)
    client.force_login(english(li_wei))
    page = client.get(reverse("trade:matches")).content.decode()
    assert scores(page)[:2] == [28, 27] and "Page 1 of 2" in page
    assert scores(client.get(reverse("trade:matches") + "?page=2").content.decode()) == list(range(8, 0, -1))
    assert scores(client.get(reverse("trade:matches") + "?bookmarked=1").content.decode()) == [28]
    body = client.get("/api/v1/matches?bookmarked=true").json()
    assert body["total"] == 1 and [r["score"] for r in body["results"]] == [28]


def test_api_pages_the_organizations_matches(client, li_wei, aigerim, outsider, many):
    request, offer = many(25)
    client.force_login(li_wei)
    body = client.get("/api/v1/matches?limit=10&page=2").json()
    assert (body["total"], body["page"], body["limit"]) == (25, 2, 10)
    assert [r["score"] for r in body["results"]] == list(range(15, 5, -1))
    assert body["next"].endswith("page=3") and body["previous"].endswith("page=1")
    own = {r["lead"]["public_id"] for r in body["results"]}
    assert own == {str(request.public_id), str(offer.public_id)}
    last = client.get(body["next"]).json()
    assert [r["score"] for r in last["results"]] == [5, 4, 3, 2, 1] and last["next"] is None
    assert client.get("/api/v1/matches?limit=101").status_code == 422
    assert client.get("/api/v1/matches?page=0").status_code == 422
    # Another organization sees none of them; a user acting for no organization gets 404.
    client.force_login(aigerim)
    assert client.get("/api/v1/matches").json()["total"] == 0
    client.force_login(outsider)
    assert client.get("/api/v1/matches").status_code == 404


def test_lead_matches_api_pages_the_same_way(client, li_wei, many):
    request, _offer = many(30)
    client.force_login(li_wei)
    body = client.get(f"/api/v1/leads/{request.public_id}/matches?limit=5&page=2").json()
    assert body["total"] == 15  # the odd ones: sell offers matched with the request
    assert [r["score"] for r in body["results"]] == [20, 18, 16, 14, 12]


def test_every_writer_sets_the_organizations(cn_org, kz_org):
    offer = lead(kz_org, "sell", "100199")
    request = lead(cn_org, "buy", "100199")
    recompute_matches(offer.id, notify=False)  # bulk_create
    match = Match.objects.get()
    assert (match.sell_organization_id, match.buy_organization_id) == (kz_org.pk, cn_org.pk)
    Match.objects.all().delete()
    from scotemp.trade.matching.store import rematch_all

    rematch_all()  # the chapter writer (COPY / executemany)
    match = Match.objects.get()
    assert (match.sell_organization_id, match.buy_organization_id) == (kz_org.pk, cn_org.pk)
    assert (match.sell_lead_id, match.buy_lead_id) == (offer.pk, request.pk)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_migration_fills_the_organizations_of_existing_matches(cn_org, kz_org):
    offers = [lead(kz_org, "sell", "100199", title_en=f"Offer {i}") for i in range(3)]
    request = lead(cn_org, "buy", "100199")
    try:
        old_apps = _migrate([("trade", "0005_matchindexversion")])
        OldMatch = old_apps.get_model("trade", "Match")
        for i, offer in enumerate(offers):
            OldMatch.objects.create(sell_lead_id=offer.pk, buy_lead_id=request.pk, score=10 + i, parts=[])
    finally:  # back to the latest state of every app, whatever came after these migrations
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    rows = set(Match.objects.values_list("sell_lead_id", "sell_organization_id", "buy_organization_id"))
    assert rows == {(offer.pk, kz_org.pk, cn_org.pk) for offer in offers}
