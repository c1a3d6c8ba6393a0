"""Admin for operators: leads (read mostly; status changes go through the lifecycle actions),
matches and saved searches for support."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Lead, Match, MatchDecision, SavedSearch


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


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("sell_lead", "buy_lead", "score", "notified_at", "created_at")
    raw_id_fields = ("sell_lead", "buy_lead")
    readonly_fields = ("score", "parts", "notified_at")


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):
    list_display = ("match", "organization", "action", "created_at")
    list_filter = ("action",)
    raw_id_fields = ("match", "organization", "sell_lead", "buy_lead", "user")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "organization", "email_digest", "last_digest_at")
    raw_id_fields = ("user", "organization")
