from django.contrib import admin

from .models import Notification, OutboxEmail


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "user", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "dedupe_key")
    raw_id_fields = ("user",)
    readonly_fields = ("dedupe_key",)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "template_prefix")
    search_fields = ("to", "dedupe_key", "message_id")
    raw_id_fields = ("user",)
    readonly_fields = (
        "dedupe_key",
        "message_id",
        "subject",
        "body",
        "erase_when_sent",
        "claimed_at",
        "claim_token",
        "lease_expires_at",
        "sent_at",
        "attempts",
        "last_error",
    )
