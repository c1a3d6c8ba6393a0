"""Writes of the inquiry side of the deals workflow: send an RFQ, decline it, quote and revise,
accept a quotation (which opens a deal), post to the thread, mark it read, ask the operator in.

Guarantees of every action here:
- the acting user must be a member (any role) of the organization whose turn it is: the buyer sends,
  accepts and closes, the seller quotes and declines, either posts; others get ``PermissionDenied``
  (views and API fetch rows through ``visible_to`` first, so third parties already got 404);
- one transaction per action, rows locked (``select_for_update``) and states re-read before a change;
  a step that the current state does not allow raises a translated ``ValidationError`` with
  ``code="conflict"`` (HTTP 409 in the API) and changes nothing;
- the other side is notified in the same transaction (in-app and by e-mail through the outbox, once).

Deal transitions and term sheets are in :mod:`scotemp.deals.actions_deals`.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Membership, Organization
from scotemp.notifications.actions import GENERIC_TEMPLATE_PREFIX
from scotemp.notifications.actions import notify as notify_user
from scotemp.trade.queries import suggest_committee
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from . import notify
from .choices import (
    MAX_RFQ_SELLERS,
    OPEN_INQUIRY_STATUSES,
    DealEventKind,
    InquiryStatus,
    QuotationStatus,
    TermsStatus,
)
from .forms import MAX_ATTACHMENTS
from .labels import localized_quantity, money_params, org_label
from .models import Attachment, Deal, DealEvent, Inquiry, Message, Quotation, Rfq, TermSheet, ThreadRead

BUYER, SELLER = "buyer", "seller"


def conflict(message: str, **params):
    return ValidationError(message % params if params else message, code="conflict")


def side_of(user, party_row, org_ids: set[int] | None = None) -> str | None:
    """``"buyer"`` or ``"seller"``: the side ``user`` acts for on an inquiry or deal (``None`` if
    neither). A member of both organizations acts for their active organization. ``org_ids``, the
    user's organizations read once (:func:`member_org_ids`), saves a query per row in lists."""
    if org_ids is None:
        org_ids = set(
            Membership.objects.filter(
                user=user, organization_id__in=[party_row.buyer_id, party_row.seller_id]
            ).values_list("organization_id", flat=True)
        )
    buyer, seller = party_row.buyer_id in org_ids, party_row.seller_id in org_ids
    if buyer and seller:
        active = getattr(user, "active_organization_id", None)
        return SELLER if active == party_row.seller_id else BUYER
    return BUYER if buyer else (SELLER if seller else None)


def member_org_ids(user) -> set[int]:
    """The organizations ``user`` belongs to, read once for a whole list (see :func:`side_of`)."""
    return set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


def require_side(user, party_row, side: str) -> None:
    actual = side_of(user, party_row)
    if actual is None:
        raise PermissionDenied(_("Only members of the two organizations take part in this negotiation."))
    if actual != side:
        if side == BUYER:
            raise PermissionDenied(_("Only the buyer's members can do this."))
        raise PermissionDenied(_("Only the seller's members can do this."))


def _lock_inquiry(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update().select_related("rfq").get(pk=inquiry.pk)


# --- RFQs and inquiries ------------------------------------------------------------------------------


def send_rfq(
    user, buyer: Organization, values: dict, seller_ids: list, lead=None, submission_key: str = ""
) -> Rfq:
    """Send a request to 1..20 sellers (public ids of organizations): one ``Rfq`` and one ``Inquiry``
    per seller, each seller notified. ``values`` come from a valid ``RfqForm``. A ``submission_key``
    already used by the buyer returns that request: submitting the same form twice sends it once."""
    if not buyer.memberships.filter(user=user).exists():
        raise PermissionDenied(_("Only members of the buyer organization can send its requests."))
    submission_key = (submission_key or "")[:64]
    if submission_key:
        sent = Rfq.objects.filter(buyer=buyer, submission_key=submission_key).first()
        if sent is not None:
            return sent
    seller_ids = list(dict.fromkeys(seller_ids))
    if not seller_ids:
        raise ValidationError({"sellers": [_("Choose at least one seller.")]}, code="no_sellers")
    if len(seller_ids) > MAX_RFQ_SELLERS:
        raise ValidationError(
            {
                "sellers": [
                    _("An RFQ goes to at most %(max)d sellers (%(count)d chosen).")
                    % {"max": MAX_RFQ_SELLERS, "count": len(seller_ids)}
                ]
            },
            code="too_many_sellers",
        )
    sellers = list(Organization.objects.filter(public_id__in=seller_ids))
    if len(sellers) != len(seller_ids):
        raise ValidationError(
            {"sellers": [_("One of the chosen sellers does not exist.")]}, code="seller_unknown"
        )
    if any(s.pk == buyer.pk for s in sellers):
        raise ValidationError(
            {"sellers": [_("Your own organization cannot receive your request.")]}, code="seller_is_buyer"
        )
    hs_code = values["hs_code"]
    committee = (lead.committee if lead is not None else None) or suggest_committee(hs_code.code)
    try:
        return _create_rfq(user, buyer, values, sellers, lead, committee, submission_key)
    except IntegrityError:
        if not submission_key:
            raise
        # The same form submitted twice at the same moment: the other submission sent it.
        return Rfq.objects.get(buyer=buyer, submission_key=submission_key)


def _create_rfq(user, buyer, values, sellers, lead, committee, submission_key) -> Rfq:
    with transaction.atomic():
        rfq = Rfq.objects.create(
            buyer=buyer,
            created_by=user,
            lead=lead,
            committee=committee,
            submission_key=submission_key,
            **values,
        )
        for seller in sellers:
            inquiry = Inquiry.objects.create(rfq=rfq, buyer=buyer, seller=seller)
            notify.tell(
                seller.pk,
                "deals.inquiry_received",
                {
                    "goods": rfq.goods,
                    "buyer": org_label(buyer),
                    "quantity": localized_quantity(rfq.quantity, rfq.unit),
                },
                notify.inquiry_url(inquiry),
                f"inquiry:{inquiry.pk}",
            )
    return rfq


def decline_inquiry(user, inquiry: Inquiry, reason: str) -> Inquiry:
    """The seller declines to quote (with a reason the buyer sees)."""
    require_side(user, inquiry, SELLER)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why you decline.")]}, code="reason_missing")
    with transaction.atomic():
        inquiry = _lock_inquiry(inquiry)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("This inquiry is “%(status)s”: it can no longer be declined."),
                status=inquiry.get_status_display(),
            )
        Quotation.objects.filter(inquiry=inquiry, status=QuotationStatus.CURRENT).update(
            status=QuotationStatus.WITHDRAWN
        )
        inquiry.status = InquiryStatus.DECLINED
        inquiry.decline_reason = reason
        inquiry.save(update_fields=["status", "decline_reason", "updated_at"])
        notify.tell(
            inquiry.buyer_id,
            "deals.inquiry_declined",
            {"goods": inquiry.rfq.goods, "seller": org_label(inquiry.seller), "reason": reason},
            notify.inquiry_url(inquiry),
            f"declined:{inquiry.pk}",
        )
    return inquiry


def close_inquiry(user, inquiry: Inquiry) -> Inquiry:
    """The buyer closes an inquiry that has no deal (no longer interested, or another seller won);
    current quotations are marked not chosen and the seller is told."""
    require_side(user, inquiry, BUYER)
    with transaction.atomic():
        inquiry = _lock_inquiry(inquiry)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("This inquiry is “%(status)s”: it cannot be closed."), status=inquiry.get_status_display()
            )
        _close(inquiry)
    return inquiry


def _close(inquiry: Inquiry) -> None:
    # Inside the caller's transaction, on a locked inquiry that is open or quoted.
    Quotation.objects.filter(inquiry=inquiry, status=QuotationStatus.CURRENT).update(
        status=QuotationStatus.NOT_CHOSEN
    )
    inquiry.status = InquiryStatus.CLOSED
    inquiry.save(update_fields=["status", "updated_at"])
    notify.tell(
        inquiry.seller_id,
        "deals.inquiry_closed",
        {"goods": inquiry.rfq.goods, "buyer": org_label(inquiry.buyer)},
        notify.inquiry_url(inquiry),
        f"closed:{inquiry.pk}",
    )


# --- quotations --------------------------------------------------------------------------------------


def send_quotation(user, inquiry: Inquiry, values: dict) -> Quotation:
    """Quote, or revise the current quotation: a new version; the previous one stays visible as
    ``superseded``. ``values`` come from a valid ``QuotationForm``."""
    require_side(user, inquiry, SELLER)
    with transaction.atomic():
        inquiry = _lock_inquiry(inquiry)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("This inquiry is “%(status)s”: it takes no more quotations."),
                status=inquiry.get_status_display(),
            )
        last = Quotation.objects.filter(inquiry=inquiry).order_by("-version").first()
        if last is not None and last.status == QuotationStatus.CURRENT and _same_quotation(last, values):
            return last  # the same quotation sent again (a double click): no new version, no notification
        Quotation.objects.filter(inquiry=inquiry, status=QuotationStatus.CURRENT).update(
            status=QuotationStatus.SUPERSEDED
        )
        quotation = Quotation.objects.create(
            inquiry=inquiry, version=(last.version + 1) if last else 1, created_by=user, **values
        )
        inquiry.status = InquiryStatus.QUOTED
        inquiry.save(update_fields=["status", "updated_at"])
        notify.tell(
            inquiry.buyer_id,
            "deals.quotation_received",
            {
                "goods": inquiry.rfq.goods,
                "seller": org_label(inquiry.seller),
                "version": quotation.version,
                **money_params("price", quotation.unit_price, quotation.currency_id),
                "valid_until": quotation.valid_until.isoformat(),
            },
            notify.inquiry_url(inquiry),
            f"quotation:{quotation.pk}",
        )
    return quotation


def _same_quotation(quotation: Quotation, values: dict) -> bool:
    return all(getattr(quotation, field) == value for field, value in values.items())


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
        inquiry = _lock_inquiry(inquiry)
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
        quotation.status = QuotationStatus.ACCEPTED
        quotation.save(update_fields=["status", "updated_at"])
        inquiry.status = InquiryStatus.ACCEPTED
        inquiry.save(update_fields=["status", "updated_at"])
        now = timezone.now()
        deal = Deal.objects.create(
            inquiry=inquiry,
            quotation=quotation,
            buyer_id=inquiry.buyer_id,
            seller_id=inquiry.seller_id,
            committee=rfq.committee,
            status_changed_at=now,
        )
        # The request's delivery window when it still lies ahead, otherwise the quoted lead time.
        if rfq.delivery_from and rfq.delivery_from >= today:
            start = rfq.delivery_from
        else:
            start = today + datetime.timedelta(days=quotation.lead_time_days)
        if rfq.delivery_until and rfq.delivery_until >= start:
            until = rfq.delivery_until
        else:
            until = start + datetime.timedelta(days=30)
        terms = TermSheet.objects.create(
            deal=deal,
            version=1,
            status=TermsStatus.ACCEPTED,
            proposed_by_org_id=inquiry.seller_id,
            proposed_by=quotation.created_by,
            decided_by=user,
            decided_at=now,
            goods=rfq.goods,
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
        DealEvent.objects.create(
            deal=deal,
            kind=DealEventKind.OPENED,
            at=now,
            actor=user,
            actor_org_id=inquiry.buyer_id,
            to_status=deal.status,
            terms_version=1,
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
                _close(other)
        notify.tell(
            inquiry.seller_id,
            "deals.quotation_accepted",
            {"goods": rfq.goods, "buyer": org_label(inquiry.buyer)},
            notify.deal_url(deal),
            f"accepted:{quotation.pk}",
        )
    return deal


# --- the thread --------------------------------------------------------------------------------------


def post_message(user, inquiry: Inquiry, body: str, files=()) -> Message:
    """Post to the thread, with up to 5 attachments checked by their bytes (PDF, JPEG, PNG, 10 MB
    each). Nothing is stored unless every file passes, and no file outlives a message that did not
    commit; the other side is notified."""
    side = side_of(user, inquiry)
    if side is None:
        raise PermissionDenied(_("Only members of the two organizations take part in this negotiation."))
    body = (body or "").strip()
    files = list(files or ())
    if not body and not files:
        raise ValidationError({"body": [_("Write a message or attach a file.")]}, code="empty_message")
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": [_("Attach at most %(max)d files to one message.") % {"max": MAX_ATTACHMENTS}]},
            code="too_many_files",
        )
    checked = [(f, check_upload(f)) for f in files]  # raises before anything is written
    org_id = inquiry.buyer_id if side == BUYER else inquiry.seller_id
    other_id = inquiry.seller_id if side == BUYER else inquiry.buyer_id
    with discard_on_failure() as stored, transaction.atomic():
        now = timezone.now()
        message = Message.objects.create(inquiry=inquiry, organization_id=org_id, author=user, body=body)
        for uploaded, detected in checked:
            attachment = Attachment(message=message)
            store_checked_file(attachment, uploaded, detected, stored)
            attachment.save()
        Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=now, updated_at=now)
        ThreadRead.objects.update_or_create(inquiry=inquiry, user=user, defaults={"read_at": now})
        sender = Organization.objects.get(pk=org_id)
        notify.tell(
            other_id,
            "deals.message",
            {"goods": inquiry.rfq.goods, "sender": org_label(sender), "excerpt": body[:140]},
            notify.inquiry_url(inquiry),
            f"message:{message.pk}",
        )
    return message


def mark_thread_read(user, inquiry: Inquiry) -> None:
    """Everything posted so far counts as read by ``user``."""
    ThreadRead.objects.update_or_create(inquiry=inquiry, user=user, defaults={"read_at": timezone.now()})


def request_operator_access(user, inquiry: Inquiry, reason: str) -> Inquiry:
    """A party asks the platform operator into the thread (to help with a dispute or a question):
    from then on operators can read the inquiry, its thread, quotations and deal. Operators are
    notified, and so is the other side (its correspondence is no longer read by the two alone).
    Asking again changes nothing."""
    if side_of(user, inquiry) is None:
        raise PermissionDenied(_("Only members of the two organizations can ask the operator in."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Say what the operator should help with.")]}, code="reason_missing"
        )
    with transaction.atomic():
        inquiry = _lock_inquiry(inquiry)
        if inquiry.operator_access_at is not None:
            return inquiry
        inquiry.operator_access_at = timezone.now()
        inquiry.operator_access_by = user
        inquiry.operator_access_reason = reason
        inquiry.save(
            update_fields=["operator_access_at", "operator_access_by", "operator_access_reason", "updated_at"]
        )
        asking = inquiry.buyer if side_of(user, inquiry) == BUYER else inquiry.seller
        notify.tell(
            inquiry.seller_id if asking.pk == inquiry.buyer_id else inquiry.buyer_id,
            "deals.operator_asked_in",
            {"goods": inquiry.rfq.goods, "party": org_label(asking), "reason": reason},
            notify.inquiry_url(inquiry),
            f"operator-asked:{inquiry.pk}",
        )
        operators = get_user_model().objects.filter(
            Q(is_operator=True) | Q(is_superuser=True), is_active=True
        )
        for operator in operators:
            notify_user(
                operator,
                "deals.operator_access",
                {"goods": inquiry.rfq.goods, "requester": user.display_name, "reason": reason},
                notify.inquiry_url(inquiry),
                f"deals:operator:{inquiry.pk}:{operator.pk}",
                email_template_prefix=GENERIC_TEMPLATE_PREFIX,
            )
    return inquiry
