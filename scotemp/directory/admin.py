"""Admin for organization profiles (with their activities, traded headings and certifications) and
for profile handover requests. The everyday handover decisions are made on the operator's queue page
(``directory:handover_queue``), which also grants the ownership; the admin is for looking things up."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Certification, HandoverRequest, OrganizationProfile, ProfileActivity, ProfileProduct
from .search import reindex_organizations


class ProfileActivityInline(admin.TabularInline):
    model = ProfileActivity
    extra = 0


class ProfileProductInline(admin.TabularInline):
    model = ProfileProduct
    extra = 0
    autocomplete_fields = ["hs_code"]


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


@admin.register(OrganizationProfile)
class OrganizationProfileAdmin(admin.ModelAdmin):
    list_display = ["organization", "country", "verification_status", "verified_until", "updated_at"]
    list_filter = ["verification_status", "staff_range", "organization__country"]
    search_fields = ["organization__name", "organization__name_latin", "organization__registry_id"]
    list_select_related = ["organization", "organization__country"]
    autocomplete_fields = ["organization"]
    # The badge changes only through the verification review (scotemp.verification.actions).
    readonly_fields = ["verification_status", "verified_at", "verified_until", "search_text"]
    inlines = [ProfileActivityInline, ProfileProductInline, CertificationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reindex_organizations([form.instance.organization_id])  # headings are searchable

    @admin.display(description=_("country"), ordering="organization__country")
    def country(self, obj):
        return obj.organization.country


@admin.register(HandoverRequest)
class HandoverRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "requested_by", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organization__name", "requested_by__email"]
    list_select_related = ["organization", "requested_by", "decided_by"]
    # Decided on the queue page so the requester becomes an owner and is told by e-mail.
    readonly_fields = [
        "organization",
        "requested_by",
        "message",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
        "public_id",
    ]
