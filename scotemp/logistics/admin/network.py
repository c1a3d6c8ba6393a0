"""Admin of the corridor network: the operator edits places, legs, corridors and CO₂ factors here
(and imports legs by CSV with ``manage.py import_network``). Every save tells the route planner to
rebuild its graph."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..actions.network import network_changed
from ..models import Co2Factor, Corridor, Leg, Node


class NetworkAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        network_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        network_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        network_changed()


@admin.register(Node)
class NodeAdmin(NetworkAdmin):
    list_display = ["code", "name", "country", "code_status", "is_border_crossing", "latitude", "longitude"]
    list_filter = ["code_status", "is_border_crossing", "country"]
    search_fields = ["code", "name_en", "name_ru", "name_zh_hans"]
    raw_id_fields = ["location"]


@admin.register(Leg)
class LegAdmin(NetworkAdmin):
    list_display = [
        "origin",
        "destination",
        "mode",
        "distance_km",
        "days_min",
        "days_max",
        "gauge_change",
        "border_crossing",
        "confidence",
    ]
    list_filter = ["mode", "confidence", "gauge_change", "border_crossing"]
    search_fields = ["origin__code", "destination__code", "source"]
    list_select_related = ["origin", "destination"]


@admin.register(Corridor)
class CorridorAdmin(NetworkAdmin):
    list_display = [
        "code",
        "name",
        "mode",
        "origin",
        "destination",
        "distance_km",
        "days_min",
        "days_max",
        "confidence",
    ]
    list_filter = ["confidence", "mode"]
    search_fields = ["code", "name_en", "name_ru", "name_zh_hans"]


@admin.register(Co2Factor)
class Co2FactorAdmin(NetworkAdmin):
    list_display = ["mode", "subtype", "value", "unit", "source_date", "confidence", "is_default"]
    list_filter = ["mode", "is_default", "confidence"]
    fieldsets = [
        (None, {"fields": ["mode", "subtype", "value", "unit", "scope", "is_default"]}),
        (_("Source"), {"fields": ["source", "source_date", "confidence", "notes"]}),
    ]
