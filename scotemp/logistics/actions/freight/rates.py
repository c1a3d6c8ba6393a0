"""Writes of what providers publish: lane rates (one by one, or many from a CSV file, all or
nothing) and service offers. Only an organization whose directory profile names a provider activity
publishes; editing and withdrawing go through ``editable_by`` in the caller (pages and API fetch the
row first, so others already got 404). Each change is one transaction, announced once."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import ADMIN, MEMBER, is_member

from ...choices.freight import MAX_TRANSIT_DAYS
from ...models import LaneRate, ServiceOffer
from .common import clean_text, require_provider

LANE_FIELDS = (
    "origin",
    "destination",
    "mode",
    "equipment",
    "basis",
    "price",
    "currency",
    "transit_days_min",
    "transit_days_max",
    "valid_from",
    "valid_until",
    "conditions",
)
MAX_PRICE = Decimal("999999999999")


def _require_member(user, organization, role=MEMBER):
    if not is_member(user, organization.pk, role):
        raise PermissionDenied(_("Only members of the provider organization can do this."))


def check_lane_values(values: dict, today: datetime.date | None = None) -> dict:
    """The rules of a lane rate, whatever the entry point: field name → messages (empty if valid)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    origin, destination = values.get("origin"), values.get("destination")
    if origin is not None and destination is not None and origin.pk == destination.pk:
        add("destination", _("Destination: choose a place other than the origin."))
    price = values.get("price")
    if price is not None and not (Decimal(0) < price <= MAX_PRICE):
        add("price", _("Price: enter an amount greater than zero."))
    valid_from, valid_until = values.get("valid_from"), values.get("valid_until")
    if valid_from and valid_until and valid_from > valid_until:
        add("valid_until", _("Valid until: the date must not be earlier than “valid from”."))
    if valid_until and valid_until < today:
        add("valid_until", _("Valid until: the date has passed; a rate must be valid today or later."))
    low, high = values.get("transit_days_min"), values.get("transit_days_max")
    for field, days in (("transit_days_min", low), ("transit_days_max", high)):
        if days is not None and not (0 < days <= MAX_TRANSIT_DAYS):
            add(field, _("Transit days: enter a whole number from 1 to %(max)d.") % {"max": MAX_TRANSIT_DAYS})
    if low and high and low > high:
        add("transit_days_max", _("Transit days: “to” must not be less than “from”."))
    return errors


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors, code="invalid")


def _announce_rate(verb, rate, user, before="", after="", data=None):
    announce(
        f"lane_rate.{verb}",
        subject=rate,
        actor=user,
        organization=rate.provider_id,
        from_status=before,
        to_status=after,
        data={"lane": f"{rate.origin_id}-{rate.destination_id}", **(data or {})},
    )


def publish_lane_rate(user, provider, values: dict) -> LaneRate:
    """Publish one lane rate. ``values`` hold model instances for the places and the currency."""
    _require_member(user, provider)
    require_provider(provider)
    _raise_if(check_lane_values(values))
    with transaction.atomic():
        rate = LaneRate.objects.create(provider=provider, created_by=user, **_only(values))
        _announce_rate("published", rate, user, after="published")
    return rate


def publish_lane_rates(user, provider, rows: list[dict]) -> list[LaneRate]:
    """Publish many lane rates at once (a CSV file): every row valid, or none stored. Errors name the
    row (counted as in the file, header = row 1) and the field: ``{"row 3: price": [...]}``."""
    _require_member(user, provider)
    require_provider(provider)
    if not rows:
        raise ValidationError({"file": [_("The file holds no lane rates.")]}, code="empty")
    errors: dict[str, list[str]] = {}
    for number, values in enumerate(rows, start=2):
        for field, messages in check_lane_values(values).items():
            errors.setdefault(_("row %(row)d: %(field)s") % {"row": number, "field": field}, []).extend(
                messages
            )
    _raise_if(errors)
    with transaction.atomic():
        rates = [LaneRate.objects.create(provider=provider, created_by=user, **_only(v)) for v in rows]
        for rate in rates:
            _announce_rate("published", rate, user, after="published", data={"batch": len(rates)})
    return rates


def _only(values: dict) -> dict:
    return {k: v for k, v in values.items() if k in LANE_FIELDS}


def edit_lane_rate(user, rate: LaneRate, values: dict) -> LaneRate:
    """Change a lane rate (the caller fetched it through ``editable_by``); a withdrawn rate stays so."""
    _require_member(user, rate.provider)
    merged = {field: getattr(rate, field) for field in LANE_FIELDS}
    merged.update(_only(values))
    _raise_if(check_lane_values(merged))
    with transaction.atomic():
        rate = LaneRate.objects.select_for_update().get(pk=rate.pk)
        if rate.withdrawn_at is not None:
            raise ValidationError(_("This lane rate was withdrawn; publish a new one."), code="conflict")
        for field, value in _only(values).items():
            setattr(rate, field, value)
        rate.save()
        _announce_rate("edited", rate, user, data={"fields": sorted(_only(values))})
    return rate


def withdraw_lane_rate(user, rate: LaneRate) -> LaneRate:
    """Withdraw a lane rate: it no longer shows, nor counts for the route planner. Twice changes nothing."""
    _require_member(user, rate.provider)
    with transaction.atomic():
        rate = LaneRate.objects.select_for_update().get(pk=rate.pk)
        if rate.withdrawn_at is None:
            rate.withdrawn_at = timezone.now()
            rate.save(update_fields=["withdrawn_at", "updated_at"])
            _announce_rate("withdrawn", rate, user, before="published", after="withdrawn")
    return rate


# --- service offers --------------------------------------------------------------------------------

OFFER_FIELDS = ("kind", "title", "description", "language", "conditions")


def _check_offer(values: dict) -> dict:
    clean = {}
    for field, limit in (("title", 200), ("description", 5000), ("conditions", 5000)):
        if field in values:
            clean[field] = clean_text(values[field], field, limit)
    if "title" in clean and not clean["title"]:
        raise ValidationError({"title": [_("Title: this field is required.")]}, code="required")
    if "description" in clean and not clean["description"]:
        raise ValidationError({"description": [_("Description: this field is required.")]}, code="required")
    return {**{k: v for k, v in values.items() if k in OFFER_FIELDS}, **clean}


def publish_service_offer(user, provider, values: dict, countries=(), places=()) -> ServiceOffer:
    """Publish a service offer; ``countries`` are ISO alpha-2 codes, ``places`` Location rows."""
    _require_member(user, provider)
    require_provider(provider)
    clean = _check_offer(values)
    with transaction.atomic():
        offer = ServiceOffer.objects.create(provider=provider, created_by=user, **clean)
        offer.countries.set(list(countries))
        offer.places.set(list(places))
        announce(
            "service_offer.published",
            subject=offer,
            actor=user,
            organization=provider.pk,
            to_status="published",
        )
    return offer


def edit_service_offer(user, offer: ServiceOffer, values: dict, countries=None, places=None) -> ServiceOffer:
    _require_member(user, offer.provider)
    clean = _check_offer(values)
    with transaction.atomic():
        offer = ServiceOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.withdrawn_at is not None:
            raise ValidationError(_("This service offer was withdrawn; publish a new one."), code="conflict")
        for field, value in clean.items():
            setattr(offer, field, value)
        offer.save()
        if countries is not None:
            offer.countries.set(list(countries))
        if places is not None:
            offer.places.set(list(places))
        announce("service_offer.edited", subject=offer, actor=user, organization=offer.provider_id)
    return offer


def withdraw_service_offer(user, offer: ServiceOffer) -> ServiceOffer:
    _require_member(user, offer.provider)
    with transaction.atomic():
        offer = ServiceOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.withdrawn_at is None:
            offer.withdrawn_at = timezone.now()
            offer.save(update_fields=["withdrawn_at", "updated_at"])
            announce(
                "service_offer.withdrawn",
                subject=offer,
                actor=user,
                organization=offer.provider_id,
                from_status="published",
                to_status="withdrawn",
            )
    return offer


__all__ = [
    "ADMIN",
    "check_lane_values",
    "edit_lane_rate",
    "edit_service_offer",
    "publish_lane_rate",
    "publish_lane_rates",
    "publish_service_offer",
    "withdraw_lane_rate",
    "withdraw_service_offer",
]
