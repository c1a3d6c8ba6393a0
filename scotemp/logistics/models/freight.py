"""What providers sell on the corridors: lane rates (:class:`LaneRate`), and (see below) service
offers, freight quote requests and their quotes.

A lane rate is published by a service provider (an organization with the forwarder, carrier
activity …) for one origin, destination, mode and equipment, valid over a period; the route planner
reads the current ones for its cost ranges and a quote request goes to the providers who serve the
lane."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import (
    Equipment,
    FreightInquiryStatus,
    FreightQuoteStatus,
    FreightRequestStatus,
    Mode,
    RateBasis,
    ServiceKind,
)


class LaneRateQuerySet(OrgScopedQuerySet):
    def current(self, on=None):
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(valid_from__lte=day, valid_until__gte=day, withdrawn_at__isnull=True)


class LaneRate(PublicIdModel):
    org_field = "provider"

    provider = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("provider"),
        related_name="lane_rates",
        on_delete=models.CASCADE,
    )
    origin = models.ForeignKey(
        "reference.Location", verbose_name=_("origin"), related_name="+", on_delete=models.PROTECT
    )
    destination = models.ForeignKey(
        "reference.Location", verbose_name=_("destination"), related_name="+", on_delete=models.PROTECT
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    equipment = models.CharField(_("equipment"), max_length=16, choices=Equipment.choices)
    basis = models.CharField(_("price basis"), max_length=16, choices=RateBasis.choices)
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2)
    currency = models.ForeignKey(
        "reference.Currency", verbose_name=_("currency"), related_name="+", on_delete=models.PROTECT
    )
    transit_days_min = models.PositiveSmallIntegerField(_("transit days, from"), null=True, blank=True)
    transit_days_max = models.PositiveSmallIntegerField(_("transit days, to"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    conditions = models.TextField(_("conditions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Seeded by the demo: an invented figure, labelled "demo data" wherever it is shown.
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = LaneRateQuerySet.as_manager()

    class Meta:
        ordering = ["origin", "destination", "mode", "price"]
        verbose_name = _("lane rate")
        verbose_name_plural = _("lane rates")
        indexes = [
            models.Index(fields=["origin", "destination", "valid_until"], name="lanerate_lane_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="lanerate_price_positive"),
            models.CheckConstraint(
                condition=models.Q(valid_from__lte=models.F("valid_until")), name="lanerate_valid_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(transit_days_min__isnull=True)
                | models.Q(transit_days_max__isnull=True)
                | models.Q(transit_days_min__lte=models.F("transit_days_max")),
                name="lanerate_days_ordered",
            ),
        ]

    def __str__(self):
        lane = f"{self.origin_id} → {self.destination_id}"
        return f"{lane} {self.get_equipment_display()} {self.price} {self.currency_id}"


# ---- Service offers, freight quote requests and quotes (below this line; add them to __all__) ----


def _user_fk(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )


def _org_fk(verbose_name, related_name="+"):
    return models.ForeignKey(
        "accounts.Organization",
        verbose_name=verbose_name,
        related_name=related_name,
        on_delete=models.CASCADE,
    )


class ServiceOfferQuerySet(OrgScopedQuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class ServiceOffer(PublicIdModel):
    """A provider's standing offer of a service (customs brokerage, cargo insurance, trade finance …)
    in the countries and places it serves, described in the provider's own language."""

    org_field = "provider"

    provider = _org_fk(_("provider"), "service_offers")
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(_("language of the description"), max_length=10)
    countries = models.ManyToManyField(
        "reference.Country", verbose_name=_("countries served"), related_name="+", blank=True
    )
    places = models.ManyToManyField(
        "reference.Location", verbose_name=_("places served"), related_name="+", blank=True
    )
    conditions = models.TextField(_("conditions"), blank=True)
    created_by = _user_fk(_("created by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = ServiceOfferQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-created_at"]
        verbose_name = _("service offer")
        verbose_name_plural = _("service offers")

    def __str__(self):
        return self.title

    @staticmethod
    def public_q():
        return Q(withdrawn_at__isnull=True)


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


class FreightMessage(PublicIdModel):
    """A message of the thread of a freight inquiry."""

    org_field = ("inquiry__shipper", "inquiry__provider")

    inquiry = models.ForeignKey(
        FreightInquiry, verbose_name=_("freight inquiry"), related_name="messages", on_delete=models.CASCADE
    )
    organization = _org_fk(_("from organization"))
    author = _user_fk(_("author"))
    body = models.TextField(_("message"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("freight message")
        verbose_name_plural = _("freight messages")

    def __str__(self):
        return self.body[:60]

    @staticmethod
    def operator_q():
        return Q(pk__in=[])


def freight_attachment_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"freight/{instance.message.inquiry.public_id}/{instance.public_id}.{instance.extension}"


class FreightAttachment(PublicIdModel):
    """A file attached to a freight message, checked by its bytes (PDF, JPEG, PNG up to 10 MB), stored
    under a generated name and served only through a permission check."""

    org_field = ("message__inquiry__shipper", "message__inquiry__provider")

    message = models.ForeignKey(
        FreightMessage, verbose_name=_("message"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=freight_attachment_path, max_length=200)
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
        return Q(pk__in=[])


class FreightThreadRead(models.Model):
    """Up to when a user has read a freight inquiry's thread."""

    inquiry = models.ForeignKey(FreightInquiry, related_name="reads", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="unique_freight_thread_read")]

    def __str__(self):
        return f"{self.inquiry_id}/{self.user_id}"


__all__ = [
    "FreightAttachment",
    "FreightInquiry",
    "FreightMessage",
    "FreightQuote",
    "FreightRequest",
    "FreightThreadRead",
    "LaneRate",
    "ServiceOffer",
]
