"""Admin of shipments: the operator sees shipments with their legs, equipment and documents, and the
tracking events (read-only: events come from the parties, through the API, CSV or the page)."""

from django.contrib import admin

from ..models import Shipment, ShipmentDocument, ShipmentEquipment, ShipmentLeg, TrackingEvent


class LegInline(admin.TabularInline):
    model = ShipmentLeg
    extra = 0


class EquipmentInline(admin.TabularInline):
    model = ShipmentEquipment
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ShipmentDocument
    extra = 0
    fields = ("kind", "original_name", "organization", "size", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "status",
        "origin",
        "destination",
        "shipper",
        "provider",
        "eta",
        "events_count",
    )
    list_filter = ("status",)
    search_fields = ("reference", "cargo_description", "shipper__name", "consignee_name")
    raw_id_fields = (
        "shipper",
        "consignee",
        "provider",
        "deal",
        "origin",
        "destination",
        "hs_code",
        "created_by",
    )
    readonly_fields = (
        "reference",
        "status",
        "eta",
        "eta_basis",
        "events_count",
        "last_event_at",
        "status_changed_at",
    )
    inlines = [LegInline, EquipmentInline, DocumentInline]


@admin.register(TrackingEvent)
class TrackingEventAdmin(admin.ModelAdmin):
    list_display = (
        "shipment",
        "classifier",
        "event_type",
        "event_at",
        "location_code",
        "source",
        "created_at",
    )
    list_filter = ("classifier", "event_type", "source")
    search_fields = ("shipment__reference", "location_code", "provider_event_id", "equipment_reference")
    raw_id_fields = ("shipment", "organization")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
