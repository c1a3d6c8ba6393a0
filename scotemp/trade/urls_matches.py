"""Match pages (mounted at /leads/ in the "trade" namespace)."""

from django.urls import path

from . import views_matches

urlpatterns = [
    path("matches/", views_matches.matches, name="matches"),
    path("matches/<int:match_id>/<slug:decision>/", views_matches.match_decide, name="match_decide"),
]
