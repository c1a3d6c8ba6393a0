"""Choices of shipments and their tracking events.

The event vocabulary is the DCSA Track & Trace one (DCSA Track & Trace 2.2, event classifier codes and
transport / equipment event type codes, https://dcsa.org/standards/track-and-trace), plus four
**platform extensions** for land routes that DCSA does not cover (border crossing, gauge change,
customs hold, customs release). Their codes start with ``X`` so they never collide with a DCSA code."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShipmentStatus(models.TextChoices):
    """A small, explicit state machine. ``booked`` is the starting state; the next three follow the
    actual (``ACT``) events of the timeline (see ``actions.shipments.timeline.status_from_timeline``);
    ``cancelled`` is set by the shipper only and is final."""

    BOOKED = "booked", _("Booked")
    IN_TRANSIT = "in_transit", _("In transit")
    CUSTOMS_HOLD = "customs_hold", _("Held at the border or in customs")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class EventClassifier(models.TextChoices):
    """DCSA eventClassifierCode."""

    PLANNED = "PLN", _("Planned")
    ESTIMATED = "EST", _("Estimated")
    ACTUAL = "ACT", _("Actual")


class EventType(models.TextChoices):
    """DCSA transportEventTypeCode and equipmentEventTypeCode, then the platform extensions."""

    # DCSA transport events
    ARRIVAL = "ARRI", _("Arrival")
    DEPARTURE = "DEPA", _("Departure")
    # DCSA equipment events
    LOAD = "LOAD", _("Loaded")
    DISCHARGE = "DISC", _("Discharged")
    GATE_IN = "GTIN", _("Gate in")
    GATE_OUT = "GTOT", _("Gate out")
    STUFFING = "STUF", _("Stuffed")
    STRIPPING = "STRP", _("Stripped")
    # Platform extensions (not DCSA): land routes
    BORDER_CROSSING = "XBOR", _("Border crossing")
    GAUGE_CHANGE = "XGCH", _("Gauge change (1,435 ↔ 1,520 mm)")
    CUSTOMS_HOLD = "XCHD", _("Customs hold")
    CUSTOMS_RELEASE = "XCRL", _("Customs release")


TRANSPORT_EVENTS = frozenset({EventType.ARRIVAL, EventType.DEPARTURE})
EQUIPMENT_EVENTS = frozenset(
    {
        EventType.LOAD,
        EventType.DISCHARGE,
        EventType.GATE_IN,
        EventType.GATE_OUT,
        EventType.STUFFING,
        EventType.STRIPPING,
    }
)
PLATFORM_EVENTS = frozenset(
    {EventType.BORDER_CROSSING, EventType.GAUGE_CHANGE, EventType.CUSTOMS_HOLD, EventType.CUSTOMS_RELEASE}
)
# Milestones shown on the public tracking page (never equipment handling details).
MILESTONE_EVENTS = TRANSPORT_EVENTS | {EventType.BORDER_CROSSING, EventType.GAUGE_CHANGE}


def event_family(code: str) -> str:
    """``TRANSPORT``, ``EQUIPMENT`` (DCSA eventType) or ``PLATFORM`` (an extension of this platform)."""
    if code in TRANSPORT_EVENTS:
        return "TRANSPORT"
    if code in EQUIPMENT_EVENTS:
        return "EQUIPMENT"
    return "PLATFORM"


class EventSource(models.TextChoices):
    API = "api", _("API")
    CSV = "csv", _("CSV upload")
    PAGE = "page", _("Entered on the page")


class DocumentKind(models.TextChoices):
    SMGS = "smgs", _("SMGS consignment note")
    CIM = "cim", _("CIM consignment note")
    CIM_SMGS = "cim_smgs", _("CIM/SMGS consignment note")
    CMR = "cmr", _("CMR consignment note")
    BILL_OF_LADING = "bl", _("Bill of lading")
    AIR_WAYBILL = "awb", _("Air waybill")
    CERTIFICATE_OF_ORIGIN = "origin", _("Certificate of origin")
    PHYTOSANITARY = "phyto", _("Phytosanitary certificate")
    INVOICE = "invoice", _("Commercial invoice")
    PACKING_LIST = "packing", _("Packing list")
    OTHER = "other", _("Other")


# Limits of event ingestion (API, CSV, page).
MAX_EVENT_BATCH = 500
EVENT_PAST_LIMIT = datetime.timedelta(days=400)  # an event older than this is refused
EVENT_FUTURE_LIMIT = datetime.timedelta(days=400)  # a planned/estimated event further ahead is refused
ACTUAL_FUTURE_TOLERANCE = datetime.timedelta(minutes=15)  # clock skew allowed for an actual event
DEFAULT_DELAY_THRESHOLD_HOURS = 24
MAX_DELAY_THRESHOLD_HOURS = 24 * 30
MAX_LEGS = 30
MAX_EQUIPMENT = 200
MAX_DOCUMENTS = 50
