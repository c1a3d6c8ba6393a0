"""Admin: deal metadata only, read-only. Threads, messages and attachments are private
correspondence between the two organizations and are deliberately not registered here: operators
read a thread on the platform once a party asks them in, never through the admin."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Deal
from .queries import timeline_of


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
        "timeline",
    ]
    readonly_fields = fields

    @admin.display(description=_("timeline"))
    def timeline(self, obj):
        rows = format_html_join(
            "",
            "<li>{} · {}{} · {} {}</li>",
            (
                (
                    timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
                    event.get_kind_display(),
                    f" {event.get_from_status_display()} → {event.get_to_status_display()}"
                    if event.to_status
                    else "",
                    event.actor_org.name if event.actor_org else "",
                    event.reason,
                )
                for event in timeline_of(obj)
            ),
        )
        return format_html("<ol>{}</ol>", rows)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
