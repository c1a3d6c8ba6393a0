"""``{% route_between origin destination %}``: whether the corridor network joins two places and the
transit-days range of the fastest option, with a link to the route planner (lead and match pages)."""

from django import template
from django.template.loader import render_to_string

from ..queries.routes import route_summary

register = template.Library()


def route_between_html(origin: str | None, destination: str | None) -> str:
    """The route summary between two UN/LOCODEs as a short HTML phrase ("" when a place is missing)."""
    if not origin or not destination:
        return ""
    summary = route_summary(origin, destination)
    return render_to_string(
        "logistics/network/_route_summary.html",
        {"summary": summary, "origin": origin, "destination": destination},
    )


@register.simple_tag
def route_between(origin, destination) -> str:
    return route_between_html(getattr(origin, "pk", origin), getattr(destination, "pk", destination))
