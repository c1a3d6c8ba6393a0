from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/applications/", views.applications, name="applications"),
    path("<slug:slug>/applications/<int:application_id>/decision/", views.decide, name="decide"),
]
