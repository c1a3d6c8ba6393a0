"""The logistics landing page and the route planner."""

from django.shortcuts import render
from django.urls import path


def index(request):
    """What the logistics section offers: corridors, route planner, delivered cost, freight quotes,
    shipments (each section links to its page once built)."""
    return render(request, "logistics/index.html", {})


urlpatterns = [
    path("", index, name="index"),
]
