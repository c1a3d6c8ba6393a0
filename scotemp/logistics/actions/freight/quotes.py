"""Writes of freight quotes: the provider quotes or revises (a new version each time), the shipper
books one current, unexpired quote; the request's other providers are told they were not chosen.

Booking is serialized on the request row (``select_for_update``): two bookings at once, on the same
quote or on two quotes of one request, book once; the other gets a conflict (409). The shipment is
created from :func:`scotemp.logistics.queries.freight.booking_details` by whoever listens to the
``freight_quote.booked`` announcement."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce

from ...choices.freight import (
    MAX_TRANSIT_DAYS,
    OPEN_FREIGHT_INQUIRY,
    FreightInquiryStatus,
    FreightQuoteStatus,
    FreightRequestStatus,
)
from ...models import FreightInquiry, FreightQuote, FreightRequest
from ..shipments import shipment_from_booking
from .common import PROVIDER, SHIPPER, clean_text, conflict, money_params, org_label, require_side
from .requests import current_quotes_to, lock_inquiry, request_params, set_inquiry_status, set_quote_status

QUOTE_FIELDS = (
    "price",
    "currency",
    "basis",
    "transit_days_min",
    "transit_days_max",
    "valid_until",
    "conditions",
)


def check_quote_values(values: dict, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    price = values.get("price")
    if price is None or price <= 0:
        errors["price"] = [_("Price: enter an amount greater than zero.")]
    low, high = values.get("transit_days_min"), values.get("transit_days_max")
    for field, days in (("transit_days_min", low), ("transit_days_max", high)):
        if days is None or not (0 < days <= MAX_TRANSIT_DAYS):
            errors[field] = [
                _("Transit days: enter a whole number from 1 to %(max)d.") % {"max": MAX_TRANSIT_DAYS}
            ]
    if low and high and low > high and "transit_days_max" not in errors:
        errors["transit_days_max"] = [_("Transit days: “to” must not be less than “from”.")]
    valid_until = values.get("valid_until")
    if valid_until is None or valid_until < today:
        errors["valid_until"] = [_("Valid until: give a date from today on.")]
    return errors


def send_freight_quote(user, inquiry: FreightInquiry, values: dict) -> FreightQuote:
    """Quote, or revise the current quote: a new version, the previous one ``superseded``. Sending the
    same values as the current version again sends nothing (a double click)."""
    require_side(user, inquiry, PROVIDER)
    values = {k: v for k, v in values.items() if k in QUOTE_FIELDS}
    values["conditions"] = clean_text(values.get("conditions"), "conditions", 5000)
    errors = check_quote_values(values)
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        if inquiry.status not in OPEN_FREIGHT_INQUIRY or inquiry.request.status != FreightRequestStatus.OPEN:
            raise conflict(
                _("This freight inquiry is “%(status)s”: it takes no more quotes."),
                status=inquiry.get_status_display(),
            )
        last = FreightQuote.objects.filter(inquiry=inquiry).order_by("-version").first()
        if last is not None and last.status == FreightQuoteStatus.CURRENT:
            if all(getattr(last, k) == v for k, v in values.items()):
                return last
            set_quote_status(last, FreightQuoteStatus.SUPERSEDED, user, inquiry.provider_id)
        quote = FreightQuote.objects.create(
            inquiry=inquiry, version=(last.version + 1) if last else 1, created_by=user, **values
        )
        set_inquiry_status(inquiry, FreightInquiryStatus.QUOTED, user, inquiry.provider_id)
        announce(
            "freight_quote.sent",
            subject=quote,
            actor=user,
            organization=inquiry.provider_id,
            to_status=quote.status,
            data={"version": quote.version},
            notices=[
                Notice(
                    "logistics.freight_quote_received",
                    {
                        **request_params(inquiry.request),
                        "provider": org_label(inquiry.provider),
                        "version": quote.version,
                        **money_params("price", quote.price, quote.currency_id),
                        "valid_until": quote.valid_until.isoformat(),
                    },
                    inquiry.request.get_absolute_url(),
                    organization_id=inquiry.shipper_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"freight:quote:{quote.pk}",
        )
    return quote


def book_freight_quote(user, quote: FreightQuote) -> FreightQuote:
    """The shipper books the current, unexpired version of a quote: the quote and its inquiry become
    ``booked``, the request ``booked``; the other open inquiries ``not_chosen`` and their providers
    told; the shipment it describes is created (``shipments.shipment_from_booking``). Booking twice,
    a superseded or expired quote, or a request already booked: conflict."""
    inquiry = quote.inquiry
    require_side(user, inquiry, SHIPPER)
    today = timezone.localdate()
    with transaction.atomic():
        freight_request = FreightRequest.objects.select_for_update().get(pk=inquiry.request_id)
        inquiry = lock_inquiry(inquiry)
        quote = FreightQuote.objects.select_for_update().get(pk=quote.pk)
        if freight_request.status == FreightRequestStatus.BOOKED:
            raise conflict(_("A quote of this request was already booked."))
        if freight_request.status != FreightRequestStatus.OPEN:
            raise conflict(
                _("This request is “%(status)s”: nothing can be booked on it."),
                status=freight_request.get_status_display(),
            )
        if inquiry.status != FreightInquiryStatus.QUOTED or quote.status != FreightQuoteStatus.CURRENT:
            raise conflict(_("Only the current version of a quote can be booked."))
        if quote.valid_until < today:
            raise conflict(
                _("This quote expired on %(date)s; ask the provider to revise it."),
                date=quote.valid_until.isoformat(),
            )
        now = timezone.now()
        quote.booked_at, quote.booked_by = now, user
        quote.save(update_fields=["booked_at", "booked_by"])
        set_quote_status(quote, FreightQuoteStatus.BOOKED, user, inquiry.shipper_id)
        freight_request.status = FreightRequestStatus.BOOKED
        freight_request.save(update_fields=["status", "updated_at"])
        announce(
            "freight_request.booked",
            subject=freight_request,
            actor=user,
            organization=freight_request.shipper_id,
            from_status=FreightRequestStatus.OPEN,
            to_status=FreightRequestStatus.BOOKED,
            data={"quote": str(quote.public_id), "provider": inquiry.provider_id},
        )
        params = request_params(freight_request)
        set_inquiry_status(
            inquiry,
            FreightInquiryStatus.BOOKED,
            user,
            inquiry.shipper_id,
            notices=[
                Notice(
                    "logistics.freight_booked",
                    {**params, "shipper": org_label(inquiry.shipper), "version": quote.version},
                    inquiry.get_absolute_url(),
                    organization_id=inquiry.provider_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"freight:booked:{quote.pk}",
        )
        others = (
            FreightInquiry.objects.select_for_update()
            .filter(request=freight_request, status__in=OPEN_FREIGHT_INQUIRY)
            .exclude(pk=inquiry.pk)
            .order_by("pk")
        )
        for other in others:
            current_quotes_to(other, FreightQuoteStatus.NOT_CHOSEN, user, other.shipper_id)
            set_inquiry_status(
                other,
                FreightInquiryStatus.NOT_CHOSEN,
                user,
                other.shipper_id,
                notices=[
                    Notice(
                        "logistics.freight_not_chosen",
                        params,
                        other.get_absolute_url(),
                        organization_id=other.provider_id,
                        exclude_user_id=user.pk,
                    )
                ],
                key=f"freight:not-chosen:{other.pk}",
            )
        # The booked quote becomes a shipment both sides follow (same transaction: both or neither).
        shipment_from_booking(user, quote)
    return quote


__all__ = ["book_freight_quote", "check_quote_values", "send_freight_quote"]
