"""Create a shipment (standalone, from a deal, or from a booked freight quote), change its plan,
cancel it."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import member_org_ids
from scotemp.reference.models import HSCode

from ...choices.shipments import (
    MAX_EQUIPMENT,
    MAX_LEGS,
    ShipmentStatus,
)
from ...models import Shipment, ShipmentEquipment, ShipmentLeg
from ...models.shipments import new_tracking_token
from .cleaning import (
    MAX_VOLUME_M3,
    MAX_WEIGHT_KG,
    aware,
    checked_equipment,
    checked_leg,
    organization,
    positive,
    require_open,
    threshold_hours,
)
from .common import SHIPPER, acting_party, conflict, resolve_place


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
    shipper = organization(shipper, "shipper")
    if shipper is None:
        raise ValidationError({"shipper": [_("This field is required.")]}, code="required")
    consignee = organization(consignee, "consignee")
    provider = organization(provider, "provider")
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
    weight = positive(weight_kg, "weight_kg", MAX_WEIGHT_KG)
    volume = positive(volume_m3, "volume_m3", MAX_VOLUME_M3)
    departure = aware(planned_departure, "planned_departure")
    arrival = aware(planned_arrival, "planned_arrival")
    if departure and arrival and arrival < departure:
        raise ValidationError(
            {"planned_arrival": [_("The arrival cannot be planned before the departure.")]},
            code="arrival_before_departure",
        )
    threshold = threshold_hours(delay_threshold_hours)
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
    clean_legs = [checked_leg(leg, i) for i, leg in enumerate(legs)]
    clean_equipment = [checked_equipment(item, i) for i, item in enumerate(equipment)]
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
    from .timeline import refresh_timeline

    _party, org_id = acting_party(user, shipment)
    require_open(shipment)
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("This field cannot be changed.")]}, code="invalid")
    values = {}
    if "planned_departure" in changes:
        values["planned_departure"] = aware(changes["planned_departure"], "planned_departure")
    if "planned_arrival" in changes:
        values["planned_arrival"] = aware(changes["planned_arrival"], "planned_arrival")
    if "delay_threshold_hours" in changes:
        values["delay_threshold_hours"] = threshold_hours(changes["delay_threshold_hours"])
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
        values["weight_kg"] = positive(changes["weight_kg"], "weight_kg", MAX_WEIGHT_KG)
    if "volume_m3" in changes:
        values["volume_m3"] = positive(changes["volume_m3"], "volume_m3", MAX_VOLUME_M3)
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
