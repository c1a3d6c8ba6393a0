"""Create a shipment with its legs and equipment; add legs, equipment and documents; cancel it;
regenerate or revoke its public tracking link."""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import announce
from scotemp.core.permissions import member_org_ids
from scotemp.reference.models import HSCode
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ...choices import Equipment, Mode
from ...choices.shipments import (
    DEFAULT_DELAY_THRESHOLD_HOURS,
    MAX_DELAY_THRESHOLD_HOURS,
    MAX_DOCUMENTS,
    MAX_EQUIPMENT,
    MAX_LEGS,
    DocumentKind,
    ShipmentStatus,
)
from ...models import Shipment, ShipmentDocument, ShipmentEquipment, ShipmentLeg, validate_equipment_number
from ...models.shipments import new_tracking_token
from .common import SHIPPER, acting_party, clean_code, conflict, resolve_place

MAX_WEIGHT_KG = Decimal("10000000")  # 10,000 t: a block train of 100 wagons carries about 6,000 t
MAX_VOLUME_M3 = Decimal("100000")


def _positive(value, field: str, limit: Decimal) -> Decimal | None:
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


def _aware(value, field: str):
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


def _org(value, field: str) -> Organization | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organization):
        return value
    try:
        return Organization.objects.get(public_id=uuid.UUID(str(value)))
    except (ValueError, Organization.DoesNotExist):
        raise ValidationError({field: [_("No organization has this identifier.")]}, code="unknown") from None


def _clean_leg(leg: dict, index: int | None = None) -> dict:
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
    departure = _aware(leg.get("planned_departure"), f"{prefix}planned_departure")
    arrival = _aware(leg.get("planned_arrival"), f"{prefix}planned_arrival")
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


def _clean_equipment(item: dict, index: int | None = None) -> dict:
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


def _threshold(value) -> int:
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


def create_shipment(
    user,
    *,
    shipper,
    origin,
    destination,
    cargo_description: str,
    consignee=None,
    consignee_name: str = "",
    provider=None,
    deal=None,
    hs_code=None,
    weight_kg=None,
    volume_m3=None,
    planned_departure=None,
    planned_arrival=None,
    delay_threshold_hours=None,
    legs=(),
    equipment=(),
    freight_quote=None,
) -> Shipment:
    """Create a shipment (state ``booked``) with its legs and equipment, in one transaction.

    The one entry point for every way a shipment starts: the page and the API (standalone or from a
    deal), and the freight part's booking of a quote, which passes the quote's places, parties,
    cargo and equipment. ``shipper``/``consignee``/``provider`` are organizations (or their public
    ids), ``origin``/``destination`` reference places (or UN/LOCODEs), ``legs`` dicts with ``mode``,
    ``from_code``, ``to_code``, ``planned_departure``, ``planned_arrival`` (in order),
    ``equipment`` dicts with ``equipment_type``, ``number`` (ISO 6346 for containers), ``seal``.

    ``freight_quote``: the booked quote the shipment carries out (:func:`shipment_from_booking`).
    ``user`` must be a member of the shipper or of the provider; a ``deal`` must be one of the
    shipper's (as buyer or seller). Any invalid value raises ``ValidationError`` naming its field,
    and nothing is written."""
    shipper = _org(shipper, "shipper")
    if shipper is None:
        raise ValidationError({"shipper": [_("This field is required.")]}, code="required")
    consignee = _org(consignee, "consignee")
    provider = _org(provider, "provider")
    mine = member_org_ids(user)
    if shipper.pk not in mine and (provider is None or provider.pk not in mine):
        raise PermissionDenied(_("Only members of the shipper or of its forwarder can create this shipment."))
    consignee_name = str(consignee_name or "").strip()
    if len(consignee_name) > 200:
        raise ValidationError({"consignee_name": [_("Use at most 200 characters.")]}, code="max_length")
    if consignee is not None and consignee.pk == shipper.pk:
        raise ValidationError({"consignee": [_("The consignee is another organization than the shipper.")]})
    if provider is not None and provider.pk == shipper.pk:
        provider = None  # the shipper moves its own goods
    origin = resolve_place(origin, "origin")
    destination = resolve_place(destination, "destination")
    if origin.pk == destination.pk:
        raise ValidationError({"destination": [_("The destination is another place than the origin.")]})
    cargo_description = str(cargo_description or "").strip()
    if not cargo_description:
        raise ValidationError({"cargo_description": [_("Describe the cargo.")]}, code="required")
    if len(cargo_description) > 300 or "\x00" in cargo_description:
        raise ValidationError({"cargo_description": [_("Use at most 300 characters.")]}, code="max_length")
    hs = None
    if hs_code not in (None, ""):
        hs = (
            hs_code if isinstance(hs_code, HSCode) else HSCode.objects.filter(pk=str(hs_code).strip()).first()
        )
        if hs is None:
            raise ValidationError(
                {"hs_code": [_("Enter an HS code of 2, 4 or 6 digits known to the platform.")]}
            )
    weight = _positive(weight_kg, "weight_kg", MAX_WEIGHT_KG)
    volume = _positive(volume_m3, "volume_m3", MAX_VOLUME_M3)
    departure = _aware(planned_departure, "planned_departure")
    arrival = _aware(planned_arrival, "planned_arrival")
    if departure and arrival and arrival < departure:
        raise ValidationError(
            {"planned_arrival": [_("The arrival cannot be planned before the departure.")]},
            code="arrival_before_departure",
        )
    threshold = _threshold(delay_threshold_hours)
    if deal is not None and shipper.pk not in (deal.buyer_id, deal.seller_id):
        raise ValidationError({"deal": [_("The shipper is not a party of this deal.")]}, code="not_party")
    legs = list(legs or ())
    equipment = list(equipment or ())
    if len(legs) > MAX_LEGS:
        raise ValidationError({"legs": [_("At most %(max)s legs.") % {"max": MAX_LEGS}]})
    if len(equipment) > MAX_EQUIPMENT:
        raise ValidationError(
            {"equipment": [_("At most %(max)s containers or wagons.") % {"max": MAX_EQUIPMENT}]}
        )
    clean_legs = [_clean_leg(leg, i) for i, leg in enumerate(legs)]
    clean_equipment = [_clean_equipment(item, i) for i, item in enumerate(equipment)]
    numbers = [e["number"] for e in clean_equipment]
    if len(set(numbers)) != len(numbers):
        raise ValidationError({"equipment": [_("Each container or wagon is listed once.")]}, code="duplicate")
    if arrival is None and clean_legs:
        arrival = clean_legs[-1]["planned_arrival"]
    if departure is None and clean_legs:
        departure = clean_legs[0]["planned_departure"]

    with transaction.atomic():
        now = timezone.now()
        shipment = Shipment.objects.create(
            reference=f"TMP-{uuid.uuid4().hex[:20]}",
            shipper=shipper,
            consignee=consignee,
            consignee_name="" if consignee else consignee_name,
            provider=provider,
            deal=deal,
            freight_quote=freight_quote,
            origin=origin,
            destination=destination,
            planned_departure=departure,
            planned_arrival=arrival,
            eta=arrival,
            eta_basis="planned" if arrival else "",
            delay_threshold_hours=threshold,
            hs_code=hs,
            cargo_description=cargo_description,
            weight_kg=weight,
            volume_m3=volume,
            tracking_token=new_tracking_token(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            status_changed_at=now,
        )
        shipment.reference = f"SCO-{now.year}-{shipment.pk:06d}"
        Shipment.objects.filter(pk=shipment.pk).update(reference=shipment.reference)
        ShipmentLeg.objects.bulk_create(
            [ShipmentLeg(shipment=shipment, sequence=i + 1, **leg) for i, leg in enumerate(clean_legs)]
        )
        ShipmentEquipment.objects.bulk_create(
            [ShipmentEquipment(shipment=shipment, **e) for e in clean_equipment]
        )
        announce(
            "shipment.created",
            subject=shipment,
            actor=user,
            organization=shipper.pk if shipper.pk in mine else provider.pk,
            to_status=shipment.status,
            data={
                "reference": shipment.reference,
                "deal": str(deal.public_id) if deal else None,
                "legs": len(clean_legs),
                "equipment": len(clean_equipment),
            },
        )
    return shipment


def shipment_from_booking(user, quote) -> Shipment:
    """The shipment of a freight quote just booked (called by ``book_freight_quote`` in its
    transaction): the request's places, cargo and deal, the shipper, the booked provider, a planned
    departure on the ready date and an arrival after the quote's longest transit. Containers and
    wagons are added later, when the provider knows their numbers."""
    from ...queries.freight import booking_details

    details = booking_details(quote)
    departure = arrival = None
    if details["ready_date"]:
        departure = timezone.make_aware(datetime.datetime.combine(details["ready_date"], datetime.time(12)))
        days = details["transit_days_max"] or details["transit_days_min"]
        arrival = departure + datetime.timedelta(days=days) if days else None
    return create_shipment(
        user,
        shipper=details["shipper"],
        provider=details["provider"],
        deal=details["deal"],
        origin=details["origin"],
        destination=details["destination"],
        cargo_description=details["goods"],
        hs_code=details["hs_code"],
        weight_kg=details["weight_kg"],
        volume_m3=details["volume_m3"],
        planned_departure=departure,
        planned_arrival=arrival,
        freight_quote=details["quote"],
    )


def _require_open(shipment):
    if shipment.status == ShipmentStatus.CANCELLED:
        raise conflict(_("This shipment was cancelled; it cannot be changed."))


def add_leg(user, shipment: Shipment, **leg) -> ShipmentLeg:
    """Append a leg (after the last one)."""
    _party, org_id = acting_party(user, shipment)
    _require_open(shipment)
    clean = _clean_leg(leg)
    with transaction.atomic():
        last = shipment.legs.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        if last >= MAX_LEGS:
            raise ValidationError({"legs": [_("At most %(max)s legs.") % {"max": MAX_LEGS}]})
        row = ShipmentLeg.objects.create(shipment=shipment, sequence=last + 1, **clean)
        announce(
            "shipment.leg_added",
            subject=shipment,
            actor=user,
            organization=org_id,
            data={"sequence": row.sequence, "from": row.from_code, "to": row.to_code},
        )
    return row


def add_equipment(user, shipment: Shipment, *, equipment_type, number, seal="") -> ShipmentEquipment:
    """Add a container (ISO 6346 number) or wagon; the same number twice is refused."""
    _party, org_id = acting_party(user, shipment)
    _require_open(shipment)
    clean = _clean_equipment({"equipment_type": equipment_type, "number": number, "seal": seal})
    if shipment.equipment.count() >= MAX_EQUIPMENT:
        raise ValidationError(
            {"number": [_("At most %(max)s containers or wagons.") % {"max": MAX_EQUIPMENT}]}
        )
    try:
        with transaction.atomic():
            row = ShipmentEquipment.objects.create(shipment=shipment, **clean)
            announce(
                "shipment.equipment_added",
                subject=shipment,
                actor=user,
                organization=org_id,
                data={"number": row.number, "type": row.equipment_type},
            )
    except IntegrityError:
        raise ValidationError(
            {"number": [_("This container or wagon is already on the shipment.")]}, code="duplicate"
        ) from None
    return row


def add_document(user, shipment: Shipment, *, kind, file) -> ShipmentDocument:
    """Attach a document (PDF, JPEG or PNG checked by its bytes, 10 MB at most), stored under a
    generated name; the parties alone can download it."""
    _party, org_id = acting_party(user, shipment, allowed=("shipper", "consignee", "provider"))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Choose the kind of document.")]}, code="invalid")
    if file is None:
        raise ValidationError({"file": [_("Choose a file.")]}, code="required")
    if shipment.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError({"file": [_("At most %(max)s documents.") % {"max": MAX_DOCUMENTS}]})
    detected = check_upload(file)
    with discard_on_failure() as stored, transaction.atomic():
        document = ShipmentDocument(shipment=shipment, kind=kind, organization_id=org_id, uploaded_by=user)
        store_checked_file(document, file, detected, stored)
        document.save()
        announce(
            "shipment.document_added",
            subject=shipment,
            actor=user,
            organization=org_id,
            data={"document": str(document.public_id), "kind": kind},
        )
    return document


UPDATABLE = (
    "planned_departure",
    "planned_arrival",
    "delay_threshold_hours",
    "cargo_description",
    "weight_kg",
    "volume_m3",
)


def update_shipment(user, shipment: Shipment, changes: dict) -> Shipment:
    """Change the plan (planned departure and arrival), the delay threshold or the cargo of a shipment
    that is not cancelled; only the keys given change. Shipper or provider. The ETA and the delay
    notice are recomputed against the new plan in the same transaction."""
    from .events import refresh_timeline

    _party, org_id = acting_party(user, shipment)
    _require_open(shipment)
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]}, code="invalid")
    values = {}
    if "planned_departure" in changes:
        values["planned_departure"] = _aware(changes["planned_departure"], "planned_departure")
    if "planned_arrival" in changes:
        values["planned_arrival"] = _aware(changes["planned_arrival"], "planned_arrival")
    if "delay_threshold_hours" in changes:
        values["delay_threshold_hours"] = _threshold(changes["delay_threshold_hours"])
    if "cargo_description" in changes:
        text = str(changes["cargo_description"] or "").strip()
        if not text:
            raise ValidationError({"cargo_description": [_("Describe the cargo.")]}, code="required")
        if len(text) > 300 or "\x00" in text:
            raise ValidationError(
                {"cargo_description": [_("Use at most 300 characters.")]}, code="max_length"
            )
        values["cargo_description"] = text
    if "weight_kg" in changes:
        values["weight_kg"] = _positive(changes["weight_kg"], "weight_kg", MAX_WEIGHT_KG)
    if "volume_m3" in changes:
        values["volume_m3"] = _positive(changes["volume_m3"], "volume_m3", MAX_VOLUME_M3)
    departure = values.get("planned_departure", shipment.planned_departure)
    arrival = values.get("planned_arrival", shipment.planned_arrival)
    if departure and arrival and arrival < departure:
        raise ValidationError(
            {"planned_arrival": [_("The arrival cannot be planned before the departure.")]},
            code="arrival_before_departure",
        )
    with transaction.atomic():
        fresh = Shipment.objects.select_for_update().get(pk=shipment.pk)
        for name, value in values.items():
            setattr(fresh, name, value)
        fresh.save(update_fields=[*values, "updated_at"])
        announce(
            "shipment.updated",
            subject=fresh,
            actor=user,
            organization=org_id,
            data={"fields": sorted(values)},
        )
        refresh_timeline(fresh, actor=user, organization_id=org_id)
    return fresh


def cancel_shipment(user, shipment: Shipment, reason: str = "") -> Shipment:
    """The shipper cancels a shipment that is not delivered yet."""
    _party, org_id = acting_party(user, shipment, allowed=(SHIPPER,))
    reason = str(reason or "").strip()[:500]
    with transaction.atomic():
        fresh = Shipment.objects.select_for_update().get(pk=shipment.pk)
        if fresh.status in (ShipmentStatus.DELIVERED, ShipmentStatus.CANCELLED):
            raise conflict(_("A delivered or cancelled shipment cannot be cancelled."))
        previous = fresh.status
        fresh.status = ShipmentStatus.CANCELLED
        fresh.status_changed_at = timezone.now()
        fresh.cancel_reason = reason
        fresh.save(update_fields=["status", "status_changed_at", "cancel_reason", "updated_at"])
        announce(
            "shipment.status_changed",
            subject=fresh,
            actor=user,
            organization=org_id,
            from_status=previous,
            to_status=fresh.status,
            reason=reason,
        )
    return fresh


def regenerate_tracking_link(user, shipment: Shipment) -> str:
    """A new public tracking token; the old link stops working at once. Shipper only."""
    _party, org_id = acting_party(user, shipment, allowed=(SHIPPER,))
    token = new_tracking_token()
    with transaction.atomic():
        Shipment.objects.filter(pk=shipment.pk).update(tracking_token=token, updated_at=timezone.now())
        announce("shipment.tracking_link_regenerated", subject=shipment, actor=user, organization=org_id)
    shipment.tracking_token = token
    return token


def revoke_tracking_link(user, shipment: Shipment) -> None:
    """No public link at all until the shipper makes a new one."""
    _party, org_id = acting_party(user, shipment, allowed=(SHIPPER,))
    with transaction.atomic():
        Shipment.objects.filter(pk=shipment.pk).update(tracking_token=None, updated_at=timezone.now())
        announce("shipment.tracking_link_revoked", subject=shipment, actor=user, organization=org_id)
    shipment.tracking_token = None
