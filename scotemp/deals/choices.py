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


class DealEventKind(models.TextChoices):
    OPENED = "opened", _("Deal opened from the accepted quotation")
    TRANSITION = "transition", _("Status changed")
    TERMS_PROPOSED = "terms_proposed", _("New terms proposed")
    TERMS_ACCEPTED = "terms_accepted", _("Terms accepted")
    TERMS_REJECTED = "terms_rejected", _("Terms rejected")


# The audit verbs (``core.effects.announce``) that make up a deal's timeline, and how each reads there.
TIMELINE_VERBS = {
    "deal.opened": DealEventKind.OPENED,
    "deal.status_changed": DealEventKind.TRANSITION,
    "terms.proposed": DealEventKind.TERMS_PROPOSED,
    "terms.accepted": DealEventKind.TERMS_ACCEPTED,
    "terms.rejected": DealEventKind.TERMS_REJECTED,
}


class DocumentType(models.TextChoices):
    PROFORMA = "proforma", _("Proforma invoice")
    CONTRACT_SUMMARY = "contract", _("Contract summary")
