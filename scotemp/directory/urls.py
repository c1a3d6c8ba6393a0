"""Directory URLs: profile pages (urls_profile.py); search, organization pages, contact (urls_search.py)."""

from . import urls_profile, urls_search

app_name = "directory"
urlpatterns = [*urls_search.urlpatterns, *urls_profile.urlpatterns]
