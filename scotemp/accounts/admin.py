from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Invitation, Membership, Organization, User


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organization"]
    verbose_name_plural = _("organizations")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, with the e-mail address instead of a username."""

    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_operator", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_operator", "is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    autocomplete_fields = ["active_organization"]
    inlines = [UserMembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "language", "active_organization")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_operator",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj is not None else []


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["user"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "role", "status", "invited_by", "expires_at", "accepted_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # invitations carry a secret link: they are sent from the organization's page


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_latin", "country", "type", "created_at"]
    list_filter = ["type", "country"]
    search_fields = ["name", "name_latin", "public_id"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    raw_id_fields = ["city"]
    list_select_related = ["country"]
    inlines = [MembershipInline, InvitationInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "status", "expires_at", "invited_by"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organization__name"]
    readonly_fields = ["public_id", "token_hash", "invited_by", "accepted_by", "created_at", "updated_at"]
    list_select_related = ["organization", "invited_by"]

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owners (settings page, API, ``manage.py issue_token``); here they can
    only be inspected and revoked. Access and expiry are the owner's choice and read-only here."""

    list_display = [
        "name",
        "user",
        "organization",
        "scope",
        "state",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope", ("expires_at", admin.EmptyFieldListFilter), "revoked_at"]
    search_fields = ["name", "user__email", "organization__name"]
    readonly_fields = [
        "public_id",
        "user",
        "organization",
        "name",
        "scope",
        "expires_at",
        "state",
        "token_hash",
        "created_at",
        "last_used_at",
    ]
    list_select_related = ["user", "organization"]

    @admin.display(description=_("state"))
    def state(self, token):
        return {
            ApiToken.ACTIVE: _("active"),
            ApiToken.EXPIRED: _("expired"),
            ApiToken.REVOKED: _("revoked"),
        }[token.status]

    def has_add_permission(self, request):
        return False
