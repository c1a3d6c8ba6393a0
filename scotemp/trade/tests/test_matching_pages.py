"""Match pages and API: only the owning organization's members, explanations, bookmark/dismiss."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from scotemp.trade.matching.store import recompute_matches
from scotemp.trade.models import Lead, Match, MatchDecision
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def lead(org, kind, hs, **extra):
    values = dict(
        organization=org,
        kind=kind,
        status="published",
        language="en",
        title_en=f"{kind} {hs}",
        hs_code_id=hs,
        quantity=Decimal("1000"),
        unit_id="TNE",
        incoterm_id="FCA",
        incoterm_place_id="KZALA",
        origin_country_id="KZ" if kind == "sell" else None,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        published_at=timezone.now(),
    )
    values.update(extra)
    return Lead.objects.create(**values)


@pytest.fixture
def pair(kz_org, cn_org):
    offer = lead(kz_org, "sell", "100199", title_en="Milling wheat, class 3")
    request = lead(cn_org, "buy", "100199", title_en="Wheat for flour mills")
    recompute_matches(offer.id, notify=False)
    return offer, request, Match.objects.get()


def english(user):
    user.language = "en"
    user.save()
    return user


def test_api_lists_matches_for_members_only(client, aigerim, li_wei, outsider, pair):
    offer, request, match = pair
    client.force_login(english(li_wei))
    url = f"/api/v1/leads/{request.public_id}/matches"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert (page["total"], page["next"]) == (1, None)
    data = page["results"]
    assert [m["id"] for m in data] == [match.pk]
    assert data[0]["counterpart"]["public_id"] == str(offer.public_id)
    assert data[0]["explanation"].startswith("Same HS subheading 100199 · quantity 100% covered")
    assert {p["code"] for p in data[0]["parts"]} >= {"hs_subheading", "quantity", "freshness"}
    # Not a member of the lead's organization (the other side, an outsider, anonymous): 404.
    client.force_login(aigerim)
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (401, 404)


def test_explanations_in_each_viewers_language(client, li_wei, aigerim, pair):
    offer, request, _match = pair
    client.force_login(li_wei)
    url = f"/api/v1/leads/{request.public_id}/matches"
    with_zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]
    client.force_login(aigerim)
    with_ru = client.get(f"/api/v1/leads/{offer.public_id}/matches", HTTP_ACCEPT_LANGUAGE="ru").json()[
        "results"
    ]
    # Same parts, rendered per language (the catalogues are filled in a final pass: the numbers and
    # codes are what both sides share).
    assert with_zh[0]["parts"] == with_ru[0]["parts"]
    assert "100199" in with_zh[0]["explanation"] and "100199" in with_ru[0]["explanation"]


def test_bookmark_and_dismiss_through_api_and_pages(client, li_wei, aigerim, outsider, pair, cn_org):
    _offer, request, match = pair
    client.force_login(outsider)
    assert client.post(f"/api/v1/matches/{match.pk}/bookmark").status_code == 404
    client.force_login(english(li_wei))
    assert client.post(f"/api/v1/matches/{match.pk}/bookmark").json() == {
        "id": match.pk,
        "decision": "bookmarked",
    }
    page = client.get(reverse("trade:matches") + "?bookmarked=1")
    assert "Milling wheat, class 3" in page.content.decode()
    response = client.post(reverse("trade:match_decide", args=[match.pk, "dismiss"]))
    assert response.status_code == 302
    assert MatchDecision.objects.get(organization=cn_org).action == "dismissed"
    assert "Milling wheat, class 3" not in client.get(reverse("trade:matches")).content.decode()
    assert client.get(f"/api/v1/leads/{request.public_id}/matches").json()["results"] == []
    # The seller's side still sees it.
    client.force_login(english(aigerim))
    assert "Wheat for flour mills" in client.get(reverse("trade:matches")).content.decode()


def test_lead_page_shows_matches_to_members_only(
    client, li_wei, aigerim, pair, django_assert_max_num_queries
):
    _offer, request, _match = pair
    url = reverse("trade:lead_detail", args=[request.public_id])
    client.force_login(english(li_wei))
    body = client.get(url).content.decode()
    assert 'id="matches"' in body and "Milling wheat, class 3" in body
    client.force_login(english(aigerim))
    assert 'id="matches"' not in client.get(url).content.decode()


def test_matches_page_query_count_does_not_grow(
    client, li_wei, cn_org, kz_org, django_assert_max_num_queries
):
    request = lead(cn_org, "buy", "100199")
    for i in range(6):
        other = MembershipFactory(user=UserFactory(), organization__country_id="KZ").organization
        lead(other, "sell", "100199", title_en=f"Offer {i}")
    recompute_matches(request.id, notify=False)
    client.force_login(english(li_wei))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("trade:matches"))
    assert response.content.decode().count('class="card match"') == 6
