"""Admin of the import promotion zone: the operator maintains China's import requirements."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ..models import ImportRequirement


@admin.register(ImportRequirement)
class ImportRequirementAdmin(TranslationAdmin):
    list_display = ("hs_scope", "kind", "authority", "confidence", "checked_on", "operator_edited")
    list_filter = ("kind", "authority", "confidence")
    search_fields = ("hs_scope", "key", "summary", "legal_reference")
    readonly_fields = ("operator_edited",)

    def save_model(self, request, obj, form, change):
        obj.operator_edited = True
        super().save_model(request, obj, form, change)
