"""Choices of the delivered-cost calculator: duty kinds, how a compound duty combines, tariff-rate
quota lines, how far a published rate can be trusted, cost lines and who pays them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DutyKind(models.TextChoices):
    """How an import duty is charged."""

    AD_VALOREM = "ad_valorem", _("Ad valorem (% of the customs value)")
    SPECIFIC = "specific", _("Specific (an amount per unit)")
    COMPOUND = "compound", _("Compound (ad valorem and specific)")
    UNKNOWN = "unknown", _("Rate not known")


class CompoundRule(models.TextChoices):
    """How the two parts of a compound duty combine, as the source gives it."""

    GREATER = "greater", _("the greater of the two")
    SUM = "sum", _("the sum of the two")


class Quota(models.TextChoices):
    """Whether a rate applies inside or outside a tariff-rate quota."""

    NONE = "", _("No tariff-rate quota")
    IN_QUOTA = "in_quota", _("In-quota rate")
    OUT_OF_QUOTA = "out_of_quota", _("Out-of-quota rate")


class RateConfidence(models.TextChoices):
    """How far a duty or VAT rate can be trusted; anything but "verified" is shown as indicative."""

    VERIFIED = "verified", _("Verified")
    APPROXIMATE = "approximate", _("Approximate")
    UNVERIFIED = "unverified", _("Unverified")


class CostLine(models.TextChoices):
    """A line of the delivered-cost breakdown."""

    GOODS = "goods", _("Goods (seller's price)")
    FREIGHT = "freight", _("Main carriage")
    INSURANCE = "insurance", _("Cargo insurance")
    DUTY = "duty", _("Import duty")
    VAT = "vat", _("Import VAT")
    FEES = "fees", _("Fees")


class Payer(models.TextChoices):
    """Who pays a cost line under the Incoterms rule of the price."""

    SELLER = "seller", _("Included in the seller's price")
    BUYER = "buyer", _("Paid by the buyer")
