"""Pages of the events app, split by noun (events and registrations; B2B meetings)."""

from .b2b import urlpatterns as _b2b_pages

urlpatterns: list = []
urlpatterns += _b2b_pages
