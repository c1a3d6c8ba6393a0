"""Public reference pages: the SCO countries and the HS 2022 browser."""

from django.http import Http404
from django.shortcuts import render

from . import queries


def countries(request):
    """SCO member states and partners today, with their accession dates and full status history."""
    today = queries.today()
    statuses = queries.sco_countries(today)
    return render(
        request,
        "reference/countries.html",
        {
            "today": today,
            "members": [s for s in statuses if s.is_member],
            "partners": [s for s in statuses if not s.is_member],
            "history": queries.sco_history(),
        },
    )


def hs_browser(request, code: str | None = None):
    """Sections → chapters on the index; a chapter, heading or subheading with its children."""
    if code is None:
        return render(request, "reference/hs.html", {"sections": queries.hs_sections_with_chapters()})
    hs = queries.hs_lookup(code)
    if hs is None:
        raise Http404("HS code not found")
    return render(
        request,
        "reference/hs_code.html",
        {"hs": hs, "path": queries.hs_path(hs), "children": queries.hs_children(hs.code)},
    )
