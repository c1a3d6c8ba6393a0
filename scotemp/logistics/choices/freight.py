"""Choices of service offers, freight quote requests and quotes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Directory activities (scotemp.directory.choices.Activity) that make an organization a provider:
# it may publish lane rates and service offers and receive freight quote requests.
PROVIDER_ACTIVITIES = (
    "forwarder",
    "carrier",
    "customs_broker",
    "insurer",
    "bank",
    "inspection",
    "warehouse",
)

MAX_PROVIDERS = 30  # providers one freight request goes to
MAX_REASON_LENGTH = 500
MAX_MESSAGE_LENGTH = 5000
MAX_ATTACHMENTS = 5
MAX_CSV_ROWS = 500
MAX_WEIGHT_KG = 10_000_000  # 10,000 tonnes: a block train of hopper wagons is ~4,000 t
MAX_VOLUME_M3 = 100_000
MAX_UNITS = 1000
MAX_TRANSIT_DAYS = 365


class ServiceKind(models.TextChoices):
    """What a provider's service offer sells."""

    FORWARDING = "forwarding", _("Freight forwarding")
    CUSTOMS_BROKERAGE = "customs_brokerage", _("Customs brokerage")
    CARGO_INSURANCE = "cargo_insurance", _("Cargo insurance")
    INSPECTION = "inspection", _("Inspection and certification")
    WAREHOUSING = "warehousing", _("Warehousing")
    TRADE_FINANCE = "trade_finance", _("Trade finance (letters of credit, guarantees)")
    SETTLEMENT = "settlement", _("Settlement in national currencies (CNY, RUB, KZT …)")


class FreightRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class FreightInquiryStatus(models.TextChoices):
    OPEN = "open", _("Awaiting quote")
    QUOTED = "quoted", _("Quoted")
    DECLINED = "declined", _("Declined")
    BOOKED = "booked", _("Booked")
    NOT_CHOSEN = "not_chosen", _("Not chosen")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_FREIGHT_INQUIRY = (FreightInquiryStatus.OPEN, FreightInquiryStatus.QUOTED)


class FreightQuoteStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    SUPERSEDED = "superseded", _("Superseded")
    BOOKED = "booked", _("Booked")
    NOT_CHOSEN = "not_chosen", _("Not chosen")
    WITHDRAWN = "withdrawn", _("Withdrawn")
