from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """Mode of transport of a leg, a lane rate or a shipment leg."""

    RAIL = "rail", _("Rail")
    ROAD = "road", _("Road")
    SEA = "sea", _("Sea")
    INLAND_WATERWAY = "inland_waterway", _("Inland waterway")
    AIR = "air", _("Air")


class Confidence(models.TextChoices):
    """How far a published figure can be trusted; shown next to it wherever it appears."""

    REPORTED = "reported", _("Reported for Chongqing")
    PROXY = "proxy", _("Proxy from another Chinese city")
    DERIVED = "derived", _("Derived")
    UNVERIFIED = "unverified", _("Unverified")


class NodeCodeStatus(models.TextChoices):
    """Whether a network place's code is a UN/LOCODE: border points such as Dostyk and Altynkol have
    none in the reference data and carry a stable platform code (``KZ-DOSTYK``)."""

    UNLOCODE = "unlocode", _("UN/LOCODE")
    UNLOCODE_UNVERIFIED = "unlocode_unverified", _("UN/LOCODE in common use, not found in the published list")
    PLATFORM = "platform", _("Platform code, not a UN/LOCODE")


class Equipment(models.TextChoices):
    """Container, wagon or vehicle a cargo travels in (ISO 6346 size types for containers)."""

    CONTAINER_20 = "20GP", _("20′ container")
    CONTAINER_40 = "40GP", _("40′ container")
    CONTAINER_40HC = "40HC", _("40′ high-cube container")
    CONTAINER_45HC = "45HC", _("45′ high-cube container")
    REEFER_40 = "40RF", _("40′ refrigerated container")
    WAGON_COVERED = "wagon_covered", _("Covered wagon")
    WAGON_HOPPER = "wagon_hopper", _("Hopper wagon (grain)")
    WAGON_GONDOLA = "wagon_gondola", _("Gondola wagon")
    WAGON_TANK = "wagon_tank", _("Tank wagon")
    WAGON_FLAT = "wagon_flat", _("Flat wagon")
    TRUCK_FTL = "truck_ftl", _("Truck, full load")
    LCL = "lcl", _("Groupage (less than a container or truck)")
    AIR_CARGO = "air", _("Air cargo")


class RateBasis(models.TextChoices):
    """What one price of a lane rate buys."""

    PER_CONTAINER = "container", _("per container")
    PER_WAGON = "wagon", _("per wagon")
    PER_TRUCK = "truck", _("per truck")
    PER_TONNE = "tonne", _("per tonne")
    PER_KG = "kg", _("per kg")
    PER_CBM = "cbm", _("per m³")
