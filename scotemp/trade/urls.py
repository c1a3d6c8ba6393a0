"""Trade URLs: leads (urls_leads.py), search, saved searches (urls_search.py), matches (urls_matches.py)."""

from . import urls_leads, urls_matches, urls_search

app_name = "trade"
urlpatterns = [*urls_search.urlpatterns, *urls_matches.urlpatterns, *urls_leads.urlpatterns]
