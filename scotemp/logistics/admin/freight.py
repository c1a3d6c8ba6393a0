"""Admin of freight: lane rates and service offers, which are public (operators moderate what providers
publish). Freight requests, inquiries, quotes and their threads are private correspondence between a
shipper and each provider and are deliberately not registered here, as in the deals admin."""

from django.contrib import admin

from ..models import LaneRate, ServiceOffer


@admin.register(LaneRate)
class LaneRateAdmin(admin.ModelAdmin):
    list_display = (
        "provider",
        "origin",
        "destination",
        "mode",
        "equipment",
        "price",
        "currency",
        "valid_until",
        "is_demo",
    )
    list_filter = ("mode", "equipment", "is_demo")
    search_fields = ("provider__name", "provider__name_latin", "origin__locode", "destination__locode")
    raw_id_fields = ("provider", "origin", "destination", "created_by")
    readonly_fields = ("is_demo",)


@admin.register(ServiceOffer)
class ServiceOfferAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "kind", "language", "withdrawn_at", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("title", "provider__name", "provider__name_latin")
    raw_id_fields = ("provider", "created_by")
    filter_horizontal = ("countries",)
    readonly_fields = ("is_demo",)

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("exclude", ("places",))  # 51,000 places: edited on the provider's page
        return super().get_form(request, obj, **kwargs)
