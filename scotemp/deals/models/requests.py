"""What a buyer asks and a seller answers: the request for quotation (or the request collecting
offers on a buy lead), the inquiry each seller receives and its quotations."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import InquiryStatus, QuotationStatus, RfqOrigin
from .common import TradeTerms, _ref_fk, _user_fk


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
