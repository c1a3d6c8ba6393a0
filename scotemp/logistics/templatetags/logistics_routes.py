"""``{% route_between origin destination %}``: whether the corridor network joins two places and the
transit-days range of the fastest option, with a link to the route planner (lead and match pages)."""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from ..queries.routes import route_summary

register = template.Library()


def route_between_html(origin: str | None, destination: str | None) -> str:
    """The route summary between two UN/LOCODEs as a short HTML phrase ("" when a place is missing)."""
    if not origin or not destination:
        return ""
    return _summary_html(
        get_language(), get_script_prefix(), origin, destination, route_summary(origin, destination)
    )


@lru_cache(maxsize=4096)
def _summary_html(_language, _prefix, origin, destination, summary) -> str:
    """The phrase, remembered per process: it depends on nothing but its arguments (the summary is
    the network's current answer, the language and prefix are those active when rendering)."""
    return render_to_string(
        "logistics/network/_route_summary.html",
        {"summary": summary, "origin": origin, "destination": destination},
    )


@register.simple_tag
def route_between(origin, destination) -> str:
    return route_between_html(getattr(origin, "pk", origin), getattr(destination, "pk", destination))
