"""An API token acts for the organization it was issued for, and only for it.

The user here belongs to two organizations: A (the Kazakh exporter) and B (the Chinese importer), and
B is their active organization on the site. With a token issued for A they must not read or write
anything of B's negotiations with a third party (404 everywhere), and on a negotiation between B
and A they act as A, the seller: a message goes out in A's name, never B's."""

import pytest
from django.core.exceptions import PermissionDenied

from scotemp.accounts import actions as account_actions
from scotemp.core.effects import history
from scotemp.deals import actions
from scotemp.deals.models import Message, Rfq
from scotemp.notifications.models import Notification
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .helpers import open_deal, quoted_inquiry, rfq_values
from .test_api import get, post, rfq_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def dual(kz_org, cn_org):
    """A user in both organizations, acting for B (cn_org) on the site."""
    user = UserFactory(email="dual@example.test", full_name="Dual Member")
    MembershipFactory(user=user, organization=kz_org, role="admin")
    MembershipFactory(user=user, organization=cn_org, role="admin")
    user.active_organization = cn_org
    user.save(update_fields=["active_organization"])
    return user


@pytest.fixture
def world(dual, li_wei, cn_org, aigerim, kz_org):
    """B's negotiation with a third party X (a deal, and a second, quoted inquiry), and a
    negotiation where B buys from A."""
    third = OrganizationFactory(name="Third Party Mill")
    third_user = MembershipFactory(organization=third, role="owner").user
    b_deal = open_deal(li_wei, cn_org, third_user, third)
    b_inquiry, b_quotation = quoted_inquiry(li_wei, cn_org, third_user, third)
    ba_deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    return {
        "b_deal": b_deal,
        "b_inquiry": b_inquiry,
        "b_quotation": b_quotation,
        "ba_deal": ba_deal,
        "ba_inquiry": ba_deal.inquiry,
    }


def token_for(user, organization, scope="write"):
    _token, raw = account_actions.create_api_token(user, organization.public_id, "script", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_token_for_A_neither_reads_nor_writes_Bs_negotiations(client, dual, kz_org, world):
    a_token = token_for(dual, kz_org)
    b_deal, b_inquiry, b_quotation = world["b_deal"], world["b_inquiry"], world["b_quotation"]
    hidden_reads = [
        f"/inquiries/{b_inquiry.public_id}",
        f"/inquiries/{b_inquiry.public_id}/messages",
        f"/inquiries/{b_inquiry.public_id}/quotations",
        f"/quotations/{b_quotation.public_id}",
        f"/rfqs/{b_inquiry.rfq.public_id}/comparison",
        f"/deals/{b_deal.public_id}",
        f"/deals/{b_deal.public_id}/events",
        f"/deals/{b_deal.public_id}/terms",
    ]
    for path in hidden_reads:
        assert get(client, path, **a_token).status_code == 404, path
    hidden_writes = [
        (f"/inquiries/{b_inquiry.public_id}/messages", {"body": "Hello from A"}),
        (f"/inquiries/{b_inquiry.public_id}/close", {}),
        (f"/inquiries/{b_inquiry.public_id}/read", {}),
        (f"/inquiries/{b_inquiry.public_id}/operator-access", {"reason": "help"}),
        (f"/quotations/{b_quotation.public_id}/accept", {}),
        (f"/deals/{b_deal.public_id}/transitions", {"action": "cancel", "reason": "A cancels B's deal"}),
        (f"/deals/{b_deal.public_id}/terms/1/reject", {"reason": "no"}),
    ]
    for path, body in hidden_writes:
        assert post(client, path, body, **a_token).status_code == 404, path
    assert not Message.objects.filter(inquiry=b_inquiry).exists()
    b_deal.refresh_from_db()
    b_inquiry.refresh_from_db()
    assert (b_deal.status, b_inquiry.status) == ("negotiating", "quoted")

    # The lists hold A's side of the B–A negotiation only.
    inquiries = get(client, "/inquiries", **a_token).json()
    assert [(i["public_id"], i["role"]) for i in inquiries["results"]] == [
        (str(world["ba_inquiry"].public_id), "seller")
    ]
    assert inquiries["results"][0]["rfq"] is None  # the buyer's request is B's, not A's
    assert get(client, "/inquiries?role=buyer", **a_token).json()["total"] == 0
    deals = get(client, "/deals", **a_token).json()
    assert [(d["public_id"], d["role"]) for d in deals["results"]] == [
        (str(world["ba_deal"].public_id), "seller")
    ]


def test_on_a_negotiation_between_B_and_A_the_token_acts_as_A(client, dual, kz_org, cn_org, li_wei, world):
    a_token = token_for(dual, kz_org)
    inquiry, deal = world["ba_inquiry"], world["ba_deal"]
    response = post(
        client, f"/inquiries/{inquiry.public_id}/messages", {"body": "Loading next week"}, **a_token
    )
    assert response.status_code == 201, response.content
    assert response.json()["organization"]["public_id"] == str(kz_org.public_id)
    assert Message.objects.get(inquiry=inquiry).organization == kz_org
    # B's members are told about A's message; the author is not told about their own message.
    assert Notification.objects.filter(user=li_wei, kind="deals.message").count() == 1
    assert not Notification.objects.filter(user=dual, kind="deals.message").exists()

    # Only the buyer confirms completion: A's token is the seller, whatever the user's active org.
    assert get(client, f"/deals/{deal.public_id}", **a_token).json()["role"] == "seller"
    actions.transition_deal(li_wei, deal, "agree")  # B confirmed the terms; A's confirmation completes
    agreed = post(client, f"/deals/{deal.public_id}/transitions", {"action": "agree"}, **a_token)
    assert agreed.status_code == 200 and agreed.json()["role"] == "seller"
    entry = history(deal).get(verb="deal.status_changed")
    assert (entry.organization_id, entry.actor_id) == (kz_org.pk, dual.pk)
    # The buyer's comparison is B's: A's token gets 404, B's own session gets it.
    comparison = f"/rfqs/{inquiry.rfq.public_id}/comparison"
    assert get(client, comparison, **a_token).status_code == 404
    assert get(client, comparison, **token_for(dual, cn_org)).status_code == 200


def test_a_token_sends_requests_in_its_own_organizations_name(client, dual, kz_org, cn_org, aigerim):
    seller = OrganizationFactory(name="Seller for A")
    response = post(client, "/inquiries", rfq_body(seller), **token_for(dual, kz_org))
    assert response.status_code == 201, response.content
    assert Rfq.objects.get(public_id=response.json()["rfq"]).buyer == kz_org
    # Asking its own other organization is asking a seller like any other.
    response = post(client, "/inquiries", rfq_body(cn_org), **token_for(dual, kz_org))
    assert response.status_code == 201, response.content


def test_on_the_site_a_member_of_both_acts_for_the_active_organization(client, dual, kz_org, cn_org, world):
    inquiry = world["ba_inquiry"]
    assert actions.side_of(dual, inquiry) == "buyer"  # active organization: B, the buyer
    message = actions.post_message(dual, inquiry, "From B")
    assert message.organization == cn_org
    dual.active_organization = kz_org
    dual.save(update_fields=["active_organization"])
    assert actions.side_of(dual, inquiry) == "seller"
    assert actions.post_message(dual, inquiry, "From A").organization == kz_org


def test_a_read_only_token_reads_but_never_writes(client, dual, kz_org, world):
    read_token = token_for(dual, kz_org, scope="read")
    inquiry = world["ba_inquiry"]
    assert get(client, f"/inquiries/{inquiry.public_id}", **read_token).status_code == 200
    response = post(client, f"/inquiries/{inquiry.public_id}/messages", {"body": "x"}, **read_token)
    assert response.status_code == 403
    assert not Message.objects.filter(inquiry=inquiry).exists()


def test_the_action_refuses_a_token_bound_user_for_the_other_organization(dual, kz_org, cn_org):
    from scotemp.core.permissions import bind_organization

    bind_organization(dual, kz_org.pk)  # as the token authentication does
    with pytest.raises(PermissionDenied):
        actions.send_rfq(dual, cn_org, rfq_values(), [OrganizationFactory().public_id])
