from django.urls import path

from . import views

app_name = "verification"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("reviews/<uuid:review_id>/decide/", views.decide, name="decide"),
    path("<uuid:public_id>/", views.status, name="status"),
    path("<uuid:public_id>/documents/", views.document_upload, name="document_upload"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", views.document_download, name="document"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/delete/", views.document_delete, name="document_delete"
    ),
    path("<uuid:public_id>/submit/", views.submit, name="submit"),
]
