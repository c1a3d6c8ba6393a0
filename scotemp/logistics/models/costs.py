"""Duty and VAT schedules for the delivered cost.

- :class:`CustomsUnion` and :class:`CustomsUnionMember`: a customs union whose common tariff replaces
  its members' own (the EAEU common customs tariff serves Russia, Kazakhstan, Kyrgyzstan, Belarus and
  Armenia), membership kept as data with its source;
- :class:`DutyRate`: one row of an import duty schedule, for a jurisdiction (an ISO country code or a
  union code) and an HS code prefix of 2–10 digits (blank: the whole schedule); the most specific
  prefix applies;
- :class:`VatRate`: the standard import VAT of a country; :class:`VatReducedRate`: a reduced rate for
  an HS prefix, only where a source says so.

Every row carries its source, the source's date and a confidence; a blank rate stays blank (unknown),
never 0.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices.costs import CompoundRule, DutyKind, Quota, RateConfidence

__all__ = ["CustomsUnion", "CustomsUnionMember", "DutyRate", "VatRate", "VatReducedRate"]


def _valid_on(day):
    return Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(
        valid_to__gte=day
    )


class CustomsUnion(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"))
    source_date = models.CharField(_("source date"), max_length=40, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("customs union")
        verbose_name_plural = _("customs unions")

    def __str__(self):
        return self.code


class CustomsUnionMemberQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(
            Q(joined__isnull=True) | Q(joined__lte=day), Q(left__isnull=True) | Q(left__gt=day)
        )


class CustomsUnionMember(models.Model):
    union = models.ForeignKey(
        CustomsUnion, verbose_name=_("customs union"), related_name="members", on_delete=models.CASCADE
    )
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="+", on_delete=models.PROTECT
    )
    joined = models.DateField(_("member since"), null=True, blank=True)
    left = models.DateField(_("member until"), null=True, blank=True)
    source = models.TextField(_("source"))

    objects = CustomsUnionMemberQuerySet.as_manager()

    class Meta:
        ordering = ["union", "country"]
        verbose_name = _("customs union member")
        verbose_name_plural = _("customs union members")
        constraints = [
            models.UniqueConstraint(fields=["union", "country"], name="logistics_union_member_once")
        ]

    def __str__(self):
        return f"{self.union_id}: {self.country_id}"


class ScheduleQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(*_valid_on(day))


class ScheduleRow(models.Model):
    """What every schedule row carries: validity, source, its date, confidence, notes."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    source = models.TextField(_("source"))
    source_date = models.CharField(_("source date"), max_length=40, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=12, choices=RateConfidence.choices, default=RateConfidence.UNVERIFIED
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def indicative(self) -> bool:
        """A rate without a verified source is shown as indicative."""
        return self.confidence != RateConfidence.VERIFIED


class DutyRate(ScheduleRow):
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=8,
        db_index=True,
        help_text=_("ISO country code or customs union code (EAEU)."),
    )
    hs_prefix = models.CharField(
        _("HS code prefix"),
        max_length=10,
        blank=True,
        help_text=_("2 to 10 digits; blank for the whole schedule."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(_("duty kind"), max_length=12, choices=DutyKind.choices, default=DutyKind.UNKNOWN)
    ad_valorem_pct = models.DecimalField(
        _("ad valorem rate, %"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    provisional_pct = models.DecimalField(
        _("provisional (temporary) rate, %"),
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Applies instead of the ad valorem rate while in force."),
    )
    specific_amount = models.DecimalField(
        _("specific rate, amount per unit"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    specific_currency = models.ForeignKey(
        "reference.Currency",
        verbose_name=_("currency of the specific rate"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    specific_unit = models.ForeignKey(
        "reference.Unit",
        verbose_name=_("unit of the specific rate"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    compound_rule = models.CharField(
        _("compound rule"), max_length=8, choices=CompoundRule.choices, blank=True
    )
    quota = models.CharField(_("tariff-rate quota"), max_length=12, choices=Quota.choices, blank=True)
    rate_text = models.CharField(_("rate as published"), max_length=100, blank=True)

    class Meta:
        ordering = ["jurisdiction", "hs_prefix", "quota"]
        verbose_name = _("import duty rate")
        verbose_name_plural = _("import duty rates")
        indexes = [models.Index(fields=["jurisdiction", "hs_prefix"], name="logistics_duty_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "hs_prefix", "quota", "valid_from"], name="logistics_duty_row_once"
            )
        ]

    def __str__(self):
        return f"{self.jurisdiction} {self.hs_prefix or '*'} {self.rate_text or '—'}"

    @property
    def known(self) -> bool:
        return self.kind != DutyKind.UNKNOWN


class VatRate(ScheduleRow):
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="+", on_delete=models.PROTECT
    )
    standard_pct = models.DecimalField(
        _("standard rate, %"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    reduced_rates_text = models.CharField(_("reduced rates as published"), max_length=300, blank=True)
    applies_to_imports = models.CharField(_("applies to imports"), max_length=100, blank=True)

    class Meta:
        ordering = ["country", "valid_from"]
        verbose_name = _("import VAT rate")
        verbose_name_plural = _("import VAT rates")
        constraints = [
            models.UniqueConstraint(fields=["country", "valid_from"], name="logistics_vat_row_once")
        ]

    def __str__(self):
        return f"{self.country_id} {self.standard_pct if self.standard_pct is not None else '—'}%"


class VatReducedRate(ScheduleRow):
    country = models.ForeignKey(
        "reference.Country", verbose_name=_("country"), related_name="+", on_delete=models.PROTECT
    )
    hs_prefix = models.CharField(_("HS code prefix"), max_length=10)
    rate_pct = models.DecimalField(_("rate, %"), max_digits=6, decimal_places=3)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "hs_prefix"]
        verbose_name = _("reduced import VAT rate")
        verbose_name_plural = _("reduced import VAT rates")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "hs_prefix", "valid_from"], name="logistics_vat_reduced_once"
            )
        ]

    def __str__(self):
        return f"{self.country_id} {self.hs_prefix} {self.rate_pct}%"
