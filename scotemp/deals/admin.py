"""Admin: deal metadata only, read-only. Threads, messages and attachments are private
correspondence between the two organizations and are deliberately not registered here: operators
read a thread on the platform once a party asks them in, never through the admin."""

from django.contrib import admin

from .models import Deal, DealEvent


class EventInline(admin.TabularInline):
    model = DealEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "action", "from_status", "to_status", "actor", "actor_org", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    """Read-only: a deal changes only through its transitions, which record the timeline."""

    list_display = ["public_id", "buyer", "seller", "status", "committee", "agreed_at", "created_at"]
    list_filter = ["status", "committee"]
    list_select_related = ["buyer", "seller", "committee"]
    search_fields = ["public_id", "buyer__name", "buyer__name_latin", "seller__name", "seller__name_latin"]
    fields = [
        "public_id",
        "buyer",
        "seller",
        "status",
        "committee",
        "agreed_at",
        "status_changed_at",
        "cancel_reason",
    ]
    readonly_fields = fields
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
