"""Admin of the B2B meetings: sessions with their slots, tables and interpreters; participants,
requests, meetings (with their holds) and outcomes. Writes that must notify or keep the holds right
go through the pages; the admin is for looking and for repairs."""

from django.contrib import admin

from ..models import (
    B2BSession,
    Interpreter,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    SlotHold,
)


class SlotInline(admin.TabularInline):
    model = MeetingSlot
    extra = 0


class TableInline(admin.TabularInline):
    model = MeetingTable
    extra = 0


class InterpreterInline(admin.TabularInline):
    model = Interpreter
    extra = 0
    fields = ("name", "pairs", "user")
    raw_id_fields = ("user",)


@admin.register(B2BSession)
class B2BSessionAdmin(admin.ModelAdmin):
    list_display = ("event", "phase", "slot_minutes", "meeting_cap", "request_cap", "scheduled_at")
    list_filter = ("phase",)
    raw_id_fields = ("event",)
    inlines = [SlotInline, TableInline, InterpreterInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("organization", "session", "cap", "time_zone")
    list_filter = ("session",)
    search_fields = ("organization__name", "organization__name_latin", "offers", "seeks")
    raw_id_fields = ("session", "registration", "organization", "booth")
    filter_horizontal = ("available_slots",)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "recipient", "priority", "status", "unscheduled_reason", "created_at")
    list_filter = ("status", "priority", "unscheduled_reason")
    raw_id_fields = ("session", "requester", "recipient")


class HoldInline(admin.TabularInline):
    model = SlotHold
    extra = 0
    can_delete = False
    readonly_fields = ("slot", "participant", "table", "interpreter")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "slot", "table", "interpreter", "status", "source", "locked")
    list_filter = ("status", "source", "locked")
    raw_id_fields = ("session", "request", "slot", "table", "interpreter")
    inlines = [HoldInline]


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(admin.ModelAdmin):
    list_display = ("meeting", "participant", "outcome", "rfq", "deal", "created_at")
    list_filter = ("outcome",)
    raw_id_fields = ("meeting", "participant", "rfq", "deal", "recorded_by")
