"""Admin of the duty and VAT schedules: the operator corrects a row by hand; whole schedules come by
``manage.py import_tariffs`` / ``import_vat``."""

from django.contrib import admin

from ..models.costs import CustomsUnion, CustomsUnionMember, DutyRate, VatRate, VatReducedRate


class CustomsUnionMemberInline(admin.TabularInline):
    model = CustomsUnionMember
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(CustomsUnion)
class CustomsUnionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [CustomsUnionMemberInline]


@admin.register(DutyRate)
class DutyRateAdmin(admin.ModelAdmin):
    list_display = [
        "jurisdiction",
        "hs_prefix",
        "description",
        "rate_text",
        "kind",
        "quota",
        "confidence",
        "valid_from",
    ]
    list_filter = ["jurisdiction", "kind", "confidence", "quota"]
    search_fields = ["hs_prefix", "description", "source", "notes"]
    autocomplete_fields = ["specific_currency", "specific_unit"]


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    list_display = ["country", "standard_pct", "valid_from", "valid_to", "confidence", "source_date"]
    list_filter = ["confidence"]
    search_fields = ["country__iso2", "source", "notes"]
    autocomplete_fields = ["country"]


@admin.register(VatReducedRate)
class VatReducedRateAdmin(admin.ModelAdmin):
    list_display = ["country", "hs_prefix", "rate_pct", "description", "confidence", "valid_from"]
    list_filter = ["confidence", "country"]
    search_fields = ["hs_prefix", "description", "source"]
    autocomplete_fields = ["country"]
