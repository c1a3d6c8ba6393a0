"""Admin for the reference tables. They are loaded by ``manage.py load_reference``; of the HS
nomenclature only the Chinese and Russian names may be corrected, and a correction is marked as the
operator's so that the next load keeps it."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .actions import restore_names_from_data
from .choices import NameSource
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


class NameSourcesAdmin(TranslationAdmin):
    """Shows where each translated name comes from; saving a changed Chinese or Russian name marks
    it "corrected by the operator" (``load_reference`` keeps it); the action "restore" hands the
    selected names back to the data files."""

    name_field = "name"
    actions = ["restore_names"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        for language in ("zh_hans", "ru"):
            if f"{self.name_field}_{language}" in form.changed_data:
                setattr(obj, f"{language}_source", NameSource.OPERATOR)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Restore the Chinese and Russian names from the data files"))
    def restore_names(self, request, queryset):
        count = restore_names_from_data(self.model, list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d row takes its names from the data files again.",
                "%(count)d rows take their names from the data files again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(HSSection)
class HSSectionAdmin(NameSourcesAdmin):
    list_display = ("roman", "number", "name", "zh_hans_source", "ru_source")
    list_filter = ("zh_hans_source", "ru_source")
    search_fields = ("roman", "name_en", "name_zh_hans", "name_ru")
    readonly_fields = ("number", "roman", "name_en", "zh_hans_source", "ru_source")


@admin.register(HSCode)
class HSCodeAdmin(NameSourcesAdmin):
    name_field = "description"
    list_display = ("code", "level", "description", "zh_hans_source", "ru_source")
    list_filter = ("level", "zh_hans_source", "ru_source", "section")
    search_fields = ("code", "description_en", "description_zh_hans", "description_ru")
    list_select_related = ("section",)
    show_full_result_count = False
    # The nomenclature comes from the data files; only the translations may be corrected here.
    readonly_fields = ("code", "level", "parent", "section", "description_en", "zh_hans_source", "ru_source")


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
