"""The corridor network: places (:class:`Node`), the legs between them (:class:`Leg`), the named
corridors they form (:class:`Corridor`) and the CO₂ factor of each mode (:class:`Co2Factor`).

Every figure carries its source, its date and its :class:`~scotemp.logistics.choices.Confidence`;
a blank stays blank (``None``), it is never filled with a guess. Loaded from ``data/`` by
``manage.py load_reference`` (see ``data/PROVENANCE.md``); the operator edits them in the admin and
by CSV import."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Confidence, Mode, NodeCodeStatus


class Node(models.Model):
    """A place of the network: a city, terminal, port, airport or border crossing.

    ``code`` is the UN/LOCODE where the place has one (``location`` then points at the reference
    row), else a stable platform code such as ``KZ-DOSTYK`` (``code_status`` says which)."""

    code = models.CharField(_("code"), max_length=24, primary_key=True)
    code_status = models.CharField(_("kind of code"), max_length=24, choices=NodeCodeStatus.choices)
    location = models.ForeignKey(
        "reference.Location",
        verbose_name=_("UN/LOCODE place"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=120)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    is_border_crossing = models.BooleanField(_("border crossing"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("network place")
        verbose_name_plural = _("network places")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_unlocode(self) -> bool:
        return self.code_status != NodeCodeStatus.PLATFORM


class SourcedFigure(models.Model):
    """Where a figure comes from and how far it can be trusted."""

    source = models.TextField(_("source"), blank=True)
    source_date = models.CharField(
        _("date of the source"),
        max_length=40,
        blank=True,
        help_text=_("As precise as the source is: 2025, 2025-07 or 2025-07-01."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True


class Leg(SourcedFigure):
    """A direct link between two places by one mode; usable in both directions."""

    origin = models.ForeignKey(
        Node, verbose_name=_("from"), related_name="legs_out", on_delete=models.CASCADE
    )
    destination = models.ForeignKey(
        Node, verbose_name=_("to"), related_name="legs_in", on_delete=models.CASCADE
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    distance_km = models.PositiveIntegerField(_("distance, km"), null=True, blank=True)
    days_min = models.DecimalField(
        _("transit days, from"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    days_max = models.DecimalField(
        _("transit days, to"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    gauge_change = models.BooleanField(_("gauge change"), default=False)
    border_crossing = models.BooleanField(_("border crossing"), default=False)

    class Meta:
        ordering = ["origin", "destination", "mode"]
        verbose_name = _("leg")
        verbose_name_plural = _("legs")
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination", "mode"], name="logistics_unique_leg"),
            models.CheckConstraint(
                condition=models.Q(days_min__isnull=True)
                | models.Q(days_max__isnull=True)
                | models.Q(days_min__lte=models.F("days_max")),
                name="logistics_leg_days_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.origin_id} → {self.destination_id} ({self.get_mode_display()})"


class Corridor(SourcedFigure):
    """A named service along the network (the China–Europe Railway Express via Alashankou, the
    Land–Sea corridor via Qinzhou …), with its end-to-end figures as published."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    mode = models.CharField(_("mode"), max_length=16, help_text=_("rail, road, sea, air or multimodal"))
    origin = models.ForeignKey(Node, verbose_name=_("from"), related_name="+", on_delete=models.PROTECT)
    destination = models.ForeignKey(Node, verbose_name=_("to"), related_name="+", on_delete=models.PROTECT)
    via = models.JSONField(
        _("via"), default=list, blank=True, help_text=_("Codes of the places on the way, in order.")
    )
    distance_km = models.PositiveIntegerField(_("distance, km"), null=True, blank=True)
    days_min = models.DecimalField(
        _("transit days, from"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    days_max = models.DecimalField(
        _("transit days, to"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    frequency_per_week = models.CharField(_("departures per week"), max_length=60, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("corridor")
        verbose_name_plural = _("corridors")

    def __str__(self):
        return f"{self.code} {self.name}"


class Co2Factor(SourcedFigure):
    """Grams of CO₂ (or CO₂e) per tonne-km of a mode, as published; ``value`` is blank where the
    source was not found."""

    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    subtype = models.CharField(_("vehicle"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    scope = models.CharField(_("scope"), max_length=200, blank=True)
    is_default = models.BooleanField(
        _("used by the route planner"),
        default=False,
        help_text=_("One factor per mode is used for CO₂ estimates."),
    )

    class Meta:
        ordering = ["mode", "subtype"]
        verbose_name = _("CO₂ factor")
        verbose_name_plural = _("CO₂ factors")
        constraints = [
            models.UniqueConstraint(fields=["mode", "subtype"], name="logistics_unique_co2_factor"),
            models.UniqueConstraint(
                fields=["mode"], condition=models.Q(is_default=True), name="logistics_one_default_co2_factor"
            ),
        ]

    def __str__(self):
        return f"{self.get_mode_display()}: {self.subtype}"
