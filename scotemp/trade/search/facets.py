"""Facet counts of a lead search: for each facet (kind, HS chapter, origin, Incoterm, committee,
currency, verified), how many of the matches have each value; shared by every viewer for a minute."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from .params import SearchParams

FACETS = {
    "kind": "kind",
    "hs_chapter": "hs_chapter",
    "origin": "origin_country_id",
    "incoterm": "incoterm_id",
    "committee": "committee__slug",
    "currency": "currency_id",
}
FACET_LIMIT = 15
FACET_MAX_MATCHES = 20_000


def facet_counts(qs) -> dict[str, list[tuple[str, int]]]:
    """For each facet, (value, number of leads in ``qs``) by count, most first (no empty values)."""
    out = {}
    for name, column in FACETS.items():
        rows = (
            qs.order_by()
            .exclude(**{f"{column}__isnull": True})
            .values_list(column)
            .annotate(n=Count("pk"))
            .order_by("-n", column)[:FACET_LIMIT]
        )
        out[name] = [(value, n) for value, n in rows if value not in (None, "")]
    out["verified"] = [
        ("1", qs.order_by().filter(organization__profile__verification_status="verified").count())
    ]
    return out


def shared_facet_counts(params: SearchParams, qs, today=None) -> dict[str, list[tuple[str, int]]]:
    """:func:`facet_counts` of ``qs`` (the matches of ``params``), kept in the shared cache for
    ``SCOTEMP_PAGE_CACHE_SECONDS``: they are the same for every viewer, signed in or not, so a
    signed-in page counts them at most once a minute per search, not on every request (a lead
    published meanwhile is counted within a minute, as on the pages served from the anonymous page
    cache). The key holds every filter and the day (validity ends at midnight), not the page or the
    order, which change nothing in the counts. With the setting at 0 (tests) they are counted every
    time."""
    seconds = int(getattr(settings, "SCOTEMP_PAGE_CACHE_SECONDS", 0))
    if seconds <= 0:
        return facet_counts(qs)
    filters = {k: v for k, v in params.as_dict().items() if k != "sort"}
    day = (today or timezone.localdate()).isoformat()
    raw = json.dumps([filters, day], sort_keys=True, ensure_ascii=False)
    key = f"trade:facets:{FACETS_VERSION}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = facet_counts(qs)
        cache.set(key, found, seconds)
    return found


FACETS_VERSION = 1  # bump when facet_counts returns something else
