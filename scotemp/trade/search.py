"""Lead search: the text index (``reindex_leads``) and the search itself (``search_leads``).

Text matching uses only plain string comparisons on ``LeadSearchToken`` (see ``scotemp.core.text``),
so SQLite and PostgreSQL return the same rows:

- a lead's own text (title and description in every language, specification, attribute values) is
  indexed as Snowball stems of words and CJK bigrams; only published leads have index rows;
- the names of the lead's HS subheading, heading and chapter in Chinese, Russian and English also
  count as the lead's text: that is what lets "wheat", "пшеницы" and "小麦" find a lead titled
  "Пшеница 3 класса". They are not copied into every lead's index rows (that would triple the
  index); a query term is looked up in the small HS vocabulary instead, and a lead matches the term
  if its own tokens contain it *or* its HS code is one whose names contain it;
- every query term must match (AND); relevance puts leads whose own text matches first.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.text import RANGE_END, index_tokens, normalize, query_terms

from .choices import LeadKind, LeadStatus
from .models import Lead, LeadSearchToken

PER_PAGE = 20
MAX_PAGE = 500
TOTAL_CAP = 10_000  # matches are counted exactly up to this; beyond, the total is a lower bound
SORTS = ("relevance", "newest", "expiring")
BATCH = 2000
TEXT_LANGUAGES = ("en", "zh_hans", "ru")


# --- indexing ---------------------------------------------------------------------------------------


def lead_text(values: dict) -> str:
    """The normalized own text of a lead (from a dict of column values), one field per line."""
    parts = []
    for lang in TEXT_LANGUAGES:
        parts += [values.get(f"title_{lang}") or "", values.get(f"description_{lang}") or ""]
    parts.append(values.get("specification") or "")
    attributes = values.get("attributes") or {}
    if isinstance(attributes, dict):
        parts += [f"{k} {v}" for k, v in attributes.items()]
    return "\n".join(normalize(p) for p in parts if p)


_TEXT_FIELDS = (
    "id",
    "status",
    "specification",
    "attributes",
    *(f"{f}_{lang}" for f in ("title", "description") for lang in TEXT_LANGUAGES),
)


def reindex_leads(lead_ids) -> None:
    """Rebuild ``LeadSearchToken`` rows and ``Lead.search_text`` of these leads.

    Published leads get index rows, the others none (they cannot be found). Idempotent; runs in the
    caller's transaction (a savepoint per batch), so a failed caller keeps the old index. Unknown
    ids are ignored."""
    ids = sorted({int(i) for i in lead_ids})
    token_table = connection.ops.quote_name(LeadSearchToken._meta.db_table)
    lead_table = connection.ops.quote_name(Lead._meta.db_table)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            texts, rows = [], []
            for values in Lead.objects.filter(pk__in=chunk).values(*_TEXT_FIELDS):
                text = lead_text(values)
                texts.append((text, values["id"]))
                if values["status"] == LeadStatus.PUBLISHED:
                    rows += [(values["id"], t) for t in sorted(index_tokens(text))]
            LeadSearchToken.objects.filter(lead_id__in=chunk).delete()
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {lead_table} SET search_text = %s WHERE id = %s", texts)
                if rows:
                    cursor.executemany(f"INSERT INTO {token_table} (lead_id, token) VALUES (%s, %s)", rows)


def reindex_all(progress=None, batch: int = 10_000) -> int:
    """Rebuild the index of every lead; ``progress(done, total)`` after each batch. Returns the count."""
    ids = list(Lead.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        reindex_leads(ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


# --- the HS vocabulary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HSMatch:
    """HS codes whose names (own, heading's or chapter's, in any language) contain a term, compressed
    to whole chapters and headings where every code below matches."""

    chapters: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.chapters or self.headings or self.codes)

    def q(self) -> Q:
        parts = []
        if self.chapters:
            parts.append(Q(hs_chapter__in=self.chapters))
        if self.headings:
            parts.append(Q(hs_heading__in=self.headings))
        if self.codes:
            parts.append(Q(hs_code_id__in=self.codes))
        condition = parts[0]
        for part in parts[1:]:
            condition |= part
        return condition


@lru_cache(maxsize=1)
def hs_vocabulary() -> dict[str, frozenset[str]]:
    """token → the HS codes (every level) whose names or ancestors' names contain the token."""
    from scotemp.reference.models import HSCode

    own: dict[str, set[str]] = {}
    for row in HSCode.objects.values_list("code", "description_en", "description_ru", "description_zh_hans"):
        own[row[0]] = set().union(*(index_tokens(text or "") for text in row[1:]))
    vocabulary: dict[str, set[str]] = {}
    for code, tokens in own.items():
        virtual = tokens | own.get(code[:4], set()) | own.get(code[:2], set())
        for token in virtual:
            vocabulary.setdefault(token, set()).add(code)
    return {token: frozenset(codes) for token, codes in vocabulary.items()}


@lru_cache(maxsize=1)
def _hs_tree() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """chapter → every code in it; heading → every code in it (heading included)."""
    chapters: dict[str, set[str]] = {}
    headings: dict[str, set[str]] = {}
    for code in {c for codes in hs_vocabulary().values() for c in codes}:
        chapters.setdefault(code[:2], set()).add(code)
        if len(code) >= 4:
            headings.setdefault(code[:4], set()).add(code)
    return (
        {k: frozenset(v) for k, v in chapters.items()},
        {k: frozenset(v) for k, v in headings.items()},
    )


@lru_cache(maxsize=4096)
def hs_match(term: str, prefix: bool = False) -> HSMatch:
    vocabulary = hs_vocabulary()
    if prefix:
        matched = set().union(*(codes for token, codes in vocabulary.items() if token.startswith(term)))
    else:
        matched = set(vocabulary.get(term, ()))
    if not matched:
        return HSMatch()
    chapter_sets, heading_sets = _hs_tree()
    chapters, headings, codes = [], [], []
    for chapter, members in chapter_sets.items():
        if members <= matched:
            chapters.append(chapter)
            matched -= members
    for heading, members in heading_sets.items():
        if members <= matched:
            headings.append(heading)
            matched -= members
    codes = sorted(matched)
    return HSMatch(tuple(sorted(chapters)), tuple(sorted(headings)), tuple(codes))


# --- parameters -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kind: str = ""
    hs: str = ""  # chapter (2 digits), heading (4) or subheading (6)
    origin: str = ""  # ISO alpha-2
    destination: str = ""  # ISO alpha-2; leads without acceptable countries accept any
    incoterm: str = ""
    committee: str = ""  # committee slug
    verified: bool = False
    currency: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = "relevance"
    page: int = 1
    errors: dict = field(default_factory=dict, compare=False)

    FILTERS = ("q", "kind", "hs", "origin", "destination", "incoterm", "committee", "verified", "currency")

    def as_dict(self) -> dict:
        """JSON-safe, without defaults: what a saved search stores and a URL carries."""
        out = {}
        for name in (*self.FILTERS, "price_min", "price_max", "sort"):
            value = getattr(self, name)
            if value in ("", None, False) or (name == "sort" and value == "relevance"):
                continue
            out[name] = str(value) if isinstance(value, Decimal) else value
        return out


def _decimal(raw, name, errors):
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        errors[name] = [_("Enter a number.")]
        return None
    if not value.is_finite() or value < 0:
        errors[name] = [_("Enter a number that is zero or more.")]
        return None
    return value


def _get(raw, name) -> str:
    value = raw.get(name, "")
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value if value is not None else "").strip()


def parse_params(raw) -> SearchParams:
    """Read search parameters from a dict or a QueryDict; invalid values are collected in
    ``.errors`` (field → messages) and left out. See :func:`clean_params` to raise instead."""
    errors: dict[str, list] = {}
    kind = _get(raw, "kind").lower()
    if kind and kind not in LeadKind.values:
        errors["kind"] = [_("Choose sell or buy.")]
        kind = ""
    hs = _get(raw, "hs").replace(".", "").replace(" ", "")
    if hs and (not hs.isdigit() or len(hs) not in (2, 4, 6)):
        errors["hs"] = [_("Enter an HS chapter (2 digits), heading (4) or subheading (6).")]
        hs = ""
    codes = {}
    for name, size in (("origin", 2), ("destination", 2), ("incoterm", 3), ("currency", 3)):
        value = _get(raw, name).upper()
        if value and (len(value) != size or not value.isalpha()):
            errors[name] = [_("Enter a valid code.")]
            value = ""
        codes[name] = value
    price_min = _decimal(_get(raw, "price_min"), "price_min", errors)
    price_max = _decimal(_get(raw, "price_max"), "price_max", errors)
    if (price_min is not None or price_max is not None) and not codes["currency"]:
        errors["currency"] = [_("Choose the currency of the price range.")]
        price_min = price_max = None
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = [_("The maximum price must not be below the minimum.")]
        price_max = None
    sort = _get(raw, "sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = [_("Choose relevance, newest or expiring.")]
        sort = "relevance"
    try:
        page = max(1, min(int(_get(raw, "page") or 1), MAX_PAGE))
    except ValueError:
        page = 1
    verified = _get(raw, "verified").lower() in ("1", "true", "on", "yes")
    return SearchParams(
        q=_get(raw, "q")[:200],
        kind=kind,
        hs=hs,
        verified=verified,
        committee=_get(raw, "committee")[:60],
        price_min=price_min,
        price_max=price_max,
        sort=sort,
        page=page,
        errors=errors,
        **codes,
    )


def clean_params(raw) -> SearchParams:
    """Like :func:`parse_params`, but raises ValidationError (field → messages) on invalid input."""
    params = raw if isinstance(raw, SearchParams) else parse_params(raw)
    if params.errors:
        raise ValidationError(params.errors)
    return params


# --- search ---------------------------------------------------------------------------------------------


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
    return Filtered(rest.filter(first_either), own_all, rest, first_own, first_hs, own_probe)


@dataclass
class Filtered:
    qs: object  # every filter and term
    own_all: Q | None  # the lead's own text contains every term (None without text)
    rest: object  # every filter and term but the first term
    first_own: Q | None
    first_hs: Q | None
    own_probe: Q | None = None  # ``own_all`` as per-lead index probes (for newest-first windows)

    def count(self) -> tuple[int, bool]:
        """``(total, capped)``: the number of matches counted up to ``TOTAL_CAP`` + 1 rows; beyond
        the cap ``total`` is the cap and ``capped`` is true (the database stops reading after
        the cap instead of visiting every match)."""
        total = _capped_count(self.qs)
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
    from django.core.cache import cache

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


def page_ids(
    qs, params: SearchParams, own_all, offset: int, limit: int, total: int, rest=None, own_probe=None
) -> list[int]:
    """The ids of one page, in order. Every query is an ordered LIMIT on the lead table alone, so
    the database can walk an index on the sort key instead of sorting every match.

    Relevance: leads whose own text contains every term first, then those found only through the
    names of their HS code, each group newest first (two LIMIT queries instead of a sort of all
    matches by a computed rank)."""
    if params.sort == "expiring":
        return _ids(qs, ("valid_until", *NEWEST), offset, limit)
    if params.sort != "relevance" or own_all is None:
        return _ids(qs, NEWEST, offset, limit, total)
    # "Own text has every term" implies every term's "own OR HS names" condition: filtering
    # ``rest`` (``qs`` without the first term's condition) gives the same rows with a simpler query.
    own = (qs if rest is None else rest).filter(own_all)
    # Counted up to the cap: pages end at TOTAL_CAP, so past it the own-text group fills every page.
    own_total = _capped_count(own)
    # The window (and only it) reads the same rows through per-lead probes: see ``_own_probe``.
    probe = None if rest is None or own_probe is None else rest.filter(own_probe)
    ids = _ids(own, NEWEST, offset, limit, own_total, probe) if offset < own_total else []
    if len(ids) < limit and own_total < total:
        rest_offset = max(0, offset - own_total)
        ids += _ids(qs.exclude(own_all), NEWEST, rest_offset, limit - len(ids), total - own_total)
    return ids


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


PAGE_RELATED = (
    "organization",
    "organization__country",
    "organization__profile",
    "hs_code",
    "unit",
    "currency",
    "price_unit",
    "incoterm",
    "incoterm_place",
    "origin_country",
    "committee",
)


@dataclass
class LeadResults:
    leads: list  # the page's Lead rows, in order
    total: int  # the number of matches, at most TOTAL_CAP
    facets: dict
    total_capped: bool = False  # more than ``total`` (= TOTAL_CAP) leads match


def search(params, viewer=None, with_facets: bool = True, per_page: int = PER_PAGE, today=None):
    """One page of open leads matching ``params`` (a dict, QueryDict or SearchParams), as
    :class:`LeadResults`: the page as a list of Lead rows (with their organization, HS code, unit,
    currency, Incoterm, place and origin loaded), the number of matches, and facet counts over all
    matches (``{}`` with ``with_facets=False``).

    The count stops at ``TOTAL_CAP`` + 1 rows: beyond the cap ``total`` is the cap,
    ``total_capped`` is set, facets are not counted and the pages end at the cap (a broad search is
    narrowed, not paged through). Everybody, signed in or not, searches the open leads (published,
    not past their validity); ``viewer`` is accepted for future per-viewer rules. Raises
    ValidationError for invalid parameters (e.g. a price range without currency)."""
    params = clean_params(params)
    found = filtered(params, today)
    qs, own_all = found.qs, found.own_all
    total, capped = found.count()
    offset = (params.page - 1) * per_page
    leads = []
    if offset < total:
        # Order and cut on the lead table alone, then load the page's rows with their relations:
        # joining before the sort would join every match.
        limit = min(per_page, total - offset)
        ids = page_ids(qs, params, own_all, offset, limit, total, found.rest, found.own_probe)
        by_id = Lead.objects.select_related(*PAGE_RELATED).in_bulk(ids)
        leads = [by_id[pk] for pk in ids if pk in by_id]
    # Counting facets reads every match: past FACET_MAX_MATCHES the page asks to narrow the search.
    counted = with_facets and not capped and 0 < total <= FACET_MAX_MATCHES
    facets = facet_counts(qs) if counted else {}
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
