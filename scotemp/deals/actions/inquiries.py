"""Writes of requests and inquiries: send an RFQ (one inquiry per seller), the seller declines, the
buyer closes, a party asks the platform operator in.

Guarantees of every deals action (this module and its siblings):
- the acting user must act for the side whose turn it is (:mod:`.common`): the buyer sends, accepts
  and closes, the seller quotes and declines, either posts; others get ``PermissionDenied`` (views
  and API fetch rows through ``visible_to`` first, so third parties already got 404);
- one transaction per action, rows locked (``select_for_update``) and states re-read before a change;
  a step that the current state does not allow raises a translated ``ValidationError`` with
  ``code="conflict"`` (HTTP 409 in the API) and changes nothing;
- every change is announced once inside that transaction (:func:`scotemp.core.effects.announce`):
  one audit row per status change of an inquiry, quotation, deal or term sheet, and the other side
  notified (in the app and by e-mail through the outbox, once per step and person).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import is_member
from scotemp.trade.choices import LeadKind, LeadStatus
from scotemp.trade.queries import suggest_committee

from ..choices import (
    MAX_REASON_LENGTH,
    MAX_RFQ_SELLERS,
    OPEN_INQUIRY_STATUSES,
    InquiryStatus,
    QuotationStatus,
)
from ..labels import localized_quantity, org_label
from ..models import Inquiry, Quotation, Rfq
from .common import BUYER, SELLER, clean_text, conflict, org_id_of, other_org_id, require_side


def lock_inquiry(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update().select_related("rfq").get(pk=inquiry.pk)


def set_quotation_status(quotation: Quotation, status: str, user, organization_id, reason: str = "") -> None:
    """Change a quotation's status and record it (no notice: the step that caused it tells)."""
    before = quotation.status
    quotation.status = status
    quotation.save(update_fields=["status", "updated_at"])
    announce(
        f"quotation.{status}",
        subject=quotation,
        actor=user,
        organization=organization_id,
        from_status=before,
        to_status=status,
        reason=reason,
        data={"version": quotation.version},
    )


def _current_quotations(inquiry: Inquiry, status: str, user, organization_id, reason: str = "") -> None:
    for quotation in Quotation.objects.filter(inquiry=inquiry, status=QuotationStatus.CURRENT):
        set_quotation_status(quotation, status, user, organization_id, reason)


# --- requests ----------------------------------------------------------------------------------------


def check_source_lead(lead, buyer: Organization) -> None:
    """A request may start only from a published sell offer of another organization."""
    if lead.kind != LeadKind.SELL or lead.status != LeadStatus.PUBLISHED or lead.organization_id == buyer.pk:
        raise ValidationError(
            {"lead": [_("A request can start only from a published sell offer of another organization.")]},
            code="lead_not_offered",
        )


def send_rfq(
    user, buyer: Organization, values: dict, seller_ids: list, lead=None, submission_key: str = ""
) -> Rfq:
    """Send a request to 1..20 sellers (public ids of organizations): one ``Rfq`` and one ``Inquiry``
    per seller, each seller notified. ``values`` come from a valid ``RfqForm``; ``lead``, if given,
    must be a published sell offer of another organization. A ``submission_key`` already used by the
    buyer returns that request: submitting the same form twice sends it once."""
    if not is_member(user, buyer.pk):
        raise PermissionDenied(_("Only members of the buyer organization can send its requests."))
    submission_key = (submission_key or "")[:64]
    if submission_key:
        sent = Rfq.objects.filter(buyer=buyer, submission_key=submission_key).first()
        if sent is not None:
            return sent
    if lead is not None:
        check_source_lead(lead, buyer)
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
        params = {
            "goods": rfq.goods,
            "buyer": org_label(buyer),
            "quantity": localized_quantity(rfq.quantity, rfq.unit),
        }
        for seller in sellers:
            inquiry = Inquiry.objects.create(rfq=rfq, buyer=buyer, seller=seller)
            announce(
                "inquiry.sent",
                subject=inquiry,
                actor=user,
                organization=buyer.pk,
                to_status=inquiry.status,
                data={"rfq": str(rfq.public_id), "lead": str(lead.public_id) if lead else None},
                notices=[
                    Notice(
                        "deals.inquiry_received",
                        params,
                        inquiry.get_absolute_url(),
                        organization_id=seller.pk,
                        exclude_user_id=user.pk,
                    )
                ],
                key=f"deals:inquiry:{inquiry.pk}",
            )
    return rfq


# --- the seller declines, the buyer closes -----------------------------------------------------------


def decline_inquiry(user, inquiry: Inquiry, reason: str) -> Inquiry:
    """The seller declines to quote (with a reason the buyer sees)."""
    require_side(user, inquiry, SELLER)
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
    if not reason:
        raise ValidationError({"reason": [_("Say why you decline.")]}, code="reason_missing")
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("This inquiry is “%(status)s”: it can no longer be declined."),
                status=inquiry.get_status_display(),
            )
        _current_quotations(inquiry, QuotationStatus.WITHDRAWN, user, inquiry.seller_id, reason)
        before = inquiry.status
        inquiry.status = InquiryStatus.DECLINED
        inquiry.decline_reason = reason
        inquiry.save(update_fields=["status", "decline_reason", "updated_at"])
        announce(
            "inquiry.declined",
            subject=inquiry,
            actor=user,
            organization=inquiry.seller_id,
            from_status=before,
            to_status=inquiry.status,
            reason=reason,
            notices=[
                Notice(
                    "deals.inquiry_declined",
                    {"goods": inquiry.rfq.goods, "seller": org_label(inquiry.seller), "reason": reason},
                    inquiry.get_absolute_url(),
                    organization_id=inquiry.buyer_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"deals:declined:{inquiry.pk}",
        )
    return inquiry


def close_inquiry(user, inquiry: Inquiry) -> Inquiry:
    """The buyer closes an inquiry that has no deal (no longer interested, or another seller won);
    current quotations are marked not chosen and the seller is told."""
    require_side(user, inquiry, BUYER)
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("This inquiry is “%(status)s”: it cannot be closed."), status=inquiry.get_status_display()
            )
        close_locked(user, inquiry)
    return inquiry


def close_locked(user, inquiry: Inquiry) -> None:
    """Close an open or quoted inquiry, locked by the caller's transaction, and tell its seller."""
    _current_quotations(inquiry, QuotationStatus.NOT_CHOSEN, user, inquiry.buyer_id)
    before = inquiry.status
    inquiry.status = InquiryStatus.CLOSED
    inquiry.save(update_fields=["status", "updated_at"])
    announce(
        "inquiry.closed",
        subject=inquiry,
        actor=user,
        organization=inquiry.buyer_id,
        from_status=before,
        to_status=inquiry.status,
        notices=[
            Notice(
                "deals.inquiry_closed",
                {"goods": inquiry.rfq.goods, "buyer": org_label(inquiry.buyer)},
                inquiry.get_absolute_url(),
                organization_id=inquiry.seller_id,
                exclude_user_id=user.pk,
            )
        ],
        key=f"deals:closed:{inquiry.pk}",
    )


# --- the operator ------------------------------------------------------------------------------------


def request_operator_access(user, inquiry: Inquiry, reason: str) -> Inquiry:
    """A party asks the platform operator into the thread (to help with a dispute or a question):
    from then on operators can read the inquiry, its thread, quotations and deal. Operators are
    notified, and so is the other side (its correspondence is no longer read by the two alone).
    Asking again changes nothing."""
    side = require_side(user, inquiry)
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
    if not reason:
        raise ValidationError(
            {"reason": [_("Say what the operator should help with.")]}, code="reason_missing"
        )
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        if inquiry.operator_access_at is not None:
            return inquiry
        inquiry.operator_access_at = timezone.now()
        inquiry.operator_access_by = user
        inquiry.operator_access_reason = reason
        inquiry.save(
            update_fields=["operator_access_at", "operator_access_by", "operator_access_reason", "updated_at"]
        )
        asking = inquiry.buyer if side == BUYER else inquiry.seller
        url = inquiry.get_absolute_url()
        notices = [
            Notice(
                "deals.operator_asked_in",
                {"goods": inquiry.rfq.goods, "party": org_label(asking), "reason": reason},
                url,
                organization_id=other_org_id(inquiry, side),
                exclude_user_id=user.pk,
            )
        ]
        operators = get_user_model().objects.filter(
            Q(is_operator=True) | Q(is_superuser=True), is_active=True
        )
        operator_params = {"goods": inquiry.rfq.goods, "requester": user.display_name, "reason": reason}
        notices += [
            Notice("deals.operator_access", operator_params, url, user_id=pk)
            for pk in operators.values_list("pk", flat=True)
        ]
        announce(
            "inquiry.operator_asked_in",
            subject=inquiry,
            actor=user,
            organization=org_id_of(inquiry, side),
            reason=reason,
            notices=notices,
            key=f"deals:operator-asked:{inquiry.pk}",
        )
    return inquiry
