"""The public directory page: the search with its facets, sorts and pages. The view reads the query
string through :class:`~scotemp.directory.forms.DirectorySearchForm`, calls the search and renders."""

import hashlib
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from scotemp.core.pagecache import anonymous_page

from ..choices import Activity, SCOFilter, SearchSort, TradeDirection
from ..forms import DirectorySearchForm
from ..queries import SearchParams, facets, search, widening_counts
from ..queries.facets import FACETS_CACHE_SECONDS

FILTER_LABELS = {
    "q": gettext_lazy("Text"),
    "country": gettext_lazy("Country"),
    "sco": gettext_lazy("SCO status"),
    "committee": gettext_lazy("Committee"),
    "hs": gettext_lazy("HS code"),
    "activity": gettext_lazy("Activity"),
    "verified": gettext_lazy("Verified only"),
}


def params_query(params: SearchParams, **changes) -> str:
    """The query string for ``params`` with ``changes`` (None drops a parameter); page 1 unless given."""
    values = {
        "q": params.q,
        "country": params.country,
        "sco": params.sco,
        "committee": params.committee,
        "hs": params.hs,
        "hs_direction": params.hs_direction,
        "activity": params.activity,
        "verified": "1" if params.verified else "",
        "sort": "" if params.sort == "relevance" else params.sort,
        "page": "",
    }
    for key, value in changes.items():
        values[key] = "" if value is None else str(value)
    if values["page"] == "1":
        values["page"] = ""
    return "?" + urlencode([(k, v) for k, v in values.items() if v])


def _facet_groups(params: SearchParams, counts) -> list[dict]:
    def group(name, label, values):
        items = [
            {
                "label": v.label,
                "value": v.value,
                "count": v.count,
                "selected": v.selected,
                "url": params_query(params, **{name: None if v.selected else v.value}),
            }
            for v in values
        ]
        return {"name": name, "label": label, "values": items}

    groups = [
        group("sco", FILTER_LABELS["sco"], counts.sco),
        group("country", FILTER_LABELS["country"], counts.country),
        group("activity", FILTER_LABELS["activity"], counts.activity),
        group("hs", _("HS chapter") if len(params.hs) < 2 else _("HS heading"), counts.hs),
        group("committee", FILTER_LABELS["committee"], counts.committee),
    ]
    if params.hs and not any(v["selected"] for v in groups[3]["values"]):
        groups[3]["values"].insert(
            0,
            {
                "label": "",
                "value": params.hs,
                "count": None,
                "selected": True,
                "url": params_query(params, hs=None),
            },
        )
    return groups


def _active_filters(params: SearchParams, counts: dict[str, int] | None = None) -> list[dict]:
    labels = {"sco": dict(SCOFilter.choices), "activity": dict(Activity.choices)}
    active = []
    for name in params.active_filters():
        value = getattr(params, name)
        shown = labels.get(name, {}).get(value, value) if name != "verified" else ""
        active.append(
            {
                "name": name,
                "label": FILTER_LABELS[name],
                "value": shown,
                "url": params_query(
                    params, **{name: None, **({"hs_direction": None} if name == "hs" else {})}
                ),
                "count": (counts or {}).get(name),
            }
        )
    return active


@anonymous_page
def directory_list(request):
    form = DirectorySearchForm(request.GET or None)
    params = form.params() if request.GET else SearchParams()
    result = search(params)
    widen = widening_counts(params) if result.total == 0 else None
    # The filters' column is the same for every page of one search: rendered once per language and
    # query (without the page) for FACETS_CACHE_SECONDS, its counts and links only built then.
    counts = SimpleLazyObject(lambda: facets(params))
    shown = f"{get_language()}:{params_query(params)}:{widen}"
    context = {
        "form": form,
        "params": params,
        "result": result,
        "facets_cache_key": hashlib.sha256(shown.encode()).hexdigest()[:32],
        "facets_cache_seconds": FACETS_CACHE_SECONDS,
        "facet_groups": SimpleLazyObject(lambda: _facet_groups(params, counts)),
        "facet_counts": counts,
        "verified_url": params_query(params, verified=None if params.verified else "1"),
        "active_filters": _active_filters(params, widen),
        "clear_url": params_query(SearchParams(q=params.q)) if params.active_filters() != ["q"] else "?",
        "sorts": [
            {"value": v, "label": label, "selected": v == params.sort, "url": params_query(params, sort=v)}
            for v, label in SearchSort.choices
        ],
        "page_links": [
            {"number": n, "url": params_query(params, page=n) if n else None, "current": n == result.page}
            for n in result.page_numbers()
        ],
        "hs_directions": [
            ((value, params_query(params, hs_direction=value or None)), label)
            for value, label in [("", _("either")), *TradeDirection.choices]
        ],
        "previous_url": params_query(params, page=result.page - 1) if result.has_previous else None,
        "next_url": params_query(params, page=result.page + 1) if result.has_next else None,
    }
    template = "directory/_results.html" if getattr(request, "htmx", False) else "directory/list.html"
    return render(request, template, context)
