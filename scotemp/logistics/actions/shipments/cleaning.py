"""Checks of what a shipment is made of: amounts, moments, parties, legs, equipment, the delay
threshold; and that a shipment is still open to changes. Each refusal names its field."""

import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization

from ...choices import Equipment, Mode
from ...choices.shipments import (
    DEFAULT_DELAY_THRESHOLD_HOURS,
    MAX_DELAY_THRESHOLD_HOURS,
    ShipmentStatus,
)
from ...models import validate_equipment_number
from .common import clean_code, conflict

MAX_WEIGHT_KG = Decimal("10000000")  # 10,000 t: a block train of 100 wagons carries about 6,000 t
MAX_VOLUME_M3 = Decimal("100000")


def positive(value, field: str, limit: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter a number.")]}, code="invalid") from None
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: [_("Enter a number greater than zero.")]}, code="min_value")
    if number > limit:
        raise ValidationError(
            {field: [_("Enter a value of at most %(limit)s.") % {"limit": f"{limit:,}"}]}, code="max_value"
        )
    return number.quantize(Decimal("0.001"))


def aware(value, field: str):
    if value in (None, ""):
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        parsed = parse_datetime(value.strip())
        if parsed is None:
            raise ValidationError({field: [_("Enter a date and time.")]}, code="invalid")
        value = parsed
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def organization(value, field: str) -> Organization | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organization):
        return value
    try:
        return Organization.objects.get(public_id=uuid.UUID(str(value)))
    except (ValueError, Organization.DoesNotExist):
        raise ValidationError({field: [_("No organization has this identifier.")]}, code="unknown") from None


def checked_leg(leg: dict, index: int | None = None) -> dict:
    prefix = f"legs.{index}." if index is not None else ""
    mode = str(leg.get("mode") or "")
    if mode not in Mode.values:
        raise ValidationError({f"{prefix}mode": [_("Choose a mode of transport.")]}, code="invalid")
    try:
        from_code = clean_code(leg.get("from_code"), "from_code")
        to_code = clean_code(leg.get("to_code"), "to_code")
    except ValidationError as exc:
        raise ValidationError({f"{prefix}{k}": v for k, v in exc.message_dict.items()}) from None
    if from_code == to_code:
        raise ValidationError(
            {f"{prefix}to_code": [_("A leg ends elsewhere than it starts.")]}, code="same_place"
        )
    departure = aware(leg.get("planned_departure"), f"{prefix}planned_departure")
    arrival = aware(leg.get("planned_arrival"), f"{prefix}planned_arrival")
    if departure and arrival and arrival < departure:
        raise ValidationError(
            {f"{prefix}planned_arrival": [_("The arrival cannot be planned before the departure.")]},
            code="arrival_before_departure",
        )
    return {
        "mode": mode,
        "from_code": from_code,
        "to_code": to_code,
        "planned_departure": departure,
        "planned_arrival": arrival,
    }


def checked_equipment(item: dict, index: int | None = None) -> dict:
    prefix = f"equipment.{index}." if index is not None else ""
    kind = str(item.get("equipment_type") or "")
    if kind not in Equipment.values:
        raise ValidationError(
            {f"{prefix}equipment_type": [_("Choose a container or wagon type.")]}, code="invalid"
        )
    try:
        number = validate_equipment_number(kind, item.get("number"))
    except ValidationError as exc:
        raise ValidationError({f"{prefix}{k}": v for k, v in exc.message_dict.items()}) from None
    seal = str(item.get("seal") or "").strip()
    if len(seal) > 40:
        raise ValidationError({f"{prefix}seal": [_("Use at most 40 characters.")]}, code="max_length")
    return {"equipment_type": kind, "number": number, "seal": seal}


def threshold_hours(value) -> int:
    if value in (None, ""):
        return DEFAULT_DELAY_THRESHOLD_HOURS
    try:
        hours = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {"delay_threshold_hours": [_("Enter a whole number.")]}, code="invalid"
        ) from None
    if not 1 <= hours <= MAX_DELAY_THRESHOLD_HOURS:
        raise ValidationError(
            {
                "delay_threshold_hours": [
                    _("Enter a number of hours from 1 to %(max)s.") % {"max": MAX_DELAY_THRESHOLD_HOURS}
                ]
            },
            code="range",
        )
    return hours


def require_open(shipment):
    if shipment.status == ShipmentStatus.CANCELLED:
        raise conflict(_("This shipment was cancelled; it cannot be changed."))
