"""Fixed choices of the import promotion zone that every layer shares (models, actions, forms, API)."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

# An HS scope: a chapter (2 digits), a heading (4) or a subheading (6).
HS_SCOPE = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")

# A demand group of fewer requests than this shows its quantity only as an order of magnitude, so a
# single buyer's exact order cannot be read from the page.
MIN_PRECISE_GROUP = 2


class RequirementKind(models.TextChoices):
    GACC_REGISTRATION = "gacc_registration", _("Registration of the overseas food producer with GACC")
    QUARANTINE = "quarantine", _("Quarantine and phytosanitary or veterinary certificate")
    CCC = "ccc", _("Compulsory product certification (CCC)")
    LABELLING = "labelling", _("Chinese-language label")
    TARIFF_QUOTA = "tariff_quota", _("Tariff-rate quota")
    AUTOMATIC_LICENCE = "automatic_licence", _("Automatic import licence")
    OTHER = "other", _("Other requirement")


class Authority(models.TextChoices):
    GACC = "gacc", _("General Administration of Customs of China (GACC)")
    SAMR = "samr", _("State Administration for Market Regulation (SAMR) and CNCA")
    MOFCOM = "mofcom", _("Ministry of Commerce (MOFCOM)")
    NDRC = "ndrc", _("National Development and Reform Commission (NDRC)")
    OTHER = "other", _("Other authority")


class Confidence(models.TextChoices):
    VERIFIED = "verified", _("Verified in the cited source")
    UNVERIFIED = "unverified", _("Not verified")


class HSLevelName(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    HEADING = "heading", _("Heading")
    SUBHEADING = "subheading", _("Subheading")


def scope_level(scope: str) -> str:
    return {2: HSLevelName.CHAPTER, 4: HSLevelName.HEADING, 6: HSLevelName.SUBHEADING}[len(scope)]


def scopes_of(hs_code: str) -> list[str]:
    """The chapter, heading and subheading a code belongs to, most specific first ("100199" →
    ["100199", "1001", "10"])."""
    code = (hs_code or "").replace(" ", "").replace(".", "")
    return [code[:n] for n in (6, 4, 2) if len(code) >= n]
