"""A seller answers a published buy request with an offer: a quotation against that request.

One flow (ADR 0013): the buy lead gets one ``Rfq`` of origin ``offers`` on its buyer's side (made with
the first offer, from the lead's terms); each offering seller gets its ``Inquiry`` in it, holding the
seller's quotation, exactly as if the buyer had asked that seller. From there the buyer accepts,
negotiates or closes as for any quotation, and compares the offers on the request's page. An offer
from a seller that already offered on the lead is a new version of its quotation.

Refused: a lead that is not a buy request, a buy request of the seller's own organization (422), a
request no longer published or past its validity (409), a user who is not a member of the seller
organization (403). See :mod:`.inquiries` for the guarantees every deals action keeps."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import is_member
from scotemp.trade.choices import LeadKind, LeadStatus
from scotemp.trade.queries import suggest_committee, text_in

from ..choices import MAX_MESSAGE_LENGTH, OPEN_INQUIRY_STATUSES, RfqOrigin
from ..labels import localized_quantity, money_params, org_label
from ..models import Inquiry, Message, Quotation, Rfq, ThreadRead
from .common import clean_text, conflict
from .inquiries import lock_inquiry
from .quotations import announce_quotation, quote_locked


def check_offer_lead(lead, seller: Organization, today=None) -> None:
    """An offer answers a published, still valid buy request of another organization."""
    if lead.kind != LeadKind.BUY:
        raise ValidationError(
            {"lead": [_("An offer answers a buy request; this lead is a sell offer.")]}, code="lead_not_buy"
        )
    if lead.organization_id == seller.pk:
        raise ValidationError(
            {"lead": [_("This is your own organization's buy request: it cannot receive your offer.")]},
            code="own_request",
        )
    if lead.status != LeadStatus.PUBLISHED:
        raise conflict(_("This buy request is no longer published: it takes no offers."))
    today = today or timezone.localdate()
    if lead.valid_until < today:
        raise conflict(
            _("This buy request expired on %(date)s: it takes no offers."), date=lead.valid_until.isoformat()
        )


def _request_values(lead) -> dict:
    """What the buyer asks for, as the buy lead says it (the request the offers answer)."""
    title, _language = text_in(lead, "title", lead.language)
    same_unit = lead.price_unit_id in (None, lead.unit_id)
    price = lead.price if lead.price and not lead.price_on_request and same_unit else None
    return {
        "goods": title[:200],
        "hs_code_id": lead.hs_code_id,
        "quantity": lead.quantity,
        "unit_id": lead.unit_id,
        "target_price": price,
        "currency_id": lead.currency_id if price is not None else None,
        "incoterm_id": lead.incoterm_id,
        "incoterm_place_id": lead.incoterm_place_id,
        "delivery_from": lead.delivery_from,
        "delivery_until": lead.delivery_until,
        "respond_by": lead.valid_until,
    }


def _offers_rfq(lead) -> Rfq:
    """The request gathering the offers on ``lead``, made with the first one (two sellers offering at
    the same moment find the same request: a unique constraint decides)."""
    found = Rfq.objects.filter(lead=lead, origin=RfqOrigin.OFFERS).first()
    if found is not None:
        return found
    committee = lead.committee or suggest_committee(lead.hs_code_id)
    try:
        with transaction.atomic():
            return Rfq.objects.create(
                buyer_id=lead.organization_id,
                lead=lead,
                origin=RfqOrigin.OFFERS,
                committee=committee,
                **_request_values(lead),
            )
    except IntegrityError:
        return Rfq.objects.get(lead=lead, origin=RfqOrigin.OFFERS)


def _seller_inquiry(user, rfq: Rfq, seller: Organization) -> tuple[Inquiry, bool]:
    inquiry = Inquiry.objects.filter(rfq=rfq, seller=seller).first()
    if inquiry is not None:
        return lock_inquiry(inquiry), False
    try:
        with transaction.atomic():
            inquiry = Inquiry.objects.create(rfq=rfq, buyer_id=rfq.buyer_id, seller=seller)
    except IntegrityError:  # the same seller's offer submitted twice at the same moment
        return lock_inquiry(Inquiry.objects.get(rfq=rfq, seller=seller)), False
    announce(
        "inquiry.offered",
        subject=inquiry,
        actor=user,
        organization=seller.pk,
        to_status=inquiry.status,
        data={"rfq": str(rfq.public_id), "lead": str(rfq.lead.public_id)},
    )
    return lock_inquiry(inquiry), True


def send_offer(user, seller: Organization, lead, values: dict, message: str = "") -> Quotation:
    """``seller`` offers on the buy request ``lead``: the buyer finds the offer among its inquiries,
    with the quotation (``values`` from a valid ``OfferForm``) and ``message`` opening the thread.
    Sending the same offer again changes nothing; a different one is the next version."""
    if not is_member(user, seller.pk):
        raise PermissionDenied(_("Only members of the seller organization can send its offers."))
    message = clean_text(message, "message", MAX_MESSAGE_LENGTH)
    check_offer_lead(lead, seller)
    with transaction.atomic():
        rfq = _offers_rfq(lead)
        inquiry, _new = _seller_inquiry(user, rfq, seller)
        if inquiry.status not in OPEN_INQUIRY_STATUSES:
            raise conflict(
                _("Your earlier offer on this request is “%(status)s”: open it to continue there."),
                status=inquiry.get_status_display(),
            )
        quotation, created = quote_locked(user, inquiry, values)
        if not created:
            return quotation
        now = timezone.now()
        if message:
            posted = Message.objects.create(inquiry=inquiry, organization=seller, author=user, body=message)
            Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=now, updated_at=now)
            ThreadRead.objects.update_or_create(inquiry=inquiry, user=user, defaults={"read_at": now})
            announce(
                "inquiry.message_posted",
                subject=inquiry,
                actor=user,
                organization=seller.pk,
                at=now,
                data={"message": str(posted.public_id), "attachments": 0},
            )
        announce_quotation(
            user,
            inquiry,
            quotation,
            notices=[
                Notice(
                    "deals.offer_received" if quotation.version == 1 else "deals.quotation_received",
                    {
                        "goods": rfq.goods,
                        "seller": org_label(seller),
                        "version": quotation.version,
                        "quantity": localized_quantity(quotation.quantity, quotation.unit),
                        **money_params("price", quotation.unit_price, quotation.currency_id),
                        "valid_until": quotation.valid_until.isoformat(),
                    },
                    inquiry.get_absolute_url(),
                    organization_id=inquiry.buyer_id,
                )
            ],
        )
    return quotation
