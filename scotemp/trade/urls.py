"""Trade pages, mounted at /leads/ in the "trade" namespace: search and saved searches, matches, and
the lead pages (new, mine, detail, edit, lifecycle)."""

from django.urls import path

from .views import leads, matches, search

app_name = "trade"
urlpatterns = [
    path("", search.lead_list, name="list"),
    path("saved/", search.saved_search_list, name="saved_searches"),
    path("saved/new/", search.saved_search_create, name="saved_search_create"),
    path("saved/<uuid:public_id>/delete/", search.saved_search_delete, name="saved_search_delete"),
    path("matches/", matches.matches, name="matches"),
    path("matches/<int:match_id>/<slug:decision>/", matches.match_decide, name="match_decide"),
    path("new/", leads.lead_new, name="lead_new"),
    path("mine/", leads.my_leads, name="my_leads"),
    path("<uuid:public_id>/", leads.lead_detail, name="lead_detail"),
    path("<uuid:public_id>/edit/", leads.lead_edit, name="lead_edit"),
    *[
        path(f"<uuid:public_id>/{action}/", leads.lead_transition, {"action": action}, name=f"lead_{action}")
        for action in leads.LIFECYCLE
    ],
]
