"""Admin for the reference tables. They are loaded by ``manage.py load_reference``; HS codes are read-only."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Country,
    Currency,
    FxRate,
    HSCode,
    HSSection,
    Incoterm,
    Location,
    RetiredIncoterm,
    SCOStatusPeriod,
    Unit,
)


@admin.register(Currency)
class CurrencyAdmin(TranslationAdmin):
    list_display = ("code", "name", "numeric", "minor_units")
    search_fields = ("code", "name_en", "name_zh_hans", "name_ru", "numeric")
    list_filter = ("minor_units",)


class SCOStatusPeriodInline(admin.TabularInline):
    model = SCOStatusPeriod
    extra = 0
    fields = ("status", "start", "end", "note")


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ("iso2", "iso3", "name", "currency")
    search_fields = ("iso2", "iso3", "name_en", "name_zh_hans", "name_ru")
    list_filter = ("sco_statuses__status",)
    raw_id_fields = ("currency",)
    inlines = [SCOStatusPeriodInline]


@admin.register(SCOStatusPeriod)
class SCOStatusPeriodAdmin(admin.ModelAdmin):
    list_display = ("country", "status", "start", "end")
    list_filter = ("status",)
    search_fields = ("country__iso2", "country__name_en", "country__name_ru", "country__name_zh_hans")
    date_hierarchy = "start"
    list_select_related = ("country",)


@admin.register(HSSection)
class HSSectionAdmin(TranslationAdmin):
    list_display = ("roman", "number", "name")
    search_fields = ("roman", "name_en", "name_zh_hans", "name_ru")


@admin.register(HSCode)
class HSCodeAdmin(TranslationAdmin):
    list_display = ("code", "level", "description", "section")
    list_filter = ("level", "section")
    search_fields = ("code", "description_en", "description_zh_hans", "description_ru")
    raw_id_fields = ("parent",)
    list_select_related = ("section",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # The nomenclature comes from the data files; only the translations may be corrected here.
        return ("code", "level", "parent", "section")


class RetiredIncotermInline(TranslationTabularInline):
    model = RetiredIncoterm
    fk_name = "replaced_by"
    extra = 0


@admin.register(Incoterm)
class IncotermAdmin(TranslationAdmin):
    list_display = ("code", "name", "transport_mode", "position")
    list_filter = ("transport_mode",)
    search_fields = ("code", "name_en", "name_zh_hans", "name_ru")
    inlines = [RetiredIncotermInline]


@admin.register(RetiredIncoterm)
class RetiredIncotermAdmin(TranslationAdmin):
    list_display = ("code", "name", "retired_in", "replaced_by")
    list_filter = ("retired_in",)
    search_fields = ("code", "name_en", "name_zh_hans", "name_ru")


@admin.register(Unit)
class UnitAdmin(TranslationAdmin):
    list_display = ("code", "name", "symbol")
    search_fields = ("code", "name_en", "name_zh_hans", "name_ru", "symbol")


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ("locode", "name", "country", "functions", "curated")
    list_filter = ("curated", "country")
    search_fields = ("locode", "name_en", "name_zh_hans", "name_ru", "name_ascii")
    raw_id_fields = ("country",)
    list_select_related = ("country",)


@admin.register(FxRate)
class FxRateAdmin(admin.ModelAdmin):
    """Rates come from ``manage.py load_fx``; a wrong rate can be corrected here."""

    list_display = ["date", "base", "quote", "rate", "source", "is_demo"]
    list_filter = ["is_demo", "base", "quote"]
    date_hierarchy = "date"
    search_fields = ["source"]
