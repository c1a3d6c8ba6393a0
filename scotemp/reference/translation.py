from modeltranslation.translator import TranslationOptions, register

from .models import (
    Country,
    Currency,
    HSCode,
    HSSection,
    Incoterm,
    Location,
    RetiredIncoterm,
    SCOStatusPeriod,
    Unit,
)


@register(Country)
class CountryTR(TranslationOptions):
    fields = ("name",)


@register(Currency)
class CurrencyTR(TranslationOptions):
    fields = ("name",)


@register(HSSection)
class HSSectionTR(TranslationOptions):
    fields = ("name",)


@register(HSCode)
class HSCodeTR(TranslationOptions):
    fields = ("description",)


@register(Incoterm)
class IncotermTR(TranslationOptions):
    fields = ("name",)


@register(Unit)
class UnitTR(TranslationOptions):
    fields = ("name",)


@register(Location)
class LocationTR(TranslationOptions):
    fields = ("name",)


@register(RetiredIncoterm)
class RetiredIncotermTR(TranslationOptions):
    fields = ("name",)


@register(SCOStatusPeriod)
class SCOStatusPeriodTR(TranslationOptions):
    fields = ("note",)
