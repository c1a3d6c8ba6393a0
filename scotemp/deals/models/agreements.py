"""Deals, their versioned term sheets and each party's confirmation of the terms and of the signed
contract."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel, TimeStampedModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import ConfirmationStep, DealStatus, TermsStatus
from .common import TradeTerms, _ref_fk, _user_fk
from .requests import Inquiry, Quotation


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
