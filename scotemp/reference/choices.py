from django.db import models
from django.utils.translation import gettext_lazy as _


class SCOStatus(models.TextChoices):
    MEMBER = "member", _("Member state")
    OBSERVER = "observer", _("Observer state")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")
    PARTNER = "partner", _("SCO partner")


class HSLevel(models.IntegerChoices):
    CHAPTER = 2, _("Chapter")
    HEADING = 4, _("Heading")
    SUBHEADING = 6, _("Subheading")


class TransportMode(models.TextChoices):
    ANY = "any", _("Any mode of transport")
    SEA = "sea", _("Sea and inland waterway only")


class LocationFunction(models.TextChoices):
    PORT = "port", _("Seaport")
    RIVER_PORT = "river_port", _("River port")
    RAIL = "rail", _("Rail terminal")
    ROAD = "road", _("Road terminal")
    AIRPORT = "airport", _("Airport")
    BORDER = "border", _("Border crossing")
    CITY = "city", _("City")


class NameSource(models.TextChoices):
    """Where a translated name of the nomenclature comes from (recorded per language)."""

    OFFICIAL = "official", _("Official nomenclature")
    PLATFORM = "platform", _("Translation by the platform")
    OPERATOR = "operator", _("Corrected by the operator")
