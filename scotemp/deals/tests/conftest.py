"""Fixtures shared by the deals tests."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from scotemp.core.effects import announce
from scotemp.deals.choices import DealStatus, TermsStatus
from scotemp.deals.models import Deal, Inquiry, Quotation, Rfq, TermSheet


@pytest.fixture
def deal(kz_org, cn_org):
    """An agreed deal (term sheet version 2) between the Kazakh seller and the Chinese buyer."""
    kz_org.registry_type, kz_org.registry_id = "kz_bin", "180140012349"
    kz_org.save()
    place = {"incoterm_id": "FCA", "incoterm_place_id": "KZHOR", "unit_id": "TNE"}
    rfq = Rfq.objects.create(buyer=cn_org, goods="Wheat", hs_code_id="100199", quantity=Decimal(500), **place)
    inquiry = Inquiry.objects.create(rfq=rfq, buyer=cn_org, seller=kz_org, status="accepted")
    quotation = Quotation.objects.create(
        inquiry=inquiry,
        status="accepted",
        unit_price=Decimal("246.5"),
        currency_id="USD",
        quantity=Decimal(500),
        lead_time_days=30,
        payment_terms="30% prepayment",
        valid_until=datetime.date(2026, 12, 31),
        **place,
    )
    deal = Deal.objects.create(inquiry=inquiry, quotation=quotation, buyer=cn_org, seller=kz_org)
    terms = TermSheet.objects.create(
        deal=deal,
        version=2,
        status=TermsStatus.ACCEPTED,
        proposed_by_org=kz_org,
        goods="Пшеница мягкая 3 класса, протеин не менее 12,5 %, влажность не более 14 %. " * 2,
        hs_code_id="100199",
        quantity=Decimal("1250.5"),
        unit_id="TNE",
        unit_price=Decimal("246.5"),
        currency_id="USD",
        incoterm_id="FCA",
        incoterm_place_id="KZHOR",
        payment_terms="30% prepayment, 70% against copies of the railway bill",
        delivery_from=datetime.date(2027, 1, 10),
        delivery_until=datetime.date(2027, 2, 28),
        inspection="SGS at loading",
        documents_required="Invoice, packing list, phytosanitary certificate, certificate of origin ST-1",
        note="重庆团结村站交货后通知买方",
    )
    now = timezone.now()
    deal.status, deal.agreed_terms, deal.current_terms, deal.agreed_at = DealStatus.AGREED, terms, terms, now
    deal.save()
    with transaction.atomic():
        announce("deal.opened", subject=deal, to_status="negotiating", at=now - datetime.timedelta(days=3))
        announce("deal.status_changed", subject=deal, from_status="negotiating", to_status="agreed", at=now)
    return deal
