from django.urls import path

from . import views_profile

urlpatterns = [
    path("<uuid:public_id>/edit/", views_profile.profile_edit, name="profile_edit"),
    path("<uuid:public_id>/handover/", views_profile.handover_request, name="handover_request"),
    path("handover-requests/", views_profile.handover_queue, name="handover_queue"),
    path(
        "handover-requests/<uuid:request_id>/decision/", views_profile.handover_decide, name="handover_decide"
    ),
]
