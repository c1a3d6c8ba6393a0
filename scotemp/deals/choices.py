from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_RFQ_SELLERS = 20
MAX_ATTACHMENTS = 5  # files on one message of a thread
MAX_MESSAGE_LENGTH = 10_000
MAX_REASON_LENGTH = 500  # a decline, rejection, cancellation or call for the operator


class InquiryStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("inquiry status", "Awaiting quotation")
    QUOTED = "quoted", pgettext_lazy("inquiry status", "Quoted")
    DECLINED = "declined", pgettext_lazy("inquiry status", "Declined by the seller")
    ACCEPTED = "accepted", pgettext_lazy("inquiry status", "Quotation accepted")
    CLOSED = "closed", pgettext_lazy("inquiry status", "Closed")


# An inquiry that can still be quoted, declined or closed.
OPEN_INQUIRY_STATUSES = frozenset({InquiryStatus.OPEN, InquiryStatus.QUOTED})


class QuotationStatus(models.TextChoices):
    CURRENT = "current", pgettext_lazy("quotation status", "Current")
    SUPERSEDED = "superseded", pgettext_lazy("quotation status", "Revised")
    ACCEPTED = "accepted", pgettext_lazy("quotation status", "Accepted")
    WITHDRAWN = "withdrawn", pgettext_lazy("quotation status", "Withdrawn")
    NOT_CHOSEN = "not_chosen", pgettext_lazy("quotation status", "Not chosen")


class DealStatus(models.TextChoices):
    NEGOTIATING = "negotiating", pgettext_lazy("deal status", "Negotiating")
    AGREED = "agreed", pgettext_lazy("deal status", "Agreed")
    CONTRACT_SIGNED = "signed", pgettext_lazy("deal status", "Contract signed")
    IN_FULFILMENT = "fulfilment", pgettext_lazy("deal status", "In fulfilment")
    COMPLETED = "completed", pgettext_lazy("deal status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("deal status", "Cancelled")


OPEN_DEAL_STATUSES = frozenset(
    {DealStatus.NEGOTIATING, DealStatus.AGREED, DealStatus.CONTRACT_SIGNED, DealStatus.IN_FULFILMENT}
)


class TermsStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("term sheet status", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("term sheet status", "Accepted by both sides")
    REJECTED = "rejected", pgettext_lazy("term sheet status", "Rejected")
    SUPERSEDED = "superseded", pgettext_lazy("term sheet status", "Replaced by a later proposal")


class RfqOrigin(models.TextChoices):
    """Who started a request: the buyer asking sellers, or sellers answering the buyer's published buy
    request with offers (one request per buy lead gathers every seller's offer, ADR 0013)."""

    REQUEST = "request", pgettext_lazy("request origin", "Request for quotation")
    OFFERS = "offers", pgettext_lazy("request origin", "Offers on a buy request")


class ConfirmationStep(models.TextChoices):
    """The steps of a deal that need a confirmation from each side before the deal moves."""

    AGREE = "agree", pgettext_lazy("confirmation step", "Terms agreed")
    SIGN = "sign", pgettext_lazy("confirmation step", "Contract signed")


# The transitions that need both sides: each side's confirmation is recorded, the deal moves when the
# second side confirms the same term sheet version.
CONFIRMED_ACTIONS = frozenset({ConfirmationStep.AGREE, ConfirmationStep.SIGN})


class DealEventKind(models.TextChoices):
    OPENED = "opened", _("Deal opened from the accepted quotation")
    TRANSITION = "transition", _("Status changed")
    TERMS_PROPOSED = "terms_proposed", _("New terms proposed")
    TERMS_ACCEPTED = "terms_accepted", _("Terms accepted")
    TERMS_REJECTED = "terms_rejected", _("Terms rejected")
    TERMS_CONFIRMED = "terms_confirmed", _("Terms confirmed by one side")
    SIGNATURE_CONFIRMED = "signature_confirmed", _("Contract signed by one side")
    CONFIRMATION_WITHDRAWN = "confirmation_withdrawn", _("Confirmation withdrawn: new terms were proposed")


# The audit verbs (``core.effects.announce``) that make up a deal's timeline, and how each reads there.
TIMELINE_VERBS = {
    "deal.opened": DealEventKind.OPENED,
    "deal.status_changed": DealEventKind.TRANSITION,
    "terms.proposed": DealEventKind.TERMS_PROPOSED,
    "terms.accepted": DealEventKind.TERMS_ACCEPTED,
    "terms.rejected": DealEventKind.TERMS_REJECTED,
    "deal.terms_confirmed": DealEventKind.TERMS_CONFIRMED,
    "deal.signature_confirmed": DealEventKind.SIGNATURE_CONFIRMED,
    "deal.confirmation_withdrawn": DealEventKind.CONFIRMATION_WITHDRAWN,
}


class DocumentType(models.TextChoices):
    PROFORMA = "proforma", _("Proforma invoice")
    CONTRACT_SUMMARY = "contract", _("Contract summary")
