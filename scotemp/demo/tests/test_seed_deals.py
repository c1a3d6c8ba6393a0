"""The demo deals pipeline: every deal state, work for every persona, dates in the past of 2026, a report
spanning several months, and nothing duplicated when ``seed_demo`` runs again."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from scotemp.accounts.models import Organization
from scotemp.core.models import AuditEntry
from scotemp.deals.choices import TIMELINE_VERBS, DealStatus, InquiryStatus, QuotationStatus, TermsStatus
from scotemp.deals.models import Deal, Inquiry, Message, Quotation, Rfq, TermSheet
from scotemp.deals.queries import deal_audit
from scotemp.deals.reporting import deal_report
from scotemp.notifications.models import Notification
from scotemp.reference.models import FxRate

pytestmark = pytest.mark.django_db


def counts():
    return {
        **{
            model.__name__: model.objects.count()
            for model in (Rfq, Inquiry, Quotation, Message, Deal, TermSheet, Notification, FxRate)
        },
        "audit": AuditEntry.objects.filter(subject_type__app_label="deals").count(),
    }


def test_seed_demo_creates_a_deals_pipeline_once():
    call_command("seed_demo", verbosity=0)
    assert set(Deal.objects.values_list("status", flat=True)) == set(DealStatus.values)
    assert FxRate.objects.filter(is_demo=True).count() > 3000

    liwei = Organization.objects.get(name_latin="Chongqing Yuliang Foods Co., Ltd.")
    aigerim = Organization.objects.get(name_latin="Astyk Trade Almaty LLP")
    # The open RFQ: three sellers on DAP in three currencies, Aigerim's revised once; three more on
    # other Incoterms rules (scotemp/demo/logistics_costs.py) for the comparison on delivered cost.
    rfq = Rfq.objects.get(buyer=liwei, goods="三级食用小麦，2027年一季度交货")
    assert rfq.inquiries.count() == 6
    current = Quotation.objects.filter(inquiry__rfq=rfq, status=QuotationStatus.CURRENT)
    assert set(current.values_list("currency", flat=True)) == {"USD", "CNY", "RUB", "EUR"}
    assert set(current.values_list("incoterm", flat=True)) == {"DAP", "CPT", "FCA", "DDP"}
    assert Quotation.objects.filter(inquiry__rfq=rfq, inquiry__seller=aigerim).count() == 2
    assert Message.objects.filter(inquiry__rfq=rfq).count() >= 3
    assert Inquiry.objects.filter(seller=aigerim, status=InquiryStatus.OPEN).exists()  # waits for her quote
    assert (
        Inquiry.objects.filter(buyer=liwei, status=InquiryStatus.DECLINED).exclude(decline_reason="").exists()
    )
    pending = TermSheet.objects.get(status=TermsStatus.PROPOSED)
    assert (pending.deal.buyer, pending.deal.seller, pending.proposed_by_org) == (liwei, aigerim, aigerim)
    cancelled = Deal.objects.get(status=DealStatus.CANCELLED)
    assert cancelled.cancel_reason and cancelled.agreed_at is not None
    assert cancelled.inquiry.operator_access_at is not None  # the operator was asked in
    for key in ("Chongqing Aluminium Industry Association", "SibTransLogistic LLC"):
        assert Deal.objects.filter(buyer__name_latin=key).exists(), key
    assert Notification.objects.filter(user__email="operator@demo.scotemp.org").exists()

    # Moved into the past of 2026, in the order of the timeline.
    now = timezone.now()
    for deal in Deal.objects.all():
        timeline = deal_audit(deal).filter(verb__in=list(TIMELINE_VERBS)).order_by("pk")
        moments = [entry.at for entry in timeline]
        assert moments == sorted(moments) and moments[-1] <= now
        assert deal.created_at.year == 2026 and deal.created_at <= moments[0] + datetime.timedelta(seconds=1)
        if deal.agreed_at:
            assert deal.agreed_at.year == 2026 and deal.agreed_at < now - datetime.timedelta(days=5)
    report = deal_report()
    assert len(report.by_month) >= 6 and report.uses_demo_rates and not report.unconverted
    assert report.totals.cancelled == 1

    before = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == before
