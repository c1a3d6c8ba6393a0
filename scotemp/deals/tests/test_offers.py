"""A seller answers a published buy request with an offer: li_wei's Chongqing importer asks for wheat
(a buy lead), aigerim's Kazakh exporter offers; the offer is a quotation in the buyer's inquiries and
goes on to a deal like any other. Refusals, the page, the API and the buyer's notice."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from scotemp.deals import actions, queries
from scotemp.deals.choices import InquiryStatus, QuotationStatus, RfqOrigin
from scotemp.deals.models import Inquiry, Message, Quotation, Rfq
from scotemp.notifications.models import Notification, OutboxEmail
from scotemp.trade.models import Lead
from scotemp.trade.tests.lead_data import make_lead, wheat_request
from tests.factories import MembershipFactory, OrganizationFactory

from .helpers import quotation_values
from .test_api import bearer, get, post, quotation_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def buy_lead(li_wei, cn_org):
    return make_lead(li_wei, cn_org, wheat_request(hs_code="100199"), publish=True)


def offer_values(**overrides):
    return {**quotation_values(note=""), "goods": "Пшеница 3 класса, протеин 12,5%", **overrides}


def test_an_offer_reaches_the_buyer_and_opens_a_deal(
    li_wei, cn_org, aigerim, kz_org, buy_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        quotation = actions.send_offer(
            aigerim, kz_org, buy_lead, offer_values(), "Готовы отгрузить в январе."
        )
    inquiry = quotation.inquiry
    rfq = inquiry.rfq
    assert (rfq.origin, rfq.lead, rfq.buyer, rfq.created_by) == (RfqOrigin.OFFERS, buy_lead, cn_org, None)
    assert rfq.goods == "求购优质小麦" and rfq.hs_code_id == "100199"
    assert (inquiry.buyer, inquiry.seller, inquiry.status) == (cn_org, kz_org, InquiryStatus.QUOTED)
    # The buyer finds it among its inquiries, with the seller's message opening the thread.
    assert list(queries.inquiries_for(li_wei, "buyer")) == [inquiry]
    assert Message.objects.get(inquiry=inquiry).body == "Готовы отгрузить в январе."
    [notice] = Notification.objects.filter(user=li_wei)
    assert notice.kind == "deals.offer_received"
    assert OutboxEmail.objects.filter(user=li_wei).count() == 1
    assert not Notification.objects.filter(user=aigerim).exists()

    # The same offer again (a double click) sends nothing; a changed one is the next version.
    assert actions.send_offer(aigerim, kz_org, buy_lead, offer_values()) == quotation
    revised = actions.send_offer(aigerim, kz_org, buy_lead, offer_values(unit_price=Decimal("240")))
    assert revised.version == 2 and revised.inquiry == inquiry
    assert Quotation.objects.get(pk=quotation.pk).status == QuotationStatus.SUPERSEDED

    # A second seller's offer joins the same request: the buyer compares them side by side.
    other_org = OrganizationFactory(name="ТОО «Жеңіс Астық»")
    other = MembershipFactory(organization=other_org, role="owner").user
    actions.send_offer(other, other_org, buy_lead, offer_values(unit_price=Decimal("238")))
    assert Rfq.objects.filter(lead=buy_lead).count() == 1 and rfq.inquiries.count() == 2
    assert len(queries.compare_quotations(rfq, "USD").rows) == 2

    # Then the same flow as a quotation: accepted, a deal with the product as the seller named it.
    deal = actions.accept_quotation(li_wei, revised)
    assert deal.current_terms.goods == "Пшеница 3 класса, протеин 12,5%"
    assert deal.current_terms.unit_price == Decimal("240")


def test_refusals(li_wei, cn_org, aigerim, kz_org, buy_lead, outsider):
    with pytest.raises(ValidationError) as exc:  # the buyer's own organization
        actions.send_offer(li_wei, cn_org, buy_lead, offer_values())
    assert list(exc.value.message_dict) == ["lead"] and "own organization" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        actions.send_offer(outsider, kz_org, buy_lead, offer_values())
    Lead.objects.filter(pk=buy_lead.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    buy_lead.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.send_offer(aigerim, kz_org, buy_lead, offer_values())
    assert exc.value.code == "conflict"
    Lead.objects.filter(pk=buy_lead.pk).update(status="closed", valid_until=timezone.localdate())
    buy_lead.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        actions.send_offer(aigerim, kz_org, buy_lead, offer_values())
    assert exc.value.code == "conflict"
    sell = make_lead(aigerim, kz_org, publish=True)
    with pytest.raises(ValidationError) as exc:
        actions.send_offer(li_wei, cn_org, sell, offer_values())
    assert list(exc.value.message_dict) == ["lead"] and "sell offer" in exc.value.messages[0]
    assert not Inquiry.objects.exists() and not Rfq.objects.exists()


def test_offer_pages(client, li_wei, cn_org, aigerim, kz_org, buy_lead):
    lead_url = reverse("trade:lead_detail", args=[buy_lead.public_id])
    offer_url = reverse("deals:offer_new", args=[buy_lead.public_id])
    client.force_login(aigerim)
    page = client.get(lead_url)
    assert offer_url.encode() in page.content
    form = client.get(offer_url)
    assert form.status_code == 200
    assert form.context["form"]["quantity"].value() == "5000"
    assert form.context["form"]["incoterm_place"].value() == "CNHRS"
    data = {
        "goods": "Пшеница 3 класса",
        "quantity": "3000",
        "unit": "TNE",
        "unit_price": "",
        "currency": "USD",
        "incoterm": "DAP",
        "incoterm_place": "CNHRS",
        "lead_time_days": "20",
        "valid_until": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "payment_terms": "100% L/C at sight",
        "message": "Протеин 12,5%.",
    }
    refused = client.post(offer_url, data)
    assert refused.status_code == 400 and "unit_price" in refused.context["form"].errors
    sent = client.post(offer_url, {**data, "unit_price": "239"})
    inquiry = Inquiry.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("deals:inquiry", args=[inquiry.public_id])
    # The buyer's own request shows no offer button, and its offer page sends the buyer back.
    buyer = Client()
    buyer.force_login(li_wei)
    assert offer_url.encode() not in buyer.get(lead_url).content
    back = buyer.get(offer_url)
    assert back.status_code == 302 and back["Location"] == lead_url
    inquiry_page = buyer.get(reverse("deals:inquiry", args=[inquiry.public_id]))
    assert inquiry_page.status_code == 200 and inquiry_page.context["can_accept"]


def test_offer_api(client, li_wei, cn_org, aigerim, kz_org, buy_lead):
    seller, buyer = bearer(aigerim, kz_org), bearer(li_wei, cn_org)
    path = f"/leads/{buy_lead.public_id}/offers"
    body = {**quotation_body(), "goods": "Пшеница 3 класса", "message": "Протеин 12,5%."}
    response = post(client, path, body, HTTP_IDEMPOTENCY_KEY="offer-1", **seller)
    assert response.status_code == 201, response.content
    offer = response.json()
    assert offer["inquiry"]["role"] == "seller" and offer["inquiry"]["rfq"] is None
    assert offer["quotation"]["version"] == 1 and offer["quotation"]["goods"] == "Пшеница 3 класса"
    again = post(client, path, body, HTTP_IDEMPOTENCY_KEY="offer-1", **seller)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Quotation.objects.count() == 1
    listed = get(client, "/inquiries?role=buyer", **buyer).json()["results"]
    assert [i["public_id"] for i in listed] == [offer["inquiry"]["public_id"]]

    # The buyer's own request: 422 naming the lead, in the caller's language.
    own = post(client, path, body, HTTP_ACCEPT_LANGUAGE="ru", **buyer)
    assert own.status_code == 422 and list(own.json()["errors"]) == ["lead"]
    with translation.override("ru"):
        expected = gettext("This is your own organization's buy request: it cannot receive your offer.")
    assert own.json()["errors"]["lead"] == [expected]
    bad = post(client, path, {**body, "unit_price": "0"}, **seller)
    assert bad.status_code == 422
    Lead.objects.filter(pk=buy_lead.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    expired = post(client, path, body, **seller)
    assert expired.status_code == 409 and expired.json()["detail"]
    Lead.objects.filter(pk=buy_lead.pk).update(status="closed")
    assert post(client, path, body, **seller).status_code == 404  # no longer public
    assert (
        json.loads(get(client, f"/inquiries/{offer['inquiry']['public_id']}", **buyer).content)["role"]
        == "buyer"
    )
