"""The public pages: the SCO import showcase, the demand signals and the checklist of one HS code."""

import re

from django.shortcuts import render
from django.urls import path

from ..choices import scopes_of
from ..queries import demand_signals, requirements_for, showcase

CHART_HEIGHT = 120
BAR_STEP = 64
BAR_WIDTH = 40
COUNTRY = re.compile(r"^[A-Za-z]{2}$")
CHAPTER = re.compile(r"^\d{2}$")
HEADING = re.compile(r"^\d{2}(\d{2})?$")
HS = re.compile(r"^\d{2}(\d{2}(\d{2})?)?$")


def _param(request, name: str, pattern) -> str:
    value = (request.GET.get(name) or "").strip().replace(" ", "")
    return value if pattern.match(value) else ""


def index(request):
    country, chapter = _param(request, "country", COUNTRY).upper(), _param(request, "chapter", CHAPTER)
    result = showcase(country=country, chapter=chapter)
    return render(
        request,
        "imports/showcase.html",
        {"showcase": result, "country": country, "chapter": chapter},
    )


def _bars(quarters) -> list[dict]:
    top = max((q.requests for q in quarters), default=0)
    bars = []
    for i, q in enumerate(quarters):
        height = int(CHART_HEIGHT * q.requests / top) if top else 0
        bars.append(
            {
                "quarter": q,
                "x": i * BAR_STEP + (BAR_STEP - BAR_WIDTH) // 2,
                "label_x": i * BAR_STEP + BAR_STEP // 2,
                "y": CHART_HEIGHT - height + 20,
                "height": height,
            }
        )
    return bars


def demand(request):
    origin, heading = _param(request, "origin", COUNTRY).upper(), _param(request, "hs", HEADING)
    result = demand_signals(origin=origin, heading=heading)
    bars = _bars(result.quarters)
    return render(
        request,
        "imports/demand.html",
        {
            "demand": result,
            "origin": origin,
            "hs": heading,
            "bars": bars,
            "chart_width": max(len(bars), 1) * BAR_STEP,
            "chart_height": CHART_HEIGHT + 60,
            "bar_width": BAR_WIDTH,
        },
    )


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
