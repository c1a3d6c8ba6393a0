"""Writes of freight quote requests: the shipper sends one (to chosen providers or to every provider
serving the lane: one inquiry each, so no provider learns who else was asked), the provider declines,
the shipper cancels.

Guarantees (as for deals): the acting user must act for the side whose turn it is, else
``PermissionDenied``; one transaction per action with the rows locked and states re-read; a step the
state forbids raises ``ValidationError(code="conflict")`` (409) and changes nothing; every status
change is announced once inside the transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce
from scotemp.core.permissions import is_member

from ...choices.freight import (
    MAX_PROVIDERS,
    MAX_REASON_LENGTH,
    MAX_UNITS,
    MAX_VOLUME_M3,
    MAX_WEIGHT_KG,
    OPEN_FREIGHT_INQUIRY,
    FreightInquiryStatus,
    FreightQuoteStatus,
    FreightRequestStatus,
)
from ...models import FreightInquiry, FreightQuote, FreightRequest
from ...queries.freight import lane_provider_ids
from .common import PROVIDER, SHIPPER, clean_text, conflict, org_label, provider_org_ids, require_side

REQUEST_FIELDS = (
    "origin",
    "destination",
    "goods",
    "hs_code",
    "weight_kg",
    "volume_m3",
    "equipment",
    "units",
    "ready_date",
    "incoterm",
    "notes",
    "deal",
)


def lock_inquiry(inquiry: FreightInquiry) -> FreightInquiry:
    return FreightInquiry.objects.select_for_update().select_related("request").get(pk=inquiry.pk)


def set_quote_status(quote: FreightQuote, status: str, user, organization_id, reason: str = "") -> None:
    """Change a quote's status and record it (the step that caused it tells whom it concerns)."""
    before = quote.status
    quote.status = status
    quote.save(update_fields=["status", "updated_at"])
    announce(
        f"freight_quote.{status}",
        subject=quote,
        actor=user,
        organization=organization_id,
        from_status=before,
        to_status=status,
        reason=reason,
        data={"version": quote.version},
    )


def set_inquiry_status(
    inquiry: FreightInquiry, status: str, user, organization_id, reason="", notices=(), key=""
):
    before = inquiry.status
    if before == status:
        return
    inquiry.status = status
    inquiry.save(update_fields=["status", "updated_at"])
    announce(
        f"freight_inquiry.{status}",
        subject=inquiry,
        actor=user,
        organization=organization_id,
        from_status=before,
        to_status=status,
        reason=reason,
        notices=notices,
        key=key,
    )


def current_quotes_to(inquiry: FreightInquiry, status: str, user, organization_id, reason: str = "") -> None:
    for quote in FreightQuote.objects.filter(inquiry=inquiry, status=FreightQuoteStatus.CURRENT):
        set_quote_status(quote, status, user, organization_id, reason)


def request_params(freight_request: FreightRequest) -> dict:
    return {
        "goods": freight_request.goods,
        "origin": freight_request.origin_id,
        "destination": freight_request.destination_id,
    }


def check_request_values(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    origin, destination = values.get("origin"), values.get("destination")
    if origin is not None and destination is not None and origin.pk == destination.pk:
        errors["destination"] = [_("Destination: choose a place other than the origin.")]
    weight = values.get("weight_kg")
    if weight is not None and not (0 < weight <= MAX_WEIGHT_KG):
        errors["weight_kg"] = [
            _("Gross weight: enter more than 0 and at most %(max)s kg.")
            % {"max": f"{MAX_WEIGHT_KG:,}".replace(",", " ")}
        ]
    volume = values.get("volume_m3")
    if volume is not None and not (0 < volume <= MAX_VOLUME_M3):
        errors["volume_m3"] = [
            _("Volume: enter more than 0 and at most %(max)d m³.") % {"max": MAX_VOLUME_M3}
        ]
    units = values.get("units")
    if units is not None and not (0 < units <= MAX_UNITS):
        errors["units"] = [_("Number: enter a whole number from 1 to %(max)d.") % {"max": MAX_UNITS}]
    ready = values.get("ready_date")
    if ready is not None and ready < timezone.localdate():
        errors["ready_date"] = [_("Cargo ready on: the date has passed.")]
    if errors:
        raise ValidationError(errors, code="invalid")


def check_deal(user, shipper: Organization, deal) -> None:
    """A request for a deal: the shipper must be one of the deal's two parties."""
    if deal is not None and shipper.pk not in (deal.buyer_id, deal.seller_id):
        raise ValidationError(
            {"deal": [_("Your organization is not a party of this deal.")]}, code="deal_not_yours"
        )


def send_freight_request(
    user, shipper: Organization, values: dict, provider_ids=None, *, to_lane=False, submission_key: str = ""
) -> FreightRequest:
    """Send a freight quote request: to the providers named by ``provider_ids`` (public ids), or with
    ``to_lane`` to every provider serving the lane (a current lane rate with the same origin and
    destination, or an active service offer covering either place or its country). One inquiry per
    provider. A ``submission_key`` already used by the shipper returns that request."""
    if not is_member(user, shipper.pk):
        raise PermissionDenied(_("Only members of the shipper organization can send its requests."))
    submission_key = (submission_key or "")[:64]
    if submission_key:
        sent = FreightRequest.objects.filter(shipper=shipper, submission_key=submission_key).first()
        if sent is not None:
            return sent
    values = {k: v for k, v in values.items() if k in REQUEST_FIELDS}
    values["goods"] = clean_text(values.get("goods"), "goods", 200)
    values["notes"] = clean_text(values.get("notes"), "notes", 5000)
    if not values["goods"]:
        raise ValidationError({"goods": [_("Cargo: say what is shipped.")]}, code="required")
    check_request_values(values)
    check_deal(user, shipper, values.get("deal"))
    providers = _providers(shipper, values, provider_ids, to_lane)
    try:
        return _create(user, shipper, values, providers, submission_key)
    except IntegrityError:
        if not submission_key:
            raise
        return FreightRequest.objects.get(shipper=shipper, submission_key=submission_key)


def _providers(shipper, values, provider_ids, to_lane) -> list[Organization]:
    if to_lane:
        ids = [pk for pk in lane_provider_ids(values["origin"], values["destination"]) if pk != shipper.pk]
        if not ids:
            raise ValidationError(
                {"providers": [_("No provider serves this lane yet: choose providers by name instead.")]},
                code="no_lane_providers",
            )
        return list(Organization.objects.filter(pk__in=ids[:MAX_PROVIDERS]).order_by("pk"))
    provider_ids = list(dict.fromkeys(provider_ids or []))
    if not provider_ids:
        raise ValidationError({"providers": [_("Choose at least one provider.")]}, code="no_providers")
    if len(provider_ids) > MAX_PROVIDERS:
        raise ValidationError(
            {"providers": [_("A request goes to at most %(max)d providers.") % {"max": MAX_PROVIDERS}]},
            code="too_many_providers",
        )
    providers = list(Organization.objects.filter(public_id__in=provider_ids))
    if len(providers) != len(provider_ids):
        raise ValidationError(
            {"providers": [_("One of the chosen providers does not exist.")]}, code="unknown"
        )
    if any(p.pk == shipper.pk for p in providers):
        raise ValidationError(
            {"providers": [_("Your own organization cannot receive your request.")]},
            code="provider_is_shipper",
        )
    known = set(provider_org_ids([p.pk for p in providers]))
    strangers = [p for p in providers if p.pk not in known]
    if strangers:
        raise ValidationError(
            {
                "providers": [
                    _(
                        "%(name)s is not a service provider "
                        "(no forwarder, carrier or similar activity in its profile)."
                    )
                    % {"name": org_label(strangers[0])}
                ]
            },
            code="not_provider",
        )
    return providers


def _create(user, shipper, values, providers, submission_key) -> FreightRequest:
    with transaction.atomic():
        freight_request = FreightRequest.objects.create(
            shipper=shipper, created_by=user, submission_key=submission_key, **values
        )
        announce(
            "freight_request.sent",
            subject=freight_request,
            actor=user,
            organization=shipper.pk,
            to_status=freight_request.status,
            data={"providers": len(providers)},
        )
        params = {**request_params(freight_request), "shipper": org_label(shipper)}
        for provider in providers:
            inquiry = FreightInquiry.objects.create(
                request=freight_request, shipper=shipper, provider=provider
            )
            announce(
                "freight_inquiry.sent",
                subject=inquiry,
                actor=user,
                organization=shipper.pk,
                to_status=inquiry.status,
                notices=[
                    Notice(
                        "logistics.freight_inquiry_received",
                        params,
                        inquiry.get_absolute_url(),
                        organization_id=provider.pk,
                        exclude_user_id=user.pk,
                    )
                ],
                key=f"freight:inquiry:{inquiry.pk}",
            )
    return freight_request


def decline_freight_inquiry(user, inquiry: FreightInquiry, reason: str) -> FreightInquiry:
    """The provider declines to quote, with a reason the shipper sees."""
    require_side(user, inquiry, PROVIDER)
    reason = clean_text(reason, "reason", MAX_REASON_LENGTH)
    if not reason:
        raise ValidationError({"reason": [_("Say why you decline.")]}, code="reason_missing")
    with transaction.atomic():
        inquiry = lock_inquiry(inquiry)
        if inquiry.status not in OPEN_FREIGHT_INQUIRY:
            raise conflict(
                _("This freight inquiry is “%(status)s”: it can no longer be declined."),
                status=inquiry.get_status_display(),
            )
        current_quotes_to(inquiry, FreightQuoteStatus.WITHDRAWN, user, inquiry.provider_id, reason)
        inquiry.decline_reason = reason
        inquiry.save(update_fields=["decline_reason"])
        set_inquiry_status(
            inquiry,
            FreightInquiryStatus.DECLINED,
            user,
            inquiry.provider_id,
            reason,
            notices=[
                Notice(
                    "logistics.freight_declined",
                    {
                        **request_params(inquiry.request),
                        "provider": org_label(inquiry.provider),
                        "reason": reason,
                    },
                    inquiry.request.get_absolute_url(),
                    organization_id=inquiry.shipper_id,
                    exclude_user_id=user.pk,
                )
            ],
            key=f"freight:declined:{inquiry.pk}",
        )
    return inquiry


def cancel_freight_request(user, freight_request: FreightRequest) -> FreightRequest:
    """The shipper cancels an open request: every open inquiry is cancelled and its provider told."""
    if not is_member(user, freight_request.shipper_id):
        raise PermissionDenied(_("Only the shipper's members can do this."))
    with transaction.atomic():
        freight_request = FreightRequest.objects.select_for_update().get(pk=freight_request.pk)
        if freight_request.status != FreightRequestStatus.OPEN:
            raise conflict(
                _("This request is “%(status)s”: it cannot be cancelled."),
                status=freight_request.get_status_display(),
            )
        freight_request.status = FreightRequestStatus.CANCELLED
        freight_request.save(update_fields=["status", "updated_at"])
        announce(
            "freight_request.cancelled",
            subject=freight_request,
            actor=user,
            organization=freight_request.shipper_id,
            from_status=FreightRequestStatus.OPEN,
            to_status=FreightRequestStatus.CANCELLED,
        )
        params = request_params(freight_request)
        for inquiry in _open_inquiries(freight_request):
            current_quotes_to(inquiry, FreightQuoteStatus.NOT_CHOSEN, user, inquiry.shipper_id)
            set_inquiry_status(
                inquiry,
                FreightInquiryStatus.CANCELLED,
                user,
                inquiry.shipper_id,
                notices=[
                    Notice(
                        "logistics.freight_cancelled",
                        params,
                        inquiry.get_absolute_url(),
                        organization_id=inquiry.provider_id,
                        exclude_user_id=user.pk,
                    )
                ],
                key=f"freight:cancelled:{inquiry.pk}",
            )
    return freight_request


def _open_inquiries(freight_request):
    return (
        FreightInquiry.objects.select_for_update()
        .filter(request=freight_request, status__in=OPEN_FREIGHT_INQUIRY)
        .order_by("pk")
    )


__all__ = [
    "SHIPPER",
    "cancel_freight_request",
    "decline_freight_inquiry",
    "send_freight_request",
]
