from django.contrib import admin

from .models import VerificationDocument, VerificationEvent, VerificationReview


@admin.register(VerificationDocument)
class VerificationDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "organization", "kind", "content_type", "size", "created_at"]
    list_filter = ["kind", "content_type"]
    search_fields = ["original_name", "organization__name", "organization__name_latin", "sha256"]
    raw_id_fields = ["organization", "uploaded_by"]
    readonly_fields = ["file", "original_name", "content_type", "extension", "size", "sha256", "uploaded_by"]

    def has_add_permission(self, request):
        return False  # documents come in through the checked upload only

    def has_delete_permission(self, request, obj=None):
        return False  # the owner deletes on the verification page, which also removes the file


class EventInline(admin.TabularInline):
    model = VerificationEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "decision", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VerificationReview)
class VerificationReviewAdmin(admin.ModelAdmin):
    """Read-only here: decisions go through the review queue, which records them and tells the owner."""

    list_display = ["organization", "status", "created_at", "reviewer", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organization__name", "organization__name_latin", "organization__registry_id"]
    readonly_fields = ["organization", "status", "submitted_by", "reviewer", "decided_at", "reason"]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VerificationEvent)
class VerificationEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only."""

    list_display = ["created_at", "organization", "decision", "actor"]
    list_filter = ["decision"]
    search_fields = ["organization__name", "organization__name_latin", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
