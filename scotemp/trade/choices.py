"""Fixed choices and rules of trade leads that every layer shares (models, actions, forms, API)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# Language code → the suffix of its modeltranslation columns (``title_zh_hans``).
LANGUAGE_SUFFIX = {"en": "en", "zh-hans": "zh_hans", "ru": "ru"}

DEFAULT_VALIDITY_DAYS = 90  # a lead without a validity date is valid this long


class LeadKind(models.TextChoices):
    SELL = "sell", _("Sell offer")
    BUY = "buy", _("Buy request")


class LeadStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Closed")


class LeadSort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest")
    EXPIRING = "expiring", _("Expiring soon")


class PaymentTerm(models.TextChoices):
    TT_ADVANCE = "tt_advance", _("T/T in advance")
    TT_PARTIAL = "tt_partial", _("T/T: deposit and balance against documents")
    LC_SIGHT = "lc_sight", _("L/C at sight")
    LC_USANCE = "lc_usance", _("L/C with deferred payment")
    DP = "dp", _("D/P (documents against payment)")
    DA = "da", _("D/A (documents against acceptance)")
    OPEN_ACCOUNT = "open_account", _("Open account")
    CAD = "cad", _("Cash against documents")


class MatchAction(models.TextChoices):
    BOOKMARKED = "bookmarked", _("Bookmarked")
    DISMISSED = "dismissed", _("Dismissed")


def one_year_after(day: datetime.date) -> datetime.date:
    """The same calendar day a year later (28 February after a 29 February): a lead's last possible
    validity date."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def default_valid_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)
