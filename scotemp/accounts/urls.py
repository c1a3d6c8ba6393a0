from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("language/", views.language, name="language"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("switch-organization/", views.switch_organization, name="organization_switch"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/new/", views.organization_create, name="organization_new"),
    path("organizations/<uuid:public_id>/", views.organization_detail, name="organization"),
    path("organizations/<uuid:public_id>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<uuid:public_id>/leave/", views.organization_leave, name="organization_leave"),
    path(
        "organizations/<uuid:public_id>/members/<int:member_id>/role/", views.member_role, name="member_role"
    ),
    path(
        "organizations/<uuid:public_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("organizations/<uuid:public_id>/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "organizations/<uuid:public_id>/invitations/<uuid:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
