"""The public directory, organization pages, their contact form and the members' inbox."""

from django.urls import path

from . import views_search

urlpatterns = [
    path("", views_search.directory_list, name="list"),
    path("<uuid:public_id>/", views_search.organization_detail, name="organization"),
    path("<uuid:public_id>/contact/", views_search.contact, name="contact"),
    path("<uuid:public_id>/inbox/", views_search.inbox, name="inbox"),
]
