from django.contrib import admin

from ..models import Event, EventSession, Registration


class EventSessionInline(admin.TabularInline):
    model = EventSession
    extra = 0
    fields = (
        "title_en",
        "title_ru",
        "title_zh_hans",
        "starts_at",
        "ends_at",
        "room",
        "language",
        "interpretation",
    )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "starts_at", "time_zone", "committee", "capacity")
    list_filter = ("kind", "status", "committee")
    search_fields = ("title", "title_en", "title_ru", "title_zh_hans")
    date_hierarchy = "starts_at"
    inlines = [EventSessionInline]
    raw_id_fields = ("city", "created_by")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "event", "attendee_type", "status", "checked_in_at")
    list_filter = ("status", "attendee_type")
    search_fields = ("user__email", "user__full_name", "organization__name", "event__title")
    raw_id_fields = ("event", "user", "organization", "checked_in_by")
    readonly_fields = ("badge_token", "reminded_at", "created_at", "updated_at")


from . import b2b  # noqa: E402, F401  (B2B meetings)
