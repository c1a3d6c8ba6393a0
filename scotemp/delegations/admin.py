from django.contrib import admin

from .models import Delegation, DelegationMember, Outcome, ProgrammeItem


class MemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0
    fields = ("organization", "role", "status", "participants")
    raw_id_fields = ("organization",)


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    fields = ("day", "starts_at", "ends_at", "kind", "title_en", "title_ru", "title_zh_hans", "city", "host")
    raw_id_fields = ("city", "host", "event")


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ("kind", "note_en", "note_ru", "note_zh_hans", "rfq", "deal")
    raw_id_fields = ("rfq", "deal")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "direction",
        "country",
        "starts_on",
        "ends_on",
        "status",
        "published",
        "committee",
    )
    list_filter = ("direction", "status", "published", "committee")
    search_fields = ("title", "title_en", "title_ru", "title_zh_hans", "head_name")
    date_hierarchy = "starts_on"
    raw_id_fields = ("cities", "created_by")
    inlines = [MemberInline, ProgrammeInline, OutcomeInline]


@admin.register(DelegationMember)
class DelegationMemberAdmin(admin.ModelAdmin):
    list_display = ("organization", "delegation", "role", "status")
    list_filter = ("status", "role")
    search_fields = ("organization__name", "delegation__title")
    raw_id_fields = ("delegation", "organization", "requested_by", "decided_by")


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("delegation", "kind", "rfq", "deal", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("delegation", "rfq", "deal", "organizations", "recorded_by")
