"""ADR 0010: a match is seen and decided by members of either side's organization only: not by
operators, not by a token issued for another organization of the same user."""

import pytest
from django.http import Http404
from django.urls import reverse

from scotemp.accounts import actions as account_actions
from scotemp.core.effects import history
from scotemp.trade.actions import decide_match, undo_decision
from scotemp.trade.models import Match, MatchDecision
from tests.factories import MembershipFactory

from .test_matching_pages import english, pair  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_operators_see_no_match_rows(client, operator, pair):  # noqa: F811
    _offer, request, match = pair
    assert not Match.objects.visible_to(operator).exists()
    assert not Match.objects.editable_by(operator).exists()
    assert not Match.objects.member_of(operator).exists()
    client.force_login(english(operator))
    assert client.get(f"/api/v1/leads/{request.public_id}/matches").status_code == 404
    assert client.post(f"/api/v1/matches/{match.pk}/bookmark").status_code == 404
    assert client.post(reverse("trade:match_decide", args=[match.pk, "dismiss"])).status_code == 404
    # The lead page itself is open to operators (they moderate leads), its matches are not.
    page = client.get(reverse("trade:lead_detail", args=[request.public_id]))
    assert page.status_code == 200 and 'id="matches"' not in page.content.decode()
    assert not MatchDecision.objects.exists()


def test_members_of_either_side_see_the_match(li_wei, aigerim, pair):  # noqa: F811
    _offer, _request, match = pair
    assert list(Match.objects.member_of(li_wei)) == [match]
    assert list(Match.objects.member_of(aigerim)) == [match]


def test_a_token_acts_for_its_organization_only(client, li_wei, aigerim, kz_org, pair):  # noqa: F811
    """Li Wei also belongs to the seller's organization; a token issued for a third organization of
    his sees neither side, one issued for the seller's sees the seller's side only."""
    offer, request, match = pair
    MembershipFactory(user=li_wei, organization=kz_org, role="member")
    third = MembershipFactory(user=li_wei, role="owner").organization
    _token, raw = account_actions.create_api_token(li_wei, third.public_id, "elsewhere", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    for lead in (offer, request):
        assert client.get(f"/api/v1/leads/{lead.public_id}/matches", **auth).status_code == 404
    assert client.post(f"/api/v1/matches/{match.pk}/dismiss", **auth).status_code == 404
    _token, raw = account_actions.create_api_token(li_wei, kz_org.public_id, "seller", scope="write")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(f"/api/v1/leads/{request.public_id}/matches", **auth).status_code == 404
    assert client.get(f"/api/v1/leads/{offer.public_id}/matches", **auth).status_code == 200
    assert client.post(f"/api/v1/matches/{match.pk}/dismiss", **auth).status_code == 200
    # The decision is the seller's, the side the token acts for, whatever Li Wei's other memberships.
    assert list(MatchDecision.objects.values_list("organization_id", "action")) == [(kz_org.pk, "dismissed")]


def test_deciding_for_the_other_side_is_refused(li_wei, kz_org, cn_org, pair):  # noqa: F811
    _offer, _request, match = pair
    with pytest.raises(Http404):
        decide_match(li_wei, match, kz_org.pk, "dismissed")
    with pytest.raises(Http404):
        undo_decision(li_wei, match, kz_org.pk)
    assert not MatchDecision.objects.exists()


def test_each_change_of_a_decision_is_one_audit_row(li_wei, cn_org, pair):  # noqa: F811
    _offer, _request, match = pair
    decide_match(li_wei, match, cn_org.pk, "bookmarked")
    decide_match(li_wei, match, cn_org.pk, "bookmarked")  # no change: no row
    decide_match(li_wei, match, cn_org.pk, "dismissed")
    undo_decision(li_wei, match, cn_org.pk)
    rows = [(e.verb, e.from_status, e.to_status, e.organization_id) for e in history(match)]
    assert rows == [
        ("match.decided", "", "bookmarked", cn_org.pk),
        ("match.decided", "bookmarked", "dismissed", cn_org.pk),
        ("match.decided", "dismissed", "", cn_org.pk),
    ]
