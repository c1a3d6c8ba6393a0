"""From first contact to a signed contract: requests for quotation (RFQs) and the inquiry each seller
receives, quotations and their revisions, the negotiation thread, deals with versioned term sheets
and the timeline of every step (read from the audit log, :func:`scotemp.deals.queries.timeline_of`).

Visibility (``core.permissions``): an inquiry, its quotations, messages and deal belong to two
organizations, the buyer and the seller; members of either see them, nobody else does. Operators
see a thread and its deal only after one of the parties asked them in (``operator_access_at``).
An RFQ (the buyer's request sent to up to 20 sellers) is the buyer's alone: a seller sees the request
through its own inquiry and never learns who else was asked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from .choices import ConfirmationStep, DealStatus, InquiryStatus, QuotationStatus, RfqOrigin, TermsStatus


def _user_fk(verbose_name, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        related_name=related_name,
        on_delete=models.SET_NULL,
    )


def _ref_fk(model, verbose_name, **kwargs):
    return models.ForeignKey(
        f"reference.{model}", verbose_name=verbose_name, related_name="+", on_delete=models.PROTECT, **kwargs
    )


class Rfq(PublicIdModel):
    """A buyer's request for quotation: what, how much, on which terms, sent to one or more sellers.

    One seller makes it a plain inquiry; several (at most ``MAX_RFQ_SELLERS``) make it an RFQ whose
    quotations the buyer compares side by side."""

    org_field = "buyer"

    buyer = models.ForeignKey(
        "accounts.Organization", verbose_name=_("buyer"), related_name="rfqs", on_delete=models.CASCADE
    )
    # A request the buyer sent, or the one that gathers sellers' offers on the buyer's published buy
    # request (``lead``); the latter has no sender on the buyer's side (``created_by`` empty).
    origin = models.CharField(
        _("origin"), max_length=8, choices=RfqOrigin.choices, default=RfqOrigin.REQUEST, editable=False
    )
    created_by = _user_fk(_("sent by"))
    lead = models.ForeignKey(
        "trade.Lead",
        verbose_name=_("from lead"),
        null=True,
        blank=True,
        related_name="rfqs",
        on_delete=models.SET_NULL,
    )
    goods = models.CharField(_("goods"), max_length=200)
    hs_code = _ref_fk("HSCode", _("HS code"))
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="rfqs",
        on_delete=models.SET_NULL,
    )
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    unit = _ref_fk("Unit", _("unit"))
    target_price = models.DecimalField(
        _("target unit price"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    currency = _ref_fk("Currency", _("currency"), null=True, blank=True)
    incoterm = _ref_fk("Incoterm", _("Incoterm"))
    incoterm_place = _ref_fk("Location", _("named place"))
    delivery_from = models.DateField(_("delivery from"), null=True, blank=True)
    delivery_until = models.DateField(_("delivery until"), null=True, blank=True)
    questions = models.TextField(_("questions to the seller"), blank=True)
    respond_by = models.DateField(_("answer by"), null=True, blank=True)
    # A key the request form carries (a fresh one per form shown): a second submission of the same
    # form, a double click or a reload, finds the request already sent instead of sending it twice.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request for quotation")
        verbose_name_plural = _("requests for quotation")
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "submission_key"],
                condition=~Q(submission_key=""),
                name="unique_rfq_submission",
            ),
            # One request gathers the offers on one buy lead, even when two sellers offer at once.
            models.UniqueConstraint(
                fields=["lead"], condition=Q(origin="offers"), name="one_offers_rfq_per_lead"
            ),
        ]

    def __str__(self):
        return self.goods

    @staticmethod
    def operator_q():
        # Operators read a request once a party of one of its inquiries asked them in.
        return Q(pk__in=Inquiry.objects.filter(operator_access_at__isnull=False).values("rfq_id"))


class Inquiry(PublicIdModel):
    """One seller's copy of an RFQ and the thread between buyer and seller about it."""

    org_field = ("buyer", "seller")

    rfq = models.ForeignKey(
        Rfq, verbose_name=_("request"), related_name="inquiries", on_delete=models.CASCADE
    )
    buyer = models.ForeignKey(
        "accounts.Organization", verbose_name=_("buyer"), related_name="+", on_delete=models.CASCADE
    )
    seller = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("seller"),
        related_name="inquiries_received",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.OPEN, db_index=True
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    # Private correspondence: operators read it only once a party asks them in.
    operator_access_at = models.DateTimeField(_("operator asked in"), null=True, blank=True)
    operator_access_by = _user_fk(_("operator asked in by"))
    operator_access_reason = models.CharField(_("why the operator is asked in"), max_length=500, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [models.UniqueConstraint(fields=["rfq", "seller"], name="unique_inquiry_per_seller")]
        indexes = [models.Index(fields=["seller", "status"], name="inquiry_seller_status_idx")]

    def __str__(self):
        return f"{self.rfq} → {self.seller}"

    def get_absolute_url(self):
        return reverse("deals:inquiry", args=[self.public_id])

    @staticmethod
    def operator_q():
        return Q(operator_access_at__isnull=False)


class TradeTerms(models.Model):
    """The terms a quotation offers and a term sheet fixes: quantity and unit, unit price and
    currency, Incoterm and named place, payment terms."""

    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    unit = _ref_fk("Unit", _("unit"))
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=4)
    currency = _ref_fk("Currency", _("currency"))
    incoterm = _ref_fk("Incoterm", _("Incoterm"))
    incoterm_place = _ref_fk("Location", _("named place"))
    payment_terms = models.CharField(_("payment terms"), max_length=300)

    class Meta:
        abstract = True

    @property
    def total(self):
        return self.unit_price * self.quantity


class Quotation(TradeTerms, PublicIdModel):
    """One version of a seller's answer to an inquiry. Revising adds a version and marks the previous
    one ``superseded``; every version stays visible. At most one version per inquiry is current."""

    org_field = ("inquiry__buyer", "inquiry__seller")

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), related_name="quotations", on_delete=models.CASCADE
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuotationStatus.choices,
        default=QuotationStatus.CURRENT,
        db_index=True,
    )
    created_by = _user_fk(_("quoted by"))
    # The product as the seller names it in an offer; empty means the goods of the request.
    goods = models.CharField(_("product offered"), max_length=200, blank=True)
    min_order = models.DecimalField(
        _("minimum order"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"))
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("note"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["inquiry", "-version"]
        verbose_name = _("quotation")
        verbose_name_plural = _("quotations")
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "version"], name="unique_quotation_version"),
            models.UniqueConstraint(
                fields=["inquiry"], condition=Q(status="current"), name="one_current_quotation"
            ),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="quotation_price_positive"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="quotation_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.inquiry_id} v{self.version}"

    @staticmethod
    def operator_q():
        return Q(inquiry__operator_access_at__isnull=False)


class Message(PublicIdModel):
    """A message of the negotiation thread of an inquiry (and of its deal)."""

    org_field = ("inquiry__buyer", "inquiry__seller")

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), related_name="messages", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("from organization"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    author = _user_fk(_("author"))
    body = models.TextField(_("message"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.body[:60]

    @staticmethod
    def operator_q():
        return Q(inquiry__operator_access_at__isnull=False)


def attachment_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"deals/{instance.message.inquiry.public_id}/{instance.public_id}.{instance.extension}"


class Attachment(PublicIdModel):
    """A file attached to a message; checked by its bytes like a verification document (PDF, JPEG,
    PNG up to 10 MB), stored under a generated name and served only through a permission check."""

    org_field = ("message__inquiry__buyer", "message__inquiry__seller")

    message = models.ForeignKey(
        Message, verbose_name=_("message"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @staticmethod
    def operator_q():
        return Q(message__inquiry__operator_access_at__isnull=False)


class ThreadRead(models.Model):
    """Up to when a user has read an inquiry's thread (messages after it are unread)."""

    inquiry = models.ForeignKey(Inquiry, related_name="reads", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="unique_thread_read")]

    def __str__(self):
        return f"{self.inquiry_id}/{self.user_id} {self.read_at:%Y-%m-%d %H:%M}"


class Deal(PublicIdModel):
    """A deal opened by accepting a quotation; its state follows ``deals.actions.TRANSITIONS``.

    ``current_terms`` is the latest term sheet both sides accepted; ``agreed_terms`` is fixed when the
    deal becomes agreed and never changes afterwards (documents are generated from it)."""

    org_field = ("buyer", "seller")

    inquiry = models.OneToOneField(
        Inquiry, verbose_name=_("inquiry"), related_name="deal", on_delete=models.CASCADE
    )
    quotation = models.ForeignKey(
        Quotation, verbose_name=_("accepted quotation"), related_name="+", on_delete=models.PROTECT
    )
    buyer = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("buyer"),
        related_name="deals_as_buyer",
        on_delete=models.PROTECT,
    )
    seller = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("seller"),
        related_name="deals_as_seller",
        on_delete=models.PROTECT,
    )
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        null=True,
        blank=True,
        related_name="deals",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DealStatus.choices, default=DealStatus.NEGOTIATING, db_index=True
    )
    current_terms = models.ForeignKey(
        "TermSheet", verbose_name=_("current terms"), null=True, related_name="+", on_delete=models.PROTECT
    )
    agreed_terms = models.ForeignKey(
        "TermSheet",
        verbose_name=_("agreed terms"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    agreed_at = models.DateTimeField(_("agreed"), null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return f"{self.inquiry.rfq.goods} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("deals:deal", args=[self.public_id])

    @staticmethod
    def operator_q():
        return Q(inquiry__operator_access_at__isnull=False)


class TermSheet(TradeTerms, TimeStampedModel):
    """One version of a deal's terms. A new version is ``proposed`` by one side and becomes
    ``accepted`` (the deal's current terms) when the other side accepts it."""

    org_field = ("deal__buyer", "deal__seller")

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), related_name="term_sheets", on_delete=models.CASCADE
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=TermsStatus.choices, db_index=True)
    proposed_by_org = models.ForeignKey(
        "accounts.Organization", verbose_name=_("proposed by"), related_name="+", on_delete=models.PROTECT
    )
    proposed_by = _user_fk(_("proposed by (person)"))
    decided_by = _user_fk(_("accepted or rejected by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    goods = models.CharField(_("goods"), max_length=200)
    hs_code = _ref_fk("HSCode", _("HS code"))
    delivery_from = models.DateField(_("delivery from"))
    delivery_until = models.DateField(_("delivery until"))
    inspection = models.CharField(_("inspection"), max_length=300, blank=True)
    documents_required = models.TextField(_("documents required"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["deal", "-version"]
        verbose_name = _("term sheet")
        verbose_name_plural = _("term sheets")
        constraints = [
            models.UniqueConstraint(fields=["deal", "version"], name="unique_term_sheet_version"),
            models.UniqueConstraint(
                fields=["deal"], condition=Q(status="proposed"), name="one_open_proposal"
            ),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="terms_price_positive"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="terms_quantity_positive"),
            models.CheckConstraint(
                condition=Q(delivery_until__gte=models.F("delivery_from")), name="terms_delivery_window"
            ),
        ]

    def __str__(self):
        return f"{self.deal_id} v{self.version}"

    @staticmethod
    def operator_q():
        return Q(deal__inquiry__operator_access_at__isnull=False)

    # Fields compared between versions to show what changed.
    TERM_FIELDS = (
        "goods",
        "hs_code",
        "quantity",
        "unit",
        "unit_price",
        "currency",
        "incoterm",
        "incoterm_place",
        "payment_terms",
        "delivery_from",
        "delivery_until",
        "inspection",
        "documents_required",
    )


def contract_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"deals/contracts/{instance.deal.public_id}/{instance.public_id}.{instance.extension}"


class DealConfirmation(PublicIdModel):
    """One side's confirmation of a step that needs both (``agree`` on the terms, ``sign`` the
    contract), for one term sheet version. The deal moves when the second side confirms the same
    version; a new proposal withdraws pending ``agree`` confirmations (``withdrawn_at``). A ``sign``
    confirmation may carry the side's signed contract (a PDF checked by its bytes like a verification
    document, stored under a generated name, served only to the two parties)."""

    org_field = ("deal__buyer", "deal__seller")

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), related_name="confirmations", on_delete=models.CASCADE
    )
    step = models.CharField(_("step"), max_length=5, choices=ConfirmationStep.choices)
    side = models.CharField(_("side"), max_length=6)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), related_name="+", on_delete=models.PROTECT
    )
    terms = models.ForeignKey(
        TermSheet, verbose_name=_("terms version"), related_name="+", on_delete=models.PROTECT
    )
    confirmed_by = _user_fk(_("confirmed by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    file = models.FileField(_("signed contract"), upload_to=contract_path, max_length=200, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50, blank=True)
    extension = models.CharField(max_length=5, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["deal", "created_at", "id"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "step", "side"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_pending_confirmation_per_side",
            )
        ]

    def __str__(self):
        return f"{self.deal_id} {self.step} {self.side}"

    @staticmethod
    def operator_q():
        return Q(deal__inquiry__operator_access_at__isnull=False)
