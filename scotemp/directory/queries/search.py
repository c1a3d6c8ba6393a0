"""Reads for the public directory: the search (text + facets). The page and the API call the same
function; the facet counts and the hints shown when nothing matches are in :mod:`.facets`.

Text matching uses only the SearchToken index (see ``search.py``): every query word must match an
indexed token by prefix, every CJK bigram exactly; runs of 3+ CJK characters are then confirmed as
substrings of the profile's normalized ``search_text``. A query that looks like a registration
identifier matches the identifier exactly.
"""

import re
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Substr
from django.db.models.lookups import Exact

from scotemp.accounts.models import Organization
from scotemp.committees.models import CommitteeMembership, CommitteeMembershipStatus
from scotemp.core.text import RANGE_END, cjk_bigrams, normalize, runs
from scotemp.reference.choices import SCOStatus
from scotemp.reference.models import SCOStatusPeriod
from scotemp.reference.queries import today

from ..choices import SCOFilter, SearchSort, TradeDirection, VerificationStatus
from ..models import ProfileProduct, SearchToken
from ..search import compact_identifier

PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_TERMS = 8  # longer queries are cut: each term is one more index lookup
TOTAL_CAP = 10_000  # matches are counted exactly up to this; beyond, the total is a lower bound
SORTS = tuple(SearchSort.values)
SCO_CHOICES = tuple(SCOFilter.values)
_IDENTIFIER = re.compile(r"^[0-9A-Z]{8,40}$")
_IDENTIFIER_SEPARATORS = re.compile(r"[\s\-./]")


@dataclass(frozen=True)
class SearchParams:
    """A directory query; every field is optional. Values are validated by the page form or the
    API schema before they get here."""

    q: str = ""
    country: str = ""  # ISO alpha-2
    sco: str = ""  # "member" | "partner"
    committee: str = ""  # committee slug
    hs: str = ""  # HS chapter (2 digits) or heading (4) or subheading (6)
    hs_direction: str = ""  # "export" | "import" | "" for either
    activity: str = ""
    verified: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    FILTERS = ("q", "country", "sco", "committee", "hs", "activity", "verified")

    def active_filters(self) -> list[str]:
        return [name for name in self.FILTERS if getattr(self, name)]

    def without(self, name: str) -> "SearchParams":
        changes = {name: False if name == "verified" else "", "page": 1}
        if name == "hs":
            changes["hs_direction"] = ""
        return replace(self, **changes)


@dataclass(frozen=True)
class TextQuery:
    prefixes: tuple[str, ...] = ()  # words matched by token prefix
    exact: tuple[str, ...] = ()  # CJK bigrams matched exactly
    confirm: tuple[str, ...] = ()  # CJK runs of 3+ characters, confirmed in search_text
    identifier: str = ""  # a registration identifier, matched exactly
    normalized: str = ""

    @property
    def empty(self) -> bool:
        return not (self.prefixes or self.exact or self.identifier)


def parse_text(q: str) -> TextQuery:
    """Tokenize a query exactly as the index is tokenized."""
    q = (q or "").strip()
    if not q:
        return TextQuery()
    compact = _IDENTIFIER_SEPARATORS.sub("", q)
    if _IDENTIFIER.match(compact) and sum(ch.isdigit() for ch in compact) >= 4:
        return TextQuery(identifier=compact, normalized=normalize(q))
    prefixes: list[str] = []
    exact: list[str] = []
    confirm: list[str] = []
    for cjk, run in runs(normalize(q)):
        if not cjk:
            prefixes.append(run[:64])
        elif len(run) == 1:
            prefixes.append(run)  # bigrams starting with it, or a run ending with it
        else:
            exact.extend(cjk_bigrams(run))
            if len(run) > 2:
                confirm.append(run)
    dedup = lambda items: tuple(dict.fromkeys(items))[:MAX_TERMS]  # noqa: E731
    return TextQuery(dedup(prefixes), dedup(exact), tuple(confirm), "", normalize(q))


def _token_condition(tq: TextQuery) -> Q:
    """Tokens matching any term of the query (for the relevance count)."""
    condition = Q(pk__in=[])
    for word in tq.prefixes:
        condition |= Q(token__gte=word, token__lt=word + RANGE_END)
    if tq.exact:
        condition |= Q(token__in=tq.exact)
    return condition


def _text_filter(qs, tq: TextQuery):
    if tq.identifier:
        # Two indexed lookups of a few rows, resolved here: "registry_id = … OR id IN (…)" in one
        # WHERE made PostgreSQL scan every organization.
        compact = compact_identifier(tq.identifier)
        ids = set(SearchToken.objects.filter(token=compact).values_list("organization_id", flat=True))
        ids.update(Organization.objects.filter(registry_id=tq.identifier).values_list("pk", flat=True))
        return qs.filter(pk__in=sorted(ids))
    # Exact bigrams first: they are the most selective, and SQLite plans the IN lists in order.
    for bigram in tq.exact:
        qs = qs.filter(pk__in=SearchToken.objects.filter(token=bigram).values("organization_id"))
    for word in tq.prefixes:
        tokens = SearchToken.objects.filter(token__gte=word, token__lt=word + RANGE_END)
        qs = qs.filter(pk__in=tokens.values("organization_id"))
    for run in tq.confirm:
        # CJK has no letter case, so LIKE gives the same answer on SQLite and PostgreSQL.
        qs = qs.filter(profile__search_text__contains=run)
    return qs


def sco_country_ids(which: str) -> list[str]:
    """ISO codes of SCO member states (``member``) or partners (``partner``) today; cached for an
    hour. A literal list, not a subquery, so the planner knows how many organizations it keeps."""
    on = today()
    key = f"directory:sco:{which}:{on.isoformat()}"
    ids = cache.get(key)
    if ids is None:
        statuses = [SCOStatus.MEMBER] if which == "member" else [s for s in SCOStatus.values if s != "member"]
        periods = SCOStatusPeriod.objects.active_on(on).filter(status__in=statuses)
        ids = sorted(periods.values_list("country_id", flat=True))
        cache.set(key, ids, 3600)
    return ids


def hs_prefix(field: str, code: str) -> Q:
    """HS codes starting with ``code`` as an index range: "76" → ["76", "77"). Digits sort alike in
    every collation, unlike LIKE, which needs a special index on PostgreSQL and none at all here."""
    condition = Q(**{f"{field}__gte": code})
    if code.strip("9"):
        upper = str(int(code) + 1).zfill(len(code))
        condition &= Q(**{f"{field}__lt": upper})
    return condition


def filtered(params: SearchParams):
    """Organizations matching every filter of ``params``, unordered."""
    qs = Organization.objects.all()
    tq = parse_text(params.q)
    if not tq.empty:
        qs = _text_filter(qs, tq)
    if params.country:
        qs = qs.filter(country_id=params.country.upper())
    if params.sco in SCO_CHOICES:
        qs = qs.filter(country_id__in=sco_country_ids(params.sco))
    if params.committee:
        members = CommitteeMembership.objects.filter(
            committee__slug=params.committee, status=CommitteeMembershipStatus.APPROVED
        )
        qs = qs.filter(pk__in=members.values("organization_id"))
    if params.hs:
        products = ProfileProduct.objects.filter(hs_prefix("hs_code_id", params.hs))
        if params.hs_direction in TradeDirection.values:
            products = products.filter(direction=params.hs_direction)
        qs = qs.filter(pk__in=products.values("profile__organization_id"))
    if params.activity:
        # A join, not IN (subquery): the planner can then start from a more selective filter
        # (e.g. the country); (profile, activity) is unique, so no row is repeated.
        qs = qs.filter(profile__activities__activity=params.activity)
    if params.verified:
        qs = qs.filter(profile__verification_status=VerificationStatus.VERIFIED)
    return qs


def _name_variants(q: str) -> list[str]:
    """The query as it may begin a legal or Latin name: as typed, lower case, capitalized, title
    case, upper case (all of the same length, for an exact comparison of the name's head)."""
    q = " ".join(q.split())
    variants = {q, q.lower(), q.capitalize(), q.title(), q.upper()}
    return sorted(v for v in variants if len(v) == len(q))


def _ordered(qs, params: SearchParams, tq: TextQuery):
    """Order the result. "relevance": names (legal or Latin) beginning with the query first, then
    verified organizations, then by name. (A per-row count of matched tokens cost a correlated
    subquery per match and barely changed the order, since every term must match anyway.)

    The name check compares the first characters exactly (SUBSTR = …), which both databases do
    alike, on columns of the row being sorted anyway; the verification comes from a covering index.
    Keys are expressions, not Case(When(Q on a relation)): Django turns such joins into LEFT OUTER
    JOINs, which stops the planner from starting at a selective facet's index."""
    sort = params.sort if params.sort in SORTS else "relevance"
    if sort == "newest":
        return qs.order_by("-created_at", "-pk")
    if sort == "verified":
        return qs.order_by(F("profile__verified_at").desc(nulls_last=True), "name", "pk")
    if sort == "name":
        return qs.order_by("name", "pk")
    keys = []
    if not tq.empty and not tq.identifier:
        variants = _name_variants(params.q)
        length = len(variants[0])
        qs = qs.alias(
            name_head=Substr("name", 1, length),
            latin_head=Substr("name_latin", 1, length),
            name_match=Case(
                When(Q(name_head__in=variants) | Q(latin_head__in=variants), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        keys.append(F("name_match").desc())
    verified = Exact(F("profile__verification_status"), VerificationStatus.VERIFIED)
    return qs.order_by(*keys, verified.desc(nulls_last=True), "name", "pk")


def _page_ids(qs, params: SearchParams, tq: TextQuery, offset: int, limit: int) -> list[int]:
    """The ids of one page in the order of ``_ordered``.

    The default order without text (verified first, then name, then pk) is read as two queries in
    (name, id) order, verified then the others, so both databases walk the name index and stop at
    the page instead of sorting every match."""
    sort = params.sort if params.sort in SORTS else "relevance"
    if sort != "relevance" or not tq.empty:
        return list(_ordered(qs, params, tq).values_list("pk", flat=True)[offset : offset + limit])
    is_verified = Q(profile__verification_status=VerificationStatus.VERIFIED)
    verified = qs.filter(is_verified)
    ids = list(verified.order_by("name", "pk").values_list("pk", flat=True)[offset : offset + limit])
    if len(ids) == limit:
        return ids
    # Fewer than offset + limit verified matches: count them exactly to place the others.
    before = max(0, offset - verified.order_by().values("pk")[: offset + limit].count())
    others = qs.filter(Q(profile__isnull=True) | ~is_verified)
    rest = others.order_by("name", "pk").values_list("pk", flat=True)[before : before + limit - len(ids)]
    return ids + list(rest)


@dataclass
class SearchPage:
    params: SearchParams
    organizations: list
    total: int
    page: int
    pages: int
    per_page: int
    total_capped: bool = False  # more than ``total`` (= TOTAL_CAP) organizations match

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def page_numbers(self) -> list[int | None]:
        """Page numbers to show, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
        shown = {1, self.pages, *range(self.page - 2, self.page + 3)}
        numbers: list[int | None] = []
        for n in sorted(p for p in shown if 1 <= p <= self.pages):
            if numbers and numbers[-1] is not None and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def search(params: SearchParams, *, with_details: bool = True) -> SearchPage:
    """One page of organizations matching ``params`` and the total count: the count, the page's
    ids in order, their rows (and one more for their activities when ``with_details``).

    The count stops at ``TOTAL_CAP`` + 1 rows: beyond the cap ``total`` is the cap, ``total_capped``
    is set and the pages end at the last page of the cap (a broad query is narrowed, not paged
    through)."""
    per_page = max(1, min(params.per_page, MAX_PER_PAGE))
    qs = filtered(params)
    total = qs.order_by().values("pk")[: TOTAL_CAP + 1].count()
    capped = total > TOTAL_CAP
    total = min(total, TOTAL_CAP)
    pages = max(1, -(-total // per_page))
    page = max(1, min(params.page, pages))
    offset = (page - 1) * per_page
    organizations = []
    if total:
        # Sort narrow rows (keys and ids), then load the page's rows by primary key: the sort then
        # carries no descriptions or joined columns, whatever the size of the result.
        ids = _page_ids(qs, params, parse_text(params.q), offset, per_page)
        rows = Organization.objects.filter(pk__in=ids).select_related("country", "city", "profile")
        if with_details:
            rows = rows.prefetch_related("profile__activities")
        by_id = {org.pk: org for org in rows}
        organizations = [by_id[pk] for pk in ids if pk in by_id]
    return SearchPage(params, organizations, total, page, pages, per_page, capped)
