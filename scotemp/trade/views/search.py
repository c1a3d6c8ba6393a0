"""Lead search page (``trade:list`` at /leads/) and saved searches (``trade:saved_searches``).

The search page is a plain GET form: it works without JavaScript, every facet is a link, and the
URL is the search (shareable, and what "save this search" stores)."""

import dataclasses
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from scotemp.committees.models import Committee
from scotemp.core.fragments import csrf_placeholder, generation, shared_fragment
from scotemp.core.pagecache import anonymous_page
from scotemp.core.text import collation_key
from scotemp.reference.models import Country, HSCode, Incoterm

from .. import actions, queries
from ..choices import LeadKind, LeadSort
from ..queries.saved_searches import saved_searches_of, search_url
from ..search import LEADS_GENERATION, PER_PAGE, parse_params
from ..search import search as search_leads_page
from ..search.engine import CARD_UNREAD

FACET_TITLES = {
    "kind": gettext_lazy("Type"),
    "hs_chapter": gettext_lazy("HS chapter"),
    "origin": gettext_lazy("Origin"),
    "incoterm": gettext_lazy("Incoterm"),
    "committee": gettext_lazy("Committee"),
    "currency": gettext_lazy("Currency"),
}
# Each search parameter as the reader sees it in an active filter or a saved search.
PARAM_LABELS = {
    "q": gettext_lazy("Search words"),
    "kind": gettext_lazy("Type"),
    "hs": gettext_lazy("HS code"),
    "origin": gettext_lazy("Origin"),
    "destination": gettext_lazy("Destination"),
    "incoterm": gettext_lazy("Incoterm"),
    "committee": gettext_lazy("Committee"),
    "verified": gettext_lazy("Verified members only"),
    "currency": gettext_lazy("Currency"),
    "reach_from": gettext_lazy("Reachable from"),
    "reach_days": gettext_lazy("Within, days"),
    "price_min": gettext_lazy("Price from"),
    "price_max": gettext_lazy("Price up to"),
    "sort": gettext_lazy("Sort"),
}


def describe_params(params: dict) -> list[dict]:
    """A search's parameters as (label, value) pairs in the active language: the type and the sort
    by their names, a yes/no filter without a value; codes (HS, country, Incoterm, currency) as they
    are; the search words are the user's (``authored``)."""
    kinds, sorts = dict(LeadKind.choices), dict(LeadSort.choices)
    rows = []
    for name, value in params.items():
        if name not in PARAM_LABELS or value in ("", None, False):
            continue
        if name == "kind":
            value = kinds.get(value, value)
        elif name == "sort":
            value = sorts.get(value, value)
        elif name == "verified":
            value = ""
        rows.append({"name": name, "label": PARAM_LABELS[name], "value": value, "authored": name == "q"})
    return rows


# facet name -> the search parameter it sets
FACET_PARAM = {
    "kind": "kind",
    "hs_chapter": "hs",
    "origin": "origin",
    "incoterm": "incoterm",
    "committee": "committee",
    "currency": "currency",
}


def _query(params: dict, **changes) -> str:
    values = {**params, **changes}
    values.pop("page", None)
    qd = QueryDict(mutable=True)
    for key, value in values.items():
        if value not in ("", None, False):
            qd[key] = value
    return qd.urlencode()


def _facet_labels(facets: dict) -> dict:
    """Readable labels (in the active language) for the values of each facet."""
    labels = {"kind": dict(LeadKind.choices)}
    codes = {name: [v for v, _n in facets.get(name, [])] for name in FACET_PARAM}
    labels["origin"] = {c.iso2: c.name for c in Country.objects.filter(iso2__in=codes["origin"])}
    labels["hs_chapter"] = {
        h.code: f"{h.code} {h.description}" for h in HSCode.objects.filter(code__in=codes["hs_chapter"])
    }
    labels["incoterm"] = {
        i.code: f"{i.code} {i.name}" for i in Incoterm.objects.filter(code__in=codes["incoterm"])
    }
    labels["committee"] = {c.slug: c.name for c in Committee.objects.filter(slug__in=codes["committee"])}
    labels["currency"] = {}
    return labels


@anonymous_page
def lead_list(request):
    """The search page. Its content (form, facets, results) is the same for every signed-in reader
    of a language, so it is a shared fragment keyed by the search, the day and the leads' generation
    (changed by every write to the search index): a reader who publishes a lead sees it at once."""
    signed_in = request.user.is_authenticated
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = ("trade:search", generation(LEADS_GENERATION), timezone.localdate(), signed_in, query)
    content = shared_fragment(
        request,
        parts,
        lambda: render_to_string(
            "trade/_search_content.html",
            {**_search_context(request.GET), "user": request.user, "csrf_token": csrf_placeholder()},
        ),
    )
    return render(request, "trade/search.html", {"content": content})


def _search_context(query: QueryDict) -> dict:
    """What the search page's content shows for these parameters (nothing about the reader)."""
    params = parse_params(query)
    errors = params.errors
    valid = dataclasses.replace(params, errors={})
    result = search_leads_page(valid, deferred=CARD_UNREAD)
    leads, total, facets = result.leads, result.total, result.facets
    stored = valid.as_dict()
    labels = _facet_labels(facets)
    facet_groups = []
    for name, title in FACET_TITLES.items():
        param = FACET_PARAM[name]
        active = stored.get(param, "")
        options = [
            {
                "value": value,
                "label": labels.get(name, {}).get(value, value),
                "count": count,
                "active": str(active) == str(value),
                "query": _query(stored, **{param: "" if str(active) == str(value) else value}),
            }
            for value, count in facets.get(name, [])
        ]
        if name == "origin":  # countries by name in the reader's language, as every country list
            options.sort(key=lambda option: collation_key(option["label"]))
        if options:
            facet_groups.append({"name": name, "title": title, "options": options})
    rows = []
    for lead in leads:
        title, _lang = queries.text_in(lead, "title")
        rows.append({"lead": lead, "title": title, "verified": queries.is_verified(lead.organization)})
    pages = (total + PER_PAGE - 1) // PER_PAGE
    filters = {k: stored[k] for k in (*valid.FILTERS, "price_min", "price_max") if k in stored and k != "q"}
    active_filters = [
        {**row, "query": _query(stored, **{row["name"]: ""})} for row in describe_params(filters)
    ]
    return {
        "params": valid,
        "stored": stored,
        "errors": errors,
        "rows": rows,
        "total": total,
        "total_capped": result.total_capped,
        "facet_groups": facet_groups,
        "verified_count": dict(facets.get("verified", [])).get("1", 0),
        "page": valid.page,
        "pages": pages,
        "prev_query": _query(stored, page=None) + (f"&page={valid.page - 1}" if valid.page > 2 else ""),
        "next_query": _query(stored) + f"&page={valid.page + 1}",
        "active_filters": active_filters,
        "save_query": _query(stored),
        "kinds": LeadKind.choices,
        "sorts": LeadSort.choices,
    }


@login_required
def saved_search_list(request):
    searches = list(saved_searches_of(request.user))
    for search in searches:
        search.url = search_url(search.params)
        search.described = describe_params(search.params)
    return render(request, "trade/saved_searches.html", {"searches": searches, "errors": {}})


@login_required
@require_POST
def saved_search_create(request):
    params = QueryDict(request.POST.get("query", ""))
    try:
        actions.create_saved_search(
            request.user,
            request.POST.get("name", ""),
            params,
            email_digest=request.POST.get("email_digest") in ("1", "on", "true"),
            organization=getattr(request, "active_organization", None),
        )
    except ValidationError as exc:
        for field_errors in exc.message_dict.values():
            for message in field_errors:
                messages.error(request, message)
        return redirect(search_url(dict(params.items())))
    messages.success(request, _("Search saved. New matching leads will be sent to you once a day."))
    return redirect("trade:saved_searches")


@login_required
@require_POST
def saved_search_delete(request, public_id):
    if not actions.delete_saved_search(request.user, public_id):
        raise Http404
    messages.success(request, _("Saved search deleted."))
    return redirect("trade:saved_searches")
