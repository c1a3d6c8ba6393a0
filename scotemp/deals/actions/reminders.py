"""Deadline reminders of the negotiation, sent by the daily ``deal_reminders`` job:

- a seller that has not quoted yet is reminded the day before the buyer's "answer by" date;
- a buyer is reminded two days before a current quotation expires (it cannot be accepted after).

Each reminder is announced once (an audit row on the inquiry or quotation, and a notification in the
app and by e-mail through the outbox): running the job again, or on a later day, never repeats one.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from scotemp.core.effects import Notice, announce, history

from ..choices import InquiryStatus, QuotationStatus
from ..labels import org_label
from ..models import Inquiry, Quotation

ANSWER_BY_NOTICE = datetime.timedelta(days=1)
QUOTATION_EXPIRY_NOTICE = datetime.timedelta(days=2)


def send_reminders(today: datetime.date | None = None) -> tuple[int, int]:
    """Remind sellers of answers due and buyers of quotations about to expire; returns how many
    inquiries and quotations were reminded about (each counted once, however often this runs)."""
    today = today or timezone.localdate()
    due = Inquiry.objects.filter(
        status=InquiryStatus.OPEN,
        rfq__respond_by__gte=today,
        rfq__respond_by__lte=today + ANSWER_BY_NOTICE,
    ).select_related("rfq", "buyer")
    expiring = Quotation.objects.filter(
        status=QuotationStatus.CURRENT,
        inquiry__status=InquiryStatus.QUOTED,
        valid_until__gte=today,
        valid_until__lte=today + QUOTATION_EXPIRY_NOTICE,
    ).select_related("inquiry__rfq", "inquiry__seller")
    inquiries = quotations = 0
    with transaction.atomic():
        for inquiry in due:
            _remind_once(
                "inquiry.answer_due",
                inquiry,
                Notice(
                    "deals.answer_due",
                    {
                        "goods": inquiry.rfq.goods,
                        "buyer": org_label(inquiry.buyer),
                        "respond_by": inquiry.rfq.respond_by.isoformat(),
                    },
                    inquiry.get_absolute_url(),
                    organization_id=inquiry.seller_id,
                ),
                key=f"deals:answer-due:{inquiry.pk}",
            )
            inquiries += 1
        for quotation in expiring:
            _remind_once(
                "quotation.expiring",
                quotation,
                Notice(
                    "deals.quotation_expiring",
                    {
                        "goods": quotation.inquiry.rfq.goods,
                        "seller": org_label(quotation.inquiry.seller),
                        "version": quotation.version,
                        "valid_until": quotation.valid_until.isoformat(),
                    },
                    quotation.inquiry.get_absolute_url(),
                    organization_id=quotation.inquiry.buyer_id,
                ),
                key=f"deals:quotation-expiring:{quotation.pk}",
            )
            quotations += 1
    return inquiries, quotations


def _remind_once(verb: str, subject, notice: Notice, key: str) -> None:
    if not history(subject).filter(verb=verb).exists():
        announce(verb, subject=subject, notices=[notice], key=key)
