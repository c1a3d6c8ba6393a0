"""Building blocks for the deals tests: a request from li_wei's Chongqing importer (buyer) to
aigerim's Kazakh exporter (seller), a quotation, and the deal that accepting it opens. Everything is
created through the actions, so the tests start from states the product really produces."""

import datetime
from decimal import Decimal

from django.utils import timezone

from scotemp.core.effects import history
from scotemp.deals import actions
from scotemp.reference.models import Currency, HSCode, Incoterm, Location, Unit


def rfq_values(**overrides) -> dict:
    today = timezone.localdate()
    values = {
        "goods": "Milling wheat, 3rd class",
        "hs_code": HSCode.objects.get(code="100199"),
        "quantity": Decimal("500"),
        "unit": Unit.objects.get(code="TNE"),
        "target_price": Decimal("230"),
        "currency": Currency.objects.get(code="USD"),
        "incoterm": Incoterm.objects.get(code="FCA"),
        "incoterm_place": Location.objects.get(locode="KZALA"),
        "delivery_from": today + datetime.timedelta(days=30),
        "delivery_until": today + datetime.timedelta(days=60),
        "questions": "Protein content? Gluten?",
        "respond_by": None,
    }
    values.update(overrides)
    return values


def quotation_values(**overrides) -> dict:
    today = timezone.localdate()
    values = {
        "unit_price": Decimal("245.50"),
        "currency": Currency.objects.get(code="USD"),
        "incoterm": Incoterm.objects.get(code="FCA"),
        "incoterm_place": Location.objects.get(locode="KZALA"),
        "quantity": Decimal("500"),
        "unit": Unit.objects.get(code="TNE"),
        "min_order": Decimal("100"),
        "lead_time_days": 21,
        "payment_terms": "30% T/T in advance, 70% against documents",
        "valid_until": today + datetime.timedelta(days=14),
        "note": "",
    }
    values.update(overrides)
    return values


def send_rfq(buyer_user, buyer_org, *sellers, **overrides):
    return actions.send_rfq(buyer_user, buyer_org, rfq_values(**overrides), [s.public_id for s in sellers])


def quoted_inquiry(buyer_user, buyer_org, seller_user, seller_org, **quote_overrides):
    rfq = send_rfq(buyer_user, buyer_org, seller_org)
    inquiry = rfq.inquiries.get(seller=seller_org)
    quotation = actions.send_quotation(seller_user, inquiry, quotation_values(**quote_overrides))
    return inquiry, quotation


def open_deal(buyer_user, buyer_org, seller_user, seller_org):
    _inquiry, quotation = quoted_inquiry(buyer_user, buyer_org, seller_user, seller_org)
    return actions.accept_quotation(buyer_user, quotation)


def walk(deal, buyer_user, seller_user, until: str):
    """Move a deal forward through the table up to the state ``until`` ("agree" and "sign" confirmed by
    both sides, the buyer first)."""
    steps = [
        ("agree", buyer_user),
        ("agree", seller_user),
        ("sign", seller_user),
        ("sign", buyer_user),
        ("start_fulfilment", seller_user),
        ("complete", buyer_user),
    ]
    for action, user in steps:
        if deal.status == until:
            break
        deal = actions.transition_deal(user, deal, action)
    return deal


def status_changes(deal):
    """The audit rows of the deal's status changes (one per transition)."""
    return history(deal).filter(verb="deal.status_changed")
