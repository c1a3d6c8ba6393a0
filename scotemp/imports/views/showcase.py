"""The public pages: the SCO import showcase, the demand signals and the checklist of one HS code."""

import re

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from scotemp.core.pagecache import anonymous_page
from scotemp.portal.queries import bar_chart

from ..choices import scopes_of
from ..queries import demand_signals, requirements_for, showcase

COUNTRY = re.compile(r"^[A-Za-z]{2}$")
CHAPTER = re.compile(r"^\d{2}$")
HEADING = re.compile(r"^\d{2}(\d{2})?$")
HS = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")


def _param(request, name: str, pattern) -> str:
    value = (request.GET.get(name) or "").strip().replace(" ", "")
    return value if pattern.match(value) else ""


@anonymous_page
def index(request):
    country, chapter = _param(request, "country", COUNTRY).upper(), _param(request, "chapter", CHAPTER)
    result = showcase(country=country, chapter=chapter)
    return render(
        request,
        "imports/showcase.html",
        {"showcase": result, "country": country, "chapter": chapter},
    )


def _quarter_chart(quarters):
    """Buy requests per quarter of delivery, as the horizontal bars every chart of the site draws."""
    rows = [
        (_("Q%(quarter)s %(year)s") % {"quarter": q.quarter, "year": q.year}, q.requests) for q in quarters
    ]
    return bar_chart(rows, label_width=120)


@anonymous_page
def demand(request):
    origin, heading = _param(request, "origin", COUNTRY).upper(), _param(request, "hs", HEADING)
    result = demand_signals(origin=origin, heading=heading)
    return render(
        request,
        "imports/demand.html",
        {
            "demand": result,
            "origin": origin,
            "hs": heading,
            "chart": _quarter_chart(result.quarters),
        },
    )


@anonymous_page
def checklist(request):
    raw = (request.GET.get("hs") or "").strip()
    code = _param(request, "hs", HS)
    return render(
        request,
        "imports/checklist.html",
        {
            "hs": raw,
            "invalid": bool(raw) and not code,
            "checklist": requirements_for(code) if code else None,
            "scopes": scopes_of(code),
        },
    )


urlpatterns = [
    path("", index, name="showcase"),
    path("demand/", demand, name="demand"),
    path("checklist/", checklist, name="checklist"),
]
