"""Lead search and saved searches (mounted at /leads/ in the "trade" namespace)."""

from django.urls import path

from . import views_search

urlpatterns = [
    path("", views_search.lead_list, name="list"),
    path("saved/", views_search.saved_search_list, name="saved_searches"),
    path("saved/new/", views_search.saved_search_create, name="saved_search_create"),
    path("saved/<uuid:public_id>/delete/", views_search.saved_search_delete, name="saved_search_delete"),
]
