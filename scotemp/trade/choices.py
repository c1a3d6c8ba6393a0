from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadKind(models.TextChoices):
    SELL = "sell", _("Sell offer")
    BUY = "buy", _("Buy request")


class LeadStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Closed")


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
