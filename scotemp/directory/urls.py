from django.urls import path

from .views import handovers, organizations, profiles, search

app_name = "directory"
urlpatterns = [
    path("", search.directory_list, name="list"),
    path("<uuid:public_id>/", organizations.organization_detail, name="organization"),
    path("<uuid:public_id>/contact/", organizations.contact, name="contact"),
    path("<uuid:public_id>/inbox/", organizations.inbox, name="inbox"),
    path("<uuid:public_id>/edit/", profiles.profile_edit, name="profile_edit"),
    path("<uuid:public_id>/handover/", profiles.handover_request, name="handover_request"),
    path("handover-requests/", handovers.handover_queue, name="handover_queue"),
    path("handover-requests/<uuid:request_id>/decision/", handovers.handover_decide, name="handover_decide"),
]
