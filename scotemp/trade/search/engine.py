"""The lead search itself: open leads matching every filter and text term, one page of them in the
order asked for, the number of matches (capped) and facet counts.

Text matching uses only plain string comparisons on ``LeadSearchToken`` (see :mod:`.index`), so
SQLite and PostgreSQL return the same rows: every query term must match (AND), either in the lead's
own tokens or in the names of its HS code (:mod:`.vocabulary`); relevance puts leads whose own text
matches first.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q

from scotemp.core.text import RANGE_END, query_terms

from ..choices import LeadSort
from ..models import Lead, LeadSearchToken
from .facets import FACET_MAX_MATCHES, shared_facet_counts
from .params import PER_PAGE, SearchParams, clean_params
from .vocabulary import hs_match

TOTAL_CAP = 10_000  # matches are counted exactly up to this; beyond, the total is a lower bound


def _term_q(term: str, prefix: bool) -> tuple[Q, Q | None, Q]:
    """(the lead's own tokens contain the term, its HS names contain it or None, either) for one term."""
    if prefix:
        tokens = LeadSearchToken.objects.filter(token__gte=term, token__lt=term + RANGE_END)
    else:
        tokens = LeadSearchToken.objects.filter(token=term)
    own = Q(pk__in=tokens.values("lead_id"))
    hs = hs_match(term, prefix)
    if hs.empty:
        return own, None, own
    return own, hs.q(), own | hs.q()


def _own_probe(term: str, prefix: bool) -> Q:
    """The same rows as ``_term_q``'s "own tokens contain the term", as a correlated probe of the
    (lead, token) index per lead: cheap for a newest-first window (which walks the published_at index
    and checks each lead), costly for a count (the id list is cheaper there)."""
    if prefix:
        return _term_q(term, prefix)[0]
    return Q(Exists(LeadSearchToken.objects.filter(lead_id=OuterRef("pk"), token=term)))


def _reachable_places(origin: str, days: int, today=None) -> list[str]:
    """The named places of open leads that the corridor network reaches from ``origin`` within
    ``days`` (a short list of codes: the filter stays on the indexed ``incoterm_place`` column)."""
    from scotemp.logistics.queries.routes import places_within

    candidates = Lead.objects.open(today).order_by().values_list("incoterm_place_id", flat=True).distinct()
    return sorted(places_within(origin, days, set(candidates)))


def filtered(params: SearchParams, today=None) -> "Filtered":
    """Open leads matching every filter and text term of ``params`` (unordered, ``.qs``), with the
    condition "own text matches every term" used for relevance (``.own_all``)."""
    qs = Lead.objects.open(today)
    if params.kind:
        qs = qs.filter(kind=params.kind)
    if params.hs:
        column = {2: "hs_chapter", 4: "hs_heading", 6: "hs_code_id"}[len(params.hs)]
        qs = qs.filter(**{column: params.hs})
    if params.origin:
        qs = qs.filter(origin_country_id=params.origin)
    if params.destination:
        through = Lead.countries.through.objects
        qs = qs.filter(
            Exists(through.filter(lead_id=OuterRef("pk"), country_id=params.destination))
            | ~Exists(through.filter(lead_id=OuterRef("pk")))
        )
    if params.incoterm:
        qs = qs.filter(incoterm_id=params.incoterm)
    if params.committee:
        qs = qs.filter(committee__slug=params.committee)
    if params.reach_from and params.reach_days:
        qs = qs.filter(incoterm_place_id__in=_reachable_places(params.reach_from, params.reach_days, today))
    if params.verified:
        qs = qs.filter(organization__profile__verification_status="verified")
    if params.currency:
        qs = qs.filter(currency_id=params.currency, price_on_request=False)
        if params.price_min is not None:
            qs = qs.filter(price__gte=params.price_min)
        if params.price_max is not None:
            qs = qs.filter(price__lte=params.price_max)
    terms = query_terms(params.q)
    conditions = [
        _term_q(term, prefix)
        for prefix, items in ((False, terms.exact), (True, terms.prefixes))
        for term in items
    ]
    if not conditions:
        return Filtered(qs, None, qs, None, None)
    rest = qs
    for _own, _hs, either in conditions[1:]:
        rest = rest.filter(either)
    own_all = conditions[0][0]
    for own, _hs, _either in conditions[1:]:
        own_all &= own
    own_probe = Q()
    for prefix, items in ((False, terms.exact), (True, terms.prefixes)):
        for term in items:
            own_probe &= _own_probe(term, prefix)
    first_own, first_hs, first_either = conditions[0]
    first_term = (terms.exact or terms.prefixes)[0]
    hs_parts = tuple(hs_match(first_term, prefix=not terms.exact).parts()) if first_hs else ()
    return Filtered(
        rest.filter(first_either),
        own_all,
        rest,
        first_own,
        first_hs,
        own_probe,
        len(conditions) == 1,
        hs_parts,
    )


@dataclass
class Filtered:
    qs: object  # every filter and term
    own_all: Q | None  # the lead's own text contains every term (None without text)
    rest: object  # every filter and term but the first term
    first_own: Q | None
    first_hs: Q | None
    own_probe: Q | None = None  # ``own_all`` as per-lead index probes (for newest-first windows)
    single_term: bool = False  # one text term: ``own_all`` is ``first_own``
    first_hs_parts: tuple = ()  # ``first_hs`` as one condition per column

    def count(self, own_total: int | None = None) -> tuple[int, bool]:
        """``(total, capped)``: the number of matches counted up to ``TOTAL_CAP`` + 1 rows; beyond
        the cap ``total`` is the cap and ``capped`` is true (the database stops reading after
        the cap instead of visiting every match).

        ``own_total`` is the capped count of ``rest.filter(own_all)`` when the caller has it. The
        condition "own tokens OR HS names" cannot use an index: PostgreSQL checked it on every open
        lead until the cap (25-37 ms at 100,000 leads for a staple such as wheat). Each side alone
        is an indexed lookup, and each is a lower bound of the total: when one passes the cap the
        total is capped without counting the union; otherwise the union of the two lookups is
        counted."""
        if own_total is not None and own_total > TOTAL_CAP:
            return TOTAL_CAP, True
        if self.first_own is None or not self.single_term:
            # No text, or several terms (the other terms' conditions are checked per lead anyway).
            total = _capped_count(self.qs)
            return min(total, TOTAL_CAP), total > TOTAL_CAP
        hs_counts = [_capped_count(self.rest.filter(part)) for part in self.first_hs_parts]
        if any(n > TOTAL_CAP for n in hs_counts):
            return TOTAL_CAP, True
        hs_parts = [part for part, n in zip(self.first_hs_parts, hs_counts, strict=True) if n]
        if not hs_parts:
            total = own_total if own_total is not None else _capped_count(self.qs)
        else:
            # Each lookup holds at most TOTAL_CAP rows here: the union is small.
            lookups = [self.rest.filter(c).order_by().values("pk") for c in (self.first_own, *hs_parts)]
            total = lookups[0].union(*lookups[1:])[: TOTAL_CAP + 1].count()
        return min(total, TOTAL_CAP), total > TOTAL_CAP


def _capped_count(qs) -> int:
    """The number of rows of ``qs``, counted up to ``TOTAL_CAP`` + 1."""
    return qs.order_by().values("pk")[: TOTAL_CAP + 1].count()


NEWEST = ("-published_at", "-pk")


WINDOW_MIN_MATCHES = 2000  # below this, sorting every match is cheap
WINDOW_MARGIN = 4  # the window is sized for 4x the rows the page needs, assuming an even spread


def _published_cutoff(fraction: float):
    """A ``published_at`` value such that about ``fraction`` of all leads are at or after it, read
    from the published_at index (the lead count is cached for a few minutes)."""
    count = cache.get("trade:lead_count")
    if count is None:
        count = Lead.objects.count()
        cache.set("trade:lead_count", count, 300)
    k = int(count * fraction)
    if k >= count:
        return None
    values = list(
        Lead.objects.filter(published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)[k : k + 1]
    )
    return values[0] if values else None


def _ids(qs, order, offset: int, limit: int, total: int | None = None, window_qs=None) -> list[int]:
    """Ids of rows ``offset``..``offset+limit`` of ``qs`` in ``order``.

    For newest-first pages of many matches, first try only the leads published after a cutoff that
    should leave enough matches for the page: if the window holds the whole page, the page is
    exact (every lead outside the window is older than every lead in it), and the database sorted a
    few hundred rows instead of every match. Otherwise fall back to the full query."""
    if order == NEWEST and total and total > WINDOW_MIN_MATCHES:
        needed = offset + limit
        cutoff = _published_cutoff(min(1.0, WINDOW_MARGIN * needed / total))
        if cutoff is not None:
            window = (qs if window_qs is None else window_qs).filter(published_at__gte=cutoff)
            window = window.order_by(*order).values_list("pk", flat=True)
            ids = list(window[offset : offset + limit])
            if len(ids) == limit:
                return ids
    return list(qs.order_by(*order).values_list("pk", flat=True)[offset : offset + limit])


def own_count(found: "Filtered", params: SearchParams) -> int | None:
    """The capped count of matches whose own text has every term, when the page is ordered by
    relevance (``page_ids`` needs it; ``Filtered.count`` uses it as a lower bound), else None."""
    if params.sort != LeadSort.RELEVANCE or found.own_all is None:
        return None
    return _capped_count(found.rest.filter(found.own_all))


def page_ids(
    qs,
    params: SearchParams,
    own_all,
    offset: int,
    limit: int,
    total: int,
    rest=None,
    own_probe=None,
    own_total: int | None = None,
) -> list[int]:
    """The ids of one page, in order. Every query is an ordered LIMIT on the lead table alone, so
    the database can walk an index on the sort key instead of sorting every match.

    Relevance: leads whose own text contains every term first, then those found only through the
    names of their HS code, each group newest first (two LIMIT queries instead of a sort of all
    matches by a computed rank)."""
    if params.sort == LeadSort.EXPIRING:
        return _ids(qs, ("valid_until", *NEWEST), offset, limit)
    if params.sort != LeadSort.RELEVANCE or own_all is None:
        return _ids(qs, NEWEST, offset, limit, total)
    # "Own text has every term" implies every term's "own OR HS names" condition: filtering
    # ``rest`` (``qs`` without the first term's condition) gives the same rows with a simpler query.
    own = (qs if rest is None else rest).filter(own_all)
    # Counted up to the cap: pages end at TOTAL_CAP, so past it the own-text group fills every page.
    if own_total is None:
        own_total = _capped_count(own)
    # The window (and only it) reads the same rows through per-lead probes: see ``_own_probe``.
    probe = None if rest is None or own_probe is None else rest.filter(own_probe)
    ids = _ids(own, NEWEST, offset, limit, own_total, probe) if offset < own_total else []
    if len(ids) < limit and own_total < total:
        rest_offset = max(0, offset - own_total)
        ids += _ids(qs.exclude(own_all), NEWEST, rest_offset, limit - len(ids), total - own_total)
    return ids


# What the search page and the API read of each lead of a page (the Incoterm, currency and the
# organization's country are shown by their codes): each joined row is one more model instance per
# lead to build.
PAGE_RELATED = (
    "organization",
    "organization__profile",
    "hs_code",
    "unit",
    "price_unit",
    "incoterm_place",
    "origin_country",
    "committee",
)


# What a search result card never reads of its lead: the long texts, the search text and the JSON
# columns (decoding them costs more than writing the card).
CARD_UNREAD = (
    "description",
    "description_en",
    "description_zh_hans",
    "description_ru",
    "specification",
    "search_text",
    "attributes",
    "payment_terms",
    "certifications_held",
    "certifications_required",
)


@dataclass
class LeadResults:
    leads: list  # the page's Lead rows, in order
    total: int  # the number of matches, at most TOTAL_CAP
    facets: dict
    total_capped: bool = False  # more than ``total`` (= TOTAL_CAP) leads match


def search(
    params,
    viewer=None,
    with_facets: bool = True,
    per_page: int = PER_PAGE,
    today=None,
    related: tuple[str, ...] = PAGE_RELATED,
    deferred: tuple[str, ...] = (),
):
    """One page of open leads matching ``params`` (a dict, QueryDict or SearchParams), as
    :class:`LeadResults`: the page as a list of Lead rows (with their organization, HS code, unit,
    currency, Incoterm, place and origin loaded), the number of matches, and facet counts over all
    matches (``{}`` with ``with_facets=False``).

    The count stops at ``TOTAL_CAP`` + 1 rows: beyond the cap ``total`` is the cap,
    ``total_capped`` is set, facets are not counted and the pages end at the cap (a broad search is
    narrowed, not paged through). Everybody, signed in or not, searches the open leads (published,
    not past their validity); ``viewer`` is accepted for future per-viewer rules. Raises
    ValidationError for invalid parameters (e.g. a price range without currency). ``related``:
    the relations joined to the page's rows (what the caller reads; :data:`PAGE_RELATED` by default);
    ``deferred``: columns of the page's leads the caller never reads (e.g. :data:`CARD_UNREAD`)."""
    params = clean_params(params)
    found = filtered(params, today)
    qs, own_all = found.qs, found.own_all
    own_total = own_count(found, params)
    total, capped = found.count(own_total)
    offset = (params.page - 1) * per_page
    leads = []
    if offset < total:
        # Order and cut on the lead table alone, then load the page's rows with their relations:
        # joining before the sort would join every match.
        limit = min(per_page, total - offset)
        ids = page_ids(qs, params, own_all, offset, limit, total, found.rest, found.own_probe, own_total)
        by_id = Lead.objects.select_related(*related).defer(*deferred).in_bulk(ids)
        leads = [by_id[pk] for pk in ids if pk in by_id]
    # Counting facets reads every match: past FACET_MAX_MATCHES the page asks to narrow the search.
    counted = with_facets and not capped and 0 < total <= FACET_MAX_MATCHES
    facets = shared_facet_counts(params, qs, today) if counted else {}
    return LeadResults(leads, total, facets, capped)


def search_leads(params, viewer=None, with_facets: bool = True, per_page: int = PER_PAGE, today=None):
    """``(leads, total, facets)`` of :func:`search` (``total`` at most ``TOTAL_CAP``)."""
    result = search(params, viewer, with_facets, per_page, today)
    return result.leads, result.total, result.facets


def new_leads_since(params, since, limit: int = 50):
    """Open leads matching ``params`` published after ``since`` (newest first), and their number."""
    params = clean_params(params)
    qs = filtered(params).qs
    if since is not None:
        qs = qs.filter(published_at__gt=since)
    total = qs.count()
    return list(qs.order_by("-published_at", "-pk").select_related(*PAGE_RELATED)[:limit]), total
