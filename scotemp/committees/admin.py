from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import (
    Committee,
    CommitteeDocument,
    CommitteeMembership,
    CommitteeOfficer,
    KpiTarget,
    NewsPost,
    WorkPlanItem,
)


class CommitteeMembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    fields = ["organization", "status", "applied_by", "decided_by", "decided_at", "decision_note"]
    readonly_fields = ["applied_by", "decided_by", "decided_at"]
    autocomplete_fields = ["organization"]


class CommitteeOfficerInline(admin.TabularInline):
    model = CommitteeOfficer
    extra = 0
    fields = ["user", "role", "title"]
    autocomplete_fields = ["user"]


@admin.register(Committee)
class CommitteeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "secretary", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "name_en", "name_zh_hans", "name_ru"]
    autocomplete_fields = ["secretary"]
    filter_horizontal = ["hs_chapters", "hs_headings"]
    prepopulated_fields = {"slug": ("name_en",)}
    list_select_related = ["secretary"]
    inlines = [CommitteeOfficerInline, CommitteeMembershipInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "hs_chapters":
            from scotemp.reference.models import HSCode

            kwargs["queryset"] = HSCode.objects.filter(level=2).order_by("code")
        elif db_field.name == "hs_headings":
            from scotemp.reference.models import HSCode

            kwargs["queryset"] = HSCode.objects.filter(level=4).order_by("code")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(admin.ModelAdmin):
    """Decisions belong in the committee's application queue (it records who decided and when); the
    admin is for corrections."""

    list_display = ["organization", "committee", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "committee"]
    search_fields = ["organization__name", "organization__name_latin"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["applied_by", "decided_by", "decided_at", "created_at", "updated_at"]
    list_select_related = ["organization", "committee", "decided_by"]
    fieldsets = (
        (None, {"fields": ("committee", "organization", "status", "motivation")}),
        (_("Decision"), {"fields": ("applied_by", "decided_by", "decided_at", "decision_note")}),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "year", "due_date", "status"]
    list_filter = ["status", "year", "committee"]
    search_fields = ["title"]
    autocomplete_fields = ["owner_user", "owner_organization"]
    list_select_related = ["committee"]


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    list_display = ["committee", "year", "metric", "target"]
    list_filter = ["year", "metric", "committee"]
    list_select_related = ["committee"]


@admin.register(NewsPost)
class NewsPostAdmin(TranslationAdmin):
    """Publishing belongs in the review queue (it notifies the members); the admin is for corrections."""

    list_display = ["title", "committee", "status", "published_at"]
    list_filter = ["status", "committee"]
    search_fields = ["title_en", "title_ru", "title_zh_hans"]
    readonly_fields = ["status", "submitted_at", "published_at", "reviewed_by", "author"]
    list_select_related = ["committee"]


@admin.register(CommitteeDocument)
class CommitteeDocumentAdmin(admin.ModelAdmin):
    """Uploads go through the secretary's dashboard (the file checks); here only title, kind and
    visibility change."""

    list_display = ["title", "committee", "kind", "visibility", "created_at"]
    list_filter = ["kind", "visibility", "committee"]
    search_fields = ["title"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by", "created_at"]
    fields = ["committee", "title", "kind", "visibility", *readonly_fields]
    list_select_related = ["committee"]

    def has_add_permission(self, request):
        return False
