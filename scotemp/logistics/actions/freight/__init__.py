"""Writes of freight: lane rates and service offers (:mod:`.rates`), quote requests and their
inquiries (:mod:`.requests`), quotes and booking (:mod:`.quotes`), the threads (:mod:`.messages`)."""

from .common import PROVIDER, SHIPPER, is_provider, require_side, side_of
from .messages import mark_freight_thread_read, post_freight_message
from .quotes import book_freight_quote, send_freight_quote
from .rates import (
    edit_lane_rate,
    edit_service_offer,
    publish_lane_rate,
    publish_lane_rates,
    publish_service_offer,
    withdraw_lane_rate,
    withdraw_service_offer,
)
from .requests import cancel_freight_request, decline_freight_inquiry, send_freight_request

__all__ = [
    "PROVIDER",
    "SHIPPER",
    "book_freight_quote",
    "cancel_freight_request",
    "decline_freight_inquiry",
    "edit_lane_rate",
    "edit_service_offer",
    "is_provider",
    "mark_freight_thread_read",
    "post_freight_message",
    "publish_lane_rate",
    "publish_lane_rates",
    "publish_service_offer",
    "require_side",
    "send_freight_quote",
    "send_freight_request",
    "side_of",
    "withdraw_lane_rate",
    "withdraw_service_offer",
]
