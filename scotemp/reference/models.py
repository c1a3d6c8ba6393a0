"""Reference tables: countries and their SCO status history, currencies, the HS 2022 nomenclature,
Incoterms 2020, UN/ECE Rec 20 units and UN/LOCODE locations.

They are loaded by ``manage.py load_reference`` from the files in ``scotemp/reference/data`` and
are read-only for users; translated names are modeltranslation fields (``name_en``,
``name_zh_hans``, ``name_ru``).
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import HSLevel, LocationFunction, NameSource, SCOStatus, TransportMode


class Currency(models.Model):
    """An ISO 4217 currency. Display names and formats come from Babel in the active locale."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    minor_units = models.PositiveSmallIntegerField(_("minor units"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self):
        return self.code


class Country(models.Model):
    """An ISO 3166 country with its UN official short names in the three languages."""

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=200)
    currency = models.ForeignKey(
        Currency, verbose_name=_("currency"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["iso2"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def sco_status_on(self, date: datetime.date | None = None) -> str | None:
        """The country's SCO status on ``date`` (today by default), or None."""
        period = self.sco_statuses.active_on(date or datetime.date.today()).first()
        return period.status if period else None


class SCOStatusPeriodQuerySet(models.QuerySet):
    def active_on(self, date: datetime.date):
        return self.filter(Q(start__lte=date), Q(end__isnull=True) | Q(end__gt=date))


class SCOStatusPeriod(models.Model):
    """A country's SCO status from ``start`` (inclusive) until ``end`` (exclusive, open if null)."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), related_name="sco_statuses", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=20, choices=SCOStatus.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("source note"), max_length=400, blank=True)

    objects = SCOStatusPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["country", "start"]
        verbose_name = _("SCO status period")
        verbose_name_plural = _("SCO status periods")
        constraints = [models.UniqueConstraint(fields=["country", "start"], name="unique_sco_status_start")]

    def __str__(self):
        return f"{self.country_id} {self.status} {self.start}–{self.end or '…'}"


class NameSources(models.Model):
    """Where the Chinese and the Russian name of a nomenclature row come from.

    ``official``: the EAEU nomenclature (ТН ВЭД ЕАЭС) for Russian; ``platform``: written for SCO TEMP
    (every Chinese name, and Russian names where the official one is missing or says only
    "прочие"); ``operator``: corrected in the admin, which ``load_reference`` never overwrites.
    Empty: no name in that language yet (pages fall back to English). English is always official.
    """

    zh_hans_source = models.CharField(
        _("source of the Chinese name"), max_length=10, choices=NameSource.choices, blank=True
    )
    ru_source = models.CharField(
        _("source of the Russian name"), max_length=10, choices=NameSource.choices, blank=True
    )

    class Meta:
        abstract = True

    def name_source(self, language: str) -> str:
        """The source of the name shown in ``language`` (a Django language code)."""
        if language == "ru":
            return self.ru_source
        if language in ("zh-hans", "zh_hans"):
            return self.zh_hans_source
        return NameSource.OFFICIAL

    def is_platform_translation(self, language: str) -> bool:
        return self.name_source(language) == NameSource.PLATFORM


class HSSection(NameSources):
    """One of the 21 sections of the Harmonized System (numbered 1–21, shown in Roman numerals)."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    roman = models.CharField(_("Roman numeral"), max_length=6)
    name = models.CharField(_("name"), max_length=400)

    class Meta:
        ordering = ["number"]
        verbose_name = _("HS section")
        verbose_name_plural = _("HS sections")

    def __str__(self):
        return f"{self.roman} {self.name}"


class HSCode(NameSources):
    """An HS 2022 chapter (2 digits), heading (4) or subheading (6)."""

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=HSLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.CASCADE,
    )
    section = models.ForeignKey(
        HSSection, verbose_name=_("section"), related_name="codes", on_delete=models.PROTECT
    )
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")

    def __str__(self):
        return f"{self.code} {self.description}"


class Incoterm(models.Model):
    """An Incoterms 2020 rule and the modes of transport it may be used with."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    transport_mode = models.CharField(_("transport mode"), max_length=10, choices=TransportMode.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("Incoterm")
        verbose_name_plural = _("Incoterms")

    def __str__(self):
        return f"{self.code} – {self.name}"


class RetiredIncoterm(models.Model):
    """A rule withdrawn from Incoterms (DAF, DES, DEQ, DDU in 2010; DAT in 2020) and the 2020 rule to use."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    retired_in = models.PositiveSmallIntegerField(_("withdrawn in"))
    replaced_by = models.ForeignKey(
        Incoterm, verbose_name=_("Incoterms 2020 rule to use"), related_name="+", on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("withdrawn Incoterm")
        verbose_name_plural = _("withdrawn Incoterms")

    def __str__(self):
        return f"{self.code} – {self.name}"


class Unit(models.Model):
    """A unit of measure with its UN/ECE Recommendation 20 code."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    symbol = models.CharField(_("symbol"), max_length=20, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")

    def __str__(self):
        return f"{self.code} – {self.name}"


class Location(models.Model):
    """A UN/LOCODE place: city, port, rail terminal, airport or border crossing.

    Two sources (see data/PROVENANCE.md): the curated ``locations.csv`` (names in three languages,
    ``curated`` true) and the UN/LOCODE list of the SCO region and the main hubs (Latin names only,
    many without coordinates). ``search_text`` holds every name and the code, case-folded, so one
    ``contains`` finds a place by any of them on every database."""

    locode = models.CharField(_("UN/LOCODE"), max_length=5, primary_key=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), related_name="locations", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=120)
    name_ascii = models.CharField(_("name without diacritics"), max_length=120, blank=True)
    subdivision = models.CharField(_("subdivision"), max_length=3, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    functions = models.JSONField(
        _("functions"), default=list, help_text=_("Port, rail, road, airport, border crossing.")
    )
    curated = models.BooleanField(_("named in Chinese and Russian"), default=False)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        ordering = ["locode"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return f"{self.name} ({self.locode})"

    def save(self, *args, **kwargs):
        # A name edited in the admin is found at once (load_reference writes the column in bulk).
        from .data_files import location_search_text

        self.search_text = location_search_text(
            self.locode, self.name_en, self.name_ascii, self.name_ru, self.name_zh_hans
        )
        super().save(*args, **kwargs)

    def has_function(self, function: str) -> bool:
        return function in self.functions

    @property
    def is_sea_or_waterway(self) -> bool:
        return bool({LocationFunction.PORT, LocationFunction.RIVER_PORT} & set(self.functions))


class FxRate(models.Model):
    """How many units of ``quote`` one unit of ``base`` bought on ``date``, and who said so.

    Loaded by ``manage.py load_fx`` from a CSV; ``is_demo`` marks invented rates of the demo data,
    which every page that converts with them labels as such. Conversions go through
    :func:`scotemp.reference.fx.convert`, which takes the latest rate on or before a day."""

    date = models.DateField(_("date"), db_index=True)
    base = models.ForeignKey(
        Currency, verbose_name=_("base currency"), related_name="+", on_delete=models.PROTECT
    )
    quote = models.ForeignKey(
        Currency, verbose_name=_("quote currency"), related_name="+", on_delete=models.PROTECT
    )
    rate = models.DecimalField(_("rate"), max_digits=20, decimal_places=8)
    source = models.CharField(_("source"), max_length=200)
    is_demo = models.BooleanField(_("demo rate"), default=False)

    class Meta:
        ordering = ["-date", "base", "quote"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["base", "quote", "date"], name="unique_fx_rate_per_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="fx_rate_positive"),
        ]
        indexes = [models.Index(fields=["base", "quote", "-date"], name="fx_pair_date_idx")]

    def __str__(self):
        return f"{self.date} {self.base_id}/{self.quote_id} {self.rate}"
