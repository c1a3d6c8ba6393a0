"""Writes of quotations: the seller quotes or revises (a new version each time); the buyer accepts the
current version, which opens the deal with term sheet version 1. See :mod:`.inquiries` for the
guarantees every deals action keeps."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce

from ..choices import OPEN_INQUIRY_STATUSES, InquiryStatus, QuotationStatus, TermsStatus
from ..labels import money_params, org_label
from ..models import Deal, Inquiry, Quotation, TermSheet
from .common import BUYER, SELLER, conflict, require_side
from .inquiries import close_locked, lock_inquiry, set_quotation_status


def _set_inquiry_status(inquiry: Inquiry, status: str, user, organization_id) -> None:
    """Change a locked inquiry's status and record it (no notice: the quotation step tells)."""
    before = inquiry.status
    if before == status:
        return
    inquiry.status = status
    inquiry.save(update_fields=["status", "updated_at"])
    announce(
        f"inquiry.{status}",
        subject=inquiry,
        actor=user,
        organization=organization_id,
        from_status=before,
        to_status=status,
    )


def send_quotation(user, inquiry: Inquiry, values: dict) -> Quotation:
    """Quote, or revise the current quotation: a new version; the previous one stays visible as
    ``superseded``. ``values`` come from a valid ``QuotationForm``."""
    require_side(user, inquiry, SELLER)
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        quotation, created = quote_locked(user, inquiry, values)
        if created:
            announce_quotation(user, inquiry, quotation)
    return quotation


def quote_locked(user, inquiry: Inquiry, values: dict) -> tuple[Quotation, bool]:
    """Add a quotation version to an inquiry the caller locked, recorded (``quotation.sent``) but
    nobody told yet; ``(quotation, False)`` when the current version already says exactly this (a
    double click sends nothing twice)."""
    if inquiry.status not in OPEN_INQUIRY_STATUSES:
        raise conflict(
            _("This inquiry is “%(status)s”: it takes no more quotations."),
            status=inquiry.get_status_display(),
        )
    last = Quotation.objects.filter(inquiry=inquiry).order_by("-version").first()
    if last is not None and last.status == QuotationStatus.CURRENT and _same_quotation(last, values):
        return last, False
    if last is not None and last.status == QuotationStatus.CURRENT:
        set_quotation_status(last, QuotationStatus.SUPERSEDED, user, inquiry.seller_id)
    quotation = Quotation.objects.create(
        inquiry=inquiry, version=(last.version + 1) if last else 1, created_by=user, **values
    )
    _set_inquiry_status(inquiry, InquiryStatus.QUOTED, user, inquiry.seller_id)
    return quotation, True


def announce_quotation(user, inquiry: Inquiry, quotation: Quotation, notices=None) -> None:
    """Record a new quotation version and tell the buyer (``notices`` replaces the usual notice)."""
    if notices is None:
        notices = [
            Notice(
                "deals.quotation_received",
                {
                    "goods": inquiry.rfq.goods,
                    "seller": org_label(inquiry.seller),
                    "version": quotation.version,
                    **money_params("price", quotation.unit_price, quotation.currency_id),
                    "valid_until": quotation.valid_until.isoformat(),
                },
                inquiry.get_absolute_url(),
                organization_id=inquiry.buyer_id,
                exclude_user_id=user.pk,
            )
        ]
    announce(
        "quotation.sent",
        subject=quotation,
        actor=user,
        organization=inquiry.seller_id,
        to_status=quotation.status,
        data={"version": quotation.version},
        notices=notices,
        key=f"deals:quotation:{quotation.pk}",
    )


def _same_quotation(quotation: Quotation, values: dict) -> bool:
    return all(getattr(quotation, field) == value for field, value in values.items())


def _delivery_window(rfq, quotation: Quotation, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The request's delivery window when it still lies ahead, otherwise the quoted lead time."""
    if rfq.delivery_from and rfq.delivery_from >= today:
        start = rfq.delivery_from
    else:
        start = today + datetime.timedelta(days=quotation.lead_time_days)
    if rfq.delivery_until and rfq.delivery_until >= start:
        until = rfq.delivery_until
    else:
        until = start + datetime.timedelta(days=30)
    return start, until


def accept_quotation(user, quotation: Quotation, close_others: bool = False) -> Deal:
    """The buyer accepts the current version of a quotation, still valid: a deal opens in
    ``negotiating`` with term sheet version 1 taken from the quotation and the request, accepted by
    both sides (the seller offered it, the buyer accepted it). An inquiry has at most one deal.

    With ``close_others`` (awarding an RFQ to one seller) the request's other open or quoted
    inquiries are closed in the same transaction and their sellers told; without it they stay open,
    since a buyer may split an order between sellers."""
    inquiry = quotation.inquiry
    require_side(user, inquiry, BUYER)
    today = timezone.localdate()
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        quotation = Quotation.objects.select_related("inquiry__rfq").get(pk=quotation.pk)
        if inquiry.status == InquiryStatus.ACCEPTED:
            raise conflict(_("A quotation of this inquiry was already accepted."))
        if inquiry.status != InquiryStatus.QUOTED or quotation.status != QuotationStatus.CURRENT:
            raise conflict(_("Only the current version of a quotation can be accepted."))
        if quotation.valid_until < today:
            raise conflict(
                _("This quotation expired on %(date)s; ask the seller to revise it."),
                date=quotation.valid_until.isoformat(),
            )
        rfq = inquiry.rfq
        now = timezone.now()
        deal = Deal.objects.create(
            inquiry=inquiry,
            quotation=quotation,
            buyer_id=inquiry.buyer_id,
            seller_id=inquiry.seller_id,
            committee=rfq.committee,
            status_changed_at=now,
        )
        start, until = _delivery_window(rfq, quotation, today)
        terms = TermSheet.objects.create(
            deal=deal,
            version=1,
            status=TermsStatus.ACCEPTED,
            proposed_by_org_id=inquiry.seller_id,
            proposed_by=quotation.created_by,
            decided_by=user,
            decided_at=now,
            goods=quotation.goods or rfq.goods,
            hs_code=rfq.hs_code,
            quantity=quotation.quantity,
            unit=quotation.unit,
            unit_price=quotation.unit_price,
            currency=quotation.currency,
            incoterm=quotation.incoterm,
            incoterm_place=quotation.incoterm_place,
            payment_terms=quotation.payment_terms,
            delivery_from=start,
            delivery_until=until,
            note=quotation.note,
        )
        deal.current_terms = terms
        deal.save(update_fields=["current_terms"])
        set_quotation_status(quotation, QuotationStatus.ACCEPTED, user, inquiry.buyer_id)
        _set_inquiry_status(inquiry, InquiryStatus.ACCEPTED, user, inquiry.buyer_id)
        announce(
            "terms.created",
            subject=terms,
            actor=user,
            organization=inquiry.buyer_id,
            to_status=terms.status,
            at=now,
            data={"terms_version": terms.version, "quotation_version": quotation.version},
        )
        announce(
            "deal.opened",
            subject=deal,
            actor=user,
            organization=inquiry.buyer_id,
            to_status=deal.status,
            at=now,
            data={"terms_version": terms.version},
            notices=[
                Notice(
                    "deals.quotation_accepted",
                    {"goods": rfq.goods, "buyer": org_label(inquiry.buyer)},
                    deal.get_absolute_url(),
                    organization_id=inquiry.seller_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"deals:accepted:{quotation.pk}",
        )
        if close_others:
            others = (
                Inquiry.objects.select_for_update()
                .select_related("rfq", "buyer")
                .filter(rfq=rfq, status__in=OPEN_INQUIRY_STATUSES)
                .exclude(pk=inquiry.pk)
                .order_by("pk")
            )
            for other in others:
                close_locked(user, other)
    return deal
