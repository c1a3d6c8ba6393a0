"""Writes of shipments: create one (standalone, from a deal, or from a booked freight quote) with its
legs and equipment (:mod:`.shipments`), documents and the public tracking link (:mod:`.shipments`),
and the tracking events with the status, ETA and delay notices they drive (:mod:`.events`). Callers
use the names re-exported here."""

from .common import CONSIGNEE, PROVIDER, SHIPPER, acting_party
from .events import BatchResult, post_events
from .parts import add_document, add_equipment, add_leg, regenerate_tracking_link, revoke_tracking_link
from .shipments import cancel_shipment, create_shipment, shipment_from_booking, update_shipment
from .timeline import refresh_timeline

__all__ = [
    "CONSIGNEE",
    "PROVIDER",
    "SHIPPER",
    "BatchResult",
    "acting_party",
    "add_document",
    "add_equipment",
    "add_leg",
    "cancel_shipment",
    "create_shipment",
    "post_events",
    "refresh_timeline",
    "regenerate_tracking_link",
    "revoke_tracking_link",
    "shipment_from_booking",
    "update_shipment",
]
