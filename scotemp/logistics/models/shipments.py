"""Shipments and their tracking: a :class:`Shipment` between a shipper and a consignee, carried by a
provider (forwarder or carrier) along :class:`ShipmentLeg` rows, in :class:`ShipmentEquipment`
(containers or wagons), with its :class:`ShipmentDocument` files and the :class:`TrackingEvent`
timeline in the DCSA Track & Trace vocabulary (see :mod:`scotemp.logistics.choices.shipments`).

Who sees what: the three parties (shipper, consignee, provider) see the shipment and its rows; the
shipper and the provider change it and post events; anybody else gets 404. The consignee may follow
it through the public tracking link, which shows milestones only."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum import iso6346
from stdnum.exceptions import ValidationError as StdnumError

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from ..choices import Equipment, Mode
from ..choices.shipments import (
    DEFAULT_DELAY_THRESHOLD_HOURS,
    DocumentKind,
    EventClassifier,
    EventSource,
    EventType,
    ShipmentStatus,
)

PARTIES = ("shipper", "consignee", "provider")
CONTAINER_TYPES = frozenset(
    {
        Equipment.CONTAINER_20,
        Equipment.CONTAINER_40,
        Equipment.CONTAINER_40HC,
        Equipment.CONTAINER_45HC,
        Equipment.REEFER_40,
    }
)
WAGON_TYPES = frozenset(
    {
        Equipment.WAGON_COVERED,
        Equipment.WAGON_HOPPER,
        Equipment.WAGON_GONDOLA,
        Equipment.WAGON_TANK,
        Equipment.WAGON_FLAT,
    }
)


def new_tracking_token() -> str:
    """32 URL-safe characters from 24 random bytes (192 bits): not guessable, not enumerable."""
    return secrets.token_urlsafe(24)


def _org_fk(verbose_name, related_name, null=False):
    return models.ForeignKey(
        "accounts.Organization",
        verbose_name=verbose_name,
        related_name=related_name,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
    )


def _place_fk(verbose_name):
    return models.ForeignKey(
        "reference.Location", verbose_name=verbose_name, related_name="+", on_delete=models.PROTECT
    )


class Shipment(PublicIdModel):
    """Goods travelling from ``origin`` to ``destination`` for the ``shipper``.

    ``status`` follows the actual events (``actions.shipments.events``); ``eta`` is recomputed from
    the timeline after every batch of events; ``delay_notified_eta`` remembers the ETA the parties
    were last told about, so a slip is announced once, not once per event."""

    org_field = PARTIES

    reference = models.CharField(_("reference"), max_length=24, unique=True)
    shipper = _org_fk(_("shipper"), "shipments_as_shipper")
    consignee = _org_fk(_("consignee"), "shipments_as_consignee", null=True)
    consignee_name = models.CharField(_("consignee (if not on the platform)"), max_length=200, blank=True)
    provider = _org_fk(_("forwarder or carrier"), "shipments_as_provider", null=True)
    freight_quote = models.OneToOneField(
        "logistics.FreightQuote",
        verbose_name=_("booked freight quote"),
        null=True,
        blank=True,
        related_name="shipment",
        on_delete=models.SET_NULL,
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        related_name="shipments",
        on_delete=models.SET_NULL,
    )
    origin = _place_fk(_("origin"))
    destination = _place_fk(_("destination"))
    planned_departure = models.DateTimeField(_("planned departure"), null=True, blank=True)
    planned_arrival = models.DateTimeField(_("planned arrival"), null=True, blank=True)
    eta = models.DateTimeField(_("estimated arrival"), null=True, blank=True)
    eta_basis = models.CharField(_("how the estimate was made"), max_length=16, blank=True)
    delay_threshold_hours = models.PositiveIntegerField(
        _("delay threshold, hours"),
        default=DEFAULT_DELAY_THRESHOLD_HOURS,
        help_text=_("The parties are notified when the estimated arrival slips by more than this."),
    )
    delay_notified_eta = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.BOOKED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    hs_code = models.ForeignKey(
        "reference.HSCode",
        verbose_name=_("HS code"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    cargo_description = models.CharField(_("cargo"), max_length=300)
    weight_kg = models.DecimalField(
        _("gross weight, kg"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    volume_m3 = models.DecimalField(_("volume, m³"), max_digits=10, decimal_places=3, null=True, blank=True)
    tracking_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    events_count = models.PositiveIntegerField(_("events"), default=0)
    last_event_at = models.DateTimeField(_("latest event"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True) | Q(weight_kg__gt=0), name="shipment_weight_positive"
            ),
            models.CheckConstraint(
                condition=Q(volume_m3__isnull=True) | Q(volume_m3__gt=0), name="shipment_volume_positive"
            ),
            models.CheckConstraint(
                condition=Q(planned_departure__isnull=True)
                | Q(planned_arrival__isnull=True)
                | Q(planned_departure__lte=models.F("planned_arrival")),
                name="shipment_plan_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.origin_id} → {self.destination_id}"

    def get_absolute_url(self):
        return reverse("logistics:shipment", args=[self.public_id])

    @property
    def consignee_label(self) -> str:
        return self.consignee.name if self.consignee_id else self.consignee_name

    @property
    def delay_hours(self) -> float | None:
        """How far the ETA lies after the planned arrival, in hours (negative: early)."""
        if self.eta is None or self.planned_arrival is None:
            return None
        return (self.eta - self.planned_arrival).total_seconds() / 3600

    @property
    def is_late(self) -> bool:
        delay = self.delay_hours
        return delay is not None and delay > self.delay_threshold_hours


class ShipmentLeg(models.Model):
    """One stretch of the shipment by one mode. Places are codes: a UN/LOCODE, or a network code such
    as ``KZ-ALTYNKOL`` for a border point without one."""

    org_field = tuple(f"shipment__{p}" for p in PARTIES)

    shipment = models.ForeignKey(
        Shipment, verbose_name=_("shipment"), related_name="legs", on_delete=models.CASCADE
    )
    sequence = models.PositiveSmallIntegerField(_("order"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    from_code = models.CharField(_("from"), max_length=24)
    to_code = models.CharField(_("to"), max_length=24)
    planned_departure = models.DateTimeField(_("planned departure"), null=True, blank=True)
    planned_arrival = models.DateTimeField(_("planned arrival"), null=True, blank=True)
    actual_departure = models.DateTimeField(_("actual departure"), null=True, blank=True)
    actual_arrival = models.DateTimeField(_("actual arrival"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["shipment", "sequence"]
        verbose_name = _("shipment leg")
        verbose_name_plural = _("shipment legs")
        constraints = [
            models.UniqueConstraint(fields=["shipment", "sequence"], name="shipment_leg_sequence"),
            models.CheckConstraint(
                condition=Q(planned_departure__isnull=True)
                | Q(planned_arrival__isnull=True)
                | Q(planned_departure__lte=models.F("planned_arrival")),
                name="shipment_leg_plan_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.shipment_id} #{self.sequence} {self.from_code} → {self.to_code}"


def validate_equipment_number(equipment_type: str, number: str) -> str:
    """The normalised number (upper case, no spaces); ``ValidationError`` naming ``number`` when a
    container number fails ISO 6346 (owner code, category, serial, check digit: python-stdnum) or a
    wagon number is not 8 digits (the 1520 mm check digit is not checked: no maintained library)."""
    value = "".join(str(number or "").split()).upper()
    if not value:
        raise ValidationError({"number": [_("Enter the container or wagon number.")]}, code="required")
    if equipment_type in CONTAINER_TYPES:
        try:
            return iso6346.validate(value)
        except StdnumError:
            raise ValidationError(
                {
                    "number": [
                        _(
                            "“%(number)s” is not a valid ISO 6346 container number "
                            "(four letters, six digits and the check digit, e.g. CSQU3054383)."
                        )
                        % {"number": value[:20]}
                    ]
                },
                code="iso6346",
            ) from None
    if equipment_type in WAGON_TYPES:
        if not (value.isdigit() and len(value) == 8):
            raise ValidationError({"number": [_("A wagon number has 8 digits.")]}, code="wagon_number")
        return value
    if len(value) > 20:
        raise ValidationError({"number": [_("Use at most 20 characters.")]}, code="max_length")
    return value


class ShipmentEquipment(models.Model):
    """A container, wagon or truck of the shipment, with its seal."""

    org_field = tuple(f"shipment__{p}" for p in PARTIES)

    shipment = models.ForeignKey(
        Shipment, verbose_name=_("shipment"), related_name="equipment", on_delete=models.CASCADE
    )
    equipment_type = models.CharField(_("type"), max_length=16, choices=Equipment.choices)
    number = models.CharField(_("number"), max_length=20)
    seal = models.CharField(_("seal"), max_length=40, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["shipment", "number"]
        verbose_name = _("container or wagon")
        verbose_name_plural = _("containers and wagons")
        constraints = [
            models.UniqueConstraint(fields=["shipment", "number"], name="shipment_equipment_unique"),
        ]

    def __str__(self):
        return f"{self.number} ({self.get_equipment_type_display()})"

    def clean(self):
        self.number = validate_equipment_number(self.equipment_type, self.number)


def document_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"logistics/shipments/{instance.shipment.public_id}/{instance.public_id}.{instance.extension}"


class ShipmentDocument(PublicIdModel):
    """A transport or trade document of the shipment, checked by its bytes (PDF, JPEG, PNG), stored
    under a generated name and served only to the parties."""

    org_field = tuple(f"shipment__{p}" for p in PARTIES)

    shipment = models.ForeignKey(
        Shipment, verbose_name=_("shipment"), related_name="documents", on_delete=models.CASCADE
    )
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("uploaded for"), related_name="+", on_delete=models.PROTECT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["shipment", "created_at", "id"]
        verbose_name = _("shipment document")
        verbose_name_plural = _("shipment documents")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class TrackingEvent(PublicIdModel):
    """One event of the timeline (DCSA eventClassifierCode + event type code, or a platform
    extension). ``event_at`` is when it happened (or is planned/expected to), with its time zone;
    ``created_at`` is when the platform recorded it. The timeline is ordered by ``event_at``, so
    events arriving out of order fall into place.

    ``dedupe_key`` makes a resent event a no-op: ``id:<provider event id>`` when the provider gives
    one, else ``h:<sha256 of classifier, type, time, place and equipment>``; unique per shipment."""

    org_field = tuple(f"shipment__{p}" for p in PARTIES)

    shipment = models.ForeignKey(
        Shipment, verbose_name=_("shipment"), related_name="events", on_delete=models.CASCADE
    )
    classifier = models.CharField(_("classifier"), max_length=3, choices=EventClassifier.choices)
    event_type = models.CharField(_("event"), max_length=4, choices=EventType.choices)
    event_at = models.DateTimeField(_("time of the event"))
    location_code = models.CharField(_("place"), max_length=24)
    equipment_reference = models.CharField(_("container or wagon"), max_length=20, blank=True)
    description = models.CharField(_("remark"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=EventSource.choices)
    provider_event_id = models.CharField(_("provider's event id"), max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=110, editable=False)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("posted for"), related_name="+", on_delete=models.PROTECT
    )

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["shipment", "event_at", "id"]
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        constraints = [
            models.UniqueConstraint(fields=["shipment", "dedupe_key"], name="tracking_event_once"),
        ]
        indexes = [
            models.Index(
                fields=["shipment", "classifier", "event_type", "event_at"], name="tracking_event_kind_idx"
            ),
            # The latest actual events of a shipment (the ETA's delay rule) and the timeline in event order.
            models.Index(fields=["shipment", "classifier", "event_at"], name="tracking_event_class_idx"),
            models.Index(fields=["shipment", "event_at"], name="tracking_event_time_idx"),
        ]

    def __str__(self):
        return f"{self.classifier} {self.event_type} {self.location_code} {self.event_at:%Y-%m-%d %H:%M}"


__all__ = [
    "Shipment",
    "ShipmentDocument",
    "ShipmentEquipment",
    "ShipmentLeg",
    "TrackingEvent",
    "validate_equipment_number",
]
