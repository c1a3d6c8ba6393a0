"""Coded values of the logistics app, shared by the domain layers and the web layers.

Split by noun like the models: :mod:`.network` (modes, confidence of a figure, place codes),
:mod:`.freight` (equipment, rate basis, service kinds, quote request states), :mod:`.shipments`
(shipment states, tracking event vocabulary), :mod:`.costs` (duty kinds, cost lines)."""

from .freight import (
    PROVIDER_ACTIVITIES,
    FreightInquiryStatus,
    FreightQuoteStatus,
    FreightRequestStatus,
    ServiceKind,
)
from .network import Confidence, Equipment, Mode, NodeCodeStatus, RateBasis

__all__ = [
    "PROVIDER_ACTIVITIES",
    "Confidence",
    "Equipment",
    "FreightInquiryStatus",
    "FreightQuoteStatus",
    "FreightRequestStatus",
    "Mode",
    "NodeCodeStatus",
    "RateBasis",
    "ServiceKind",
]
