"""Admin for operators: leads (read mostly; status changes go through the lifecycle actions) and
saved searches for support. Matches and the organizations' decisions on them are the parties' own
business (ADR 0010) and are not registered."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Lead, SavedSearch


@admin.register(Lead)
class LeadAdmin(TranslationAdmin):
    list_display = ("title", "kind", "status", "hs_code", "organization", "valid_until", "published_at")
    list_filter = ("status", "kind", "language", "committee")
    search_fields = ("title_en", "title_zh_hans", "title_ru", "hs_code__code", "organization__name")
    raw_id_fields = ("organization", "author", "hs_code", "incoterm_place")
    readonly_fields = (
        "public_id",
        "status",
        "published_at",
        "hs_heading",
        "hs_chapter",
        "created_at",
        "updated_at",
    )
    filter_horizontal = ("countries",)
    date_hierarchy = "published_at"
    list_select_related = ("hs_code", "organization")

    def get_readonly_fields(self, request, obj=None):
        # A lead never changes organization: its matches carry the organization (Match).
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "organization") if obj is not None else fields


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "organization", "email_digest", "last_digest_at")
    raw_id_fields = ("user", "organization")
