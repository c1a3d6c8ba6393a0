"""What is added to a shipment after it starts: legs, containers and wagons, documents; and its
public tracking link (regenerated or revoked)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ...choices.shipments import (
    MAX_DOCUMENTS,
    MAX_EQUIPMENT,
    MAX_LEGS,
    DocumentKind,
)
from ...models import Shipment, ShipmentDocument, ShipmentEquipment, ShipmentLeg
from ...models.shipments import new_tracking_token
from .cleaning import checked_equipment, checked_leg, require_open
from .common import SHIPPER, acting_party


def add_leg(user, shipment: Shipment, **leg) -> ShipmentLeg:
    """Append a leg (after the last one)."""
    _party, org_id = acting_party(user, shipment)
    require_open(shipment)
    clean = checked_leg(leg)
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
    require_open(shipment)
    clean = checked_equipment({"equipment_type": equipment_type, "number": number, "seal": seal})
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
