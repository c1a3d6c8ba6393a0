"""What providers sell on the corridors: lane rates and service offers (:mod:`.rates`), freight quote
requests, one inquiry per provider and their quotes (:mod:`.requests`), the threads (:mod:`.threads`).

A lane rate is published by a service provider (an organization with the forwarder, carrier
activity …) for one origin, destination, mode and equipment, valid over a period; the route planner
reads the current ones for its cost ranges and a quote request goes to the providers who serve the
lane."""

from .rates import LaneRate, ServiceOffer
from .requests import FreightInquiry, FreightQuote, FreightRequest
from .threads import FreightAttachment, FreightMessage, FreightThreadRead
from .threads import freight_attachment_path as freight_attachment_path  # the migration's upload_to

__all__ = [
    "FreightAttachment",
    "FreightInquiry",
    "FreightMessage",
    "FreightQuote",
    "FreightRequest",
    "FreightThreadRead",
    "LaneRate",
    "ServiceOffer",
]
