"""What providers publish: lane rates (one origin, destination, mode and equipment, valid over a
period; the route planner reads the current ones) and service offers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from ...choices import Equipment, Mode, RateBasis, ServiceKind
from .common import _org_fk, _user_fk


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
