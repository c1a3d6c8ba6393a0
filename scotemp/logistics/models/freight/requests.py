"""A shipper's freight quote request, one inquiry per provider, and the providers' quotes (versions)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from ...choices import Equipment, FreightInquiryStatus, FreightQuoteStatus, FreightRequestStatus, RateBasis
from .common import _org_fk, _user_fk


class FreightRequest(PublicIdModel):
    """A shipper's freight quote request (standalone or for a deal), sent to one or more providers:
    one :class:`FreightInquiry` per provider, so no provider learns who else was asked."""

    org_field = "shipper"

    shipper = _org_fk(_("shipper"), "freight_requests")
    created_by = _user_fk(_("sent by"))
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    origin = models.ForeignKey(
        "reference.Location", verbose_name=_("origin"), related_name="+", on_delete=models.PROTECT
    )
    destination = models.ForeignKey(
        "reference.Location", verbose_name=_("destination"), related_name="+", on_delete=models.PROTECT
    )
    goods = models.CharField(_("cargo"), max_length=200)
    hs_code = models.ForeignKey(
        "reference.HSCode",
        verbose_name=_("HS code"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    weight_kg = models.DecimalField(_("gross weight (kg)"), max_digits=12, decimal_places=2)
    volume_m3 = models.DecimalField(_("volume (m³)"), max_digits=10, decimal_places=2, null=True, blank=True)
    equipment = models.CharField(_("equipment"), max_length=16, choices=Equipment.choices)
    units = models.PositiveSmallIntegerField(_("number of containers, wagons or trucks"), default=1)
    ready_date = models.DateField(_("cargo ready on"))
    incoterm = models.ForeignKey(
        "reference.Incoterm",
        verbose_name=_("Incoterm"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    notes = models.TextField(_("notes for the providers"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FreightRequestStatus.choices, default=FreightRequestStatus.OPEN
    )
    # A key the request form carries (a fresh one per form shown): the same form sent twice sends once.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("freight quote request")
        verbose_name_plural = _("freight quote requests")
        constraints = [
            models.UniqueConstraint(
                fields=["shipper", "submission_key"],
                condition=~Q(submission_key=""),
                name="unique_freight_submission",
            ),
            models.CheckConstraint(condition=Q(weight_kg__gt=0), name="freight_weight_positive"),
            models.CheckConstraint(condition=Q(units__gt=0), name="freight_units_positive"),
            models.CheckConstraint(
                condition=~Q(origin=models.F("destination")), name="freight_places_differ"
            ),
        ]

    def __str__(self):
        return f"{self.goods}: {self.origin_id} → {self.destination_id}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("logistics:freight_request", args=[self.public_id])

    @staticmethod
    def operator_q():
        return Q(pk__in=[])  # private to the shipper: operators see it only as members


class FreightInquiry(PublicIdModel):
    """One provider's copy of a freight request and the thread between shipper and provider."""

    org_field = ("shipper", "provider")

    request = models.ForeignKey(
        FreightRequest,
        verbose_name=_("freight quote request"),
        related_name="inquiries",
        on_delete=models.CASCADE,
    )
    shipper = _org_fk(_("shipper"))
    provider = _org_fk(_("provider"), "freight_inquiries")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FreightInquiryStatus.choices,
        default=FreightInquiryStatus.OPEN,
        db_index=True,
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("freight inquiry")
        verbose_name_plural = _("freight inquiries")
        constraints = [models.UniqueConstraint(fields=["request", "provider"], name="unique_freight_inquiry")]
        indexes = [models.Index(fields=["provider", "status"], name="freight_inq_provider_idx")]

    def __str__(self):
        return f"{self.request} → {self.provider}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("logistics:freight_inquiry", args=[self.public_id])

    @staticmethod
    def operator_q():
        return Q(pk__in=[])


class FreightQuote(PublicIdModel):
    """One version of a provider's quote; revising adds a version and supersedes the previous one."""

    org_field = ("inquiry__shipper", "inquiry__provider")

    inquiry = models.ForeignKey(
        FreightInquiry, verbose_name=_("freight inquiry"), related_name="quotes", on_delete=models.CASCADE
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FreightQuoteStatus.choices,
        default=FreightQuoteStatus.CURRENT,
        db_index=True,
    )
    created_by = _user_fk(_("quoted by"))
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2)
    currency = models.ForeignKey(
        "reference.Currency", verbose_name=_("currency"), related_name="+", on_delete=models.PROTECT
    )
    basis = models.CharField(_("price basis"), max_length=16, choices=RateBasis.choices)
    transit_days_min = models.PositiveSmallIntegerField(_("transit days, from"))
    transit_days_max = models.PositiveSmallIntegerField(_("transit days, to"))
    valid_until = models.DateField(_("valid until"))
    conditions = models.TextField(_("conditions"), blank=True)
    booked_at = models.DateTimeField(_("booked at"), null=True, blank=True)
    booked_by = _user_fk(_("booked by"))
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["inquiry", "-version"]
        verbose_name = _("freight quote")
        verbose_name_plural = _("freight quotes")
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "version"], name="unique_freight_quote_version"),
            models.UniqueConstraint(
                fields=["inquiry"], condition=Q(status="current"), name="one_current_freight_quote"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="freight_quote_price_positive"),
            models.CheckConstraint(
                condition=Q(transit_days_min__lte=models.F("transit_days_max")),
                name="freight_quote_days_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.inquiry_id} v{self.version}"

    @staticmethod
    def operator_q():
        return Q(pk__in=[])
