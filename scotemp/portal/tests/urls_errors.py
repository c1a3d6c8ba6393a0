"""The project's URLs plus two views that fail, to render the 403 and 500 pages in tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *project_urlpatterns,
]
