from django.contrib import admin

from .models import Milestone, Project, ProjectDocument, ProjectPartner


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    fields = ("organization", "role", "status", "decided_at")
    raw_id_fields = ("organization",)
    readonly_fields = ("decided_at",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("title", "language", "due_on", "done_on", "status", "position")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "owner",
        "field",
        "stage",
        "committee",
        "value",
        "currency",
        "signed_on",
        "published",
    )
    list_filter = ("stage", "field", "published", "committee")
    search_fields = ("title", "title_en", "title_ru", "title_zh_hans", "owner__name")
    raw_id_fields = ("owner", "signed_at", "created_by", "currency")
    inlines = [PartnerInline, MilestoneInline]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "visibility", "size", "created_at")
    list_filter = ("visibility",)
    raw_id_fields = ("project", "uploaded_by")
    readonly_fields = ("original_name", "content_type", "size", "sha256")
