"""Reads of matches for the pages and the API: a lead's matches, an organization's matches, one match
for a decision.

A match is the private business of its two parties (ADR 0010): only members of either side's
organization see it, through ``Match.objects.member_of`` / ``Lead.objects.member_of`` (no operator
bypass; a token sees its own organization's side only), or for an organization's list through
``is_member`` before its rows are read; everybody else gets 404. Pairs the viewer's
organization dismissed are left out. Each function costs a fixed number of queries, and a page of
an organization's matches reads one index range per side, whatever the size of the match table."""

import json
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import get_language

from scotemp.core.permissions import acting_organization_id, is_member, parties_of
from scotemp.core.prepared import prepared_cursor

from ..choices import LeadKind, MatchAction
from ..matching.explain import explain, explain_text
from ..models import Lead, Match, MatchDecision
from ..search.engine import CARD_UNREAD
from .light import matches_by_id, verified_subquery

DISMISSED, BOOKMARKED = MatchAction.DISMISSED.value, MatchAction.BOOKMARKED.value


@dataclass
class MatchView:
    match: Match
    own: Lead
    counterpart: Lead
    counterpart_verified: bool
    decision: str | None
    phrases: list
    brief: str


def can_see_matches(user, lead: Lead) -> bool:
    """Whether ``user`` acts for the organization owning ``lead`` (and so sees its matches)."""
    return bool(parties_of(user, lead))


def owned_lead(user, public_id) -> Lead:
    """The lead if ``user`` may see its matches (a member of the owning organization), else 404."""
    lead = Lead.objects.member_of(user).filter(public_id=public_id).first()
    if lead is None:
        raise Http404
    return lead


_DECISIONS = """SELECT sell_lead_id, buy_lead_id, action FROM {decision}
  WHERE organization_id = %s AND sell_lead_id IN ({sells}) AND buy_lead_id IN ({buys})"""


def _decisions(org_id: int, matches: list) -> dict:
    """``{(sell_lead_id, buy_lead_id): action}`` of ``org_id``'s decisions on the pairs of ``matches``."""
    if not matches:
        return {}
    sells, buys = list({m.sell_lead_id: None for m in matches}), list({m.buy_lead_id: None for m in matches})
    connection = connections[MatchDecision.objects.db]
    sql = _DECISIONS.format(
        decision=connection.ops.quote_name(MatchDecision._meta.db_table),
        sells=", ".join(["%s"] * len(sells)),
        buys=", ".join(["%s"] * len(buys)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (org_id, *sells, *buys))
        return {(sell, buy): action for sell, buy, action in cursor.fetchall()}


def match_views(matches, org_id: int) -> list[MatchView]:
    """The matches (rows of :func:`lead_matches` / :func:`organization_matches`) as seen from the
    side of ``org_id``: its own lead, the counterpart, its decision and the explanation."""
    matches = list(matches)
    decisions = _decisions(org_id, matches)
    out = []
    for m in matches:
        own_is_sell = m.sell_organization_id == org_id
        own, other = (m.sell_lead, m.buy_lead) if own_is_sell else (m.buy_lead, m.sell_lead)
        out.append(
            MatchView(
                match=m,
                own=own,
                counterpart=other,
                counterpart_verified=m.buy_verified if own_is_sell else m.sell_verified,
                decision=decisions.get((m.sell_lead_id, m.buy_lead_id)),
                **_explanation(m, own.kind),
            )
        )
    return out


EXPLANATIONS_REMEMBERED = 4096  # per process: well under 1 KB each


def _explanation(match, viewer_kind: str) -> dict:
    """``phrases`` and ``brief`` of ``match`` for the side of ``viewer_kind``, in the active language."""
    parts_text = getattr(match, "parts_text", None)
    if parts_text is None:
        return {"phrases": explain(match.parts, viewer_kind), "brief": explain_text(match.parts, viewer_kind)}
    phrases, brief = _explained(parts_text, viewer_kind, get_language())
    return {"phrases": list(phrases), "brief": brief}


@lru_cache(maxsize=EXPLANATIONS_REMEMBERED)
def _explained(parts_text: str, viewer_kind: str, language: str) -> tuple[tuple, str]:
    """The explanation of the parts stored as ``parts_text``, remembered per process: it depends on
    nothing but the parts, the side, the language (active when called: part of the key) and the
    release (country names are read once per process by :mod:`~scotemp.trade.matching.explain`)."""
    parts = json.loads(parts_text)
    return tuple(explain(parts, viewer_kind)), explain_text(parts, viewer_kind)


def _decided(org_id: int, action: str):
    """Whether ``org_id`` took ``action`` on the pair of the outer match row (one index lookup)."""
    return Exists(
        MatchDecision.objects.filter(
            organization_id=org_id,
            action=action,
            sell_lead_id=OuterRef("sell_lead_id"),
            buy_lead_id=OuterRef("buy_lead_id"),
        )
    )


# What a match list never reads of its two leads: the same columns a search card leaves out.
LEAD_UNSHOWN = CARD_UNREAD


def _verified(queryset):
    """The match rows with whether each side's organization is verified."""
    return queryset.annotate(sell_verified=verified_subquery("sell"), buy_verified=verified_subquery("buy"))


def _shown(queryset):
    """The match rows with what a list shows: both leads, their organizations and verification."""
    return (
        _verified(queryset)
        .select_related(
            "sell_lead__organization__country",
            "buy_lead__organization__country",
            "sell_lead__hs_code",
            "buy_lead__hs_code",
        )
        .defer(*(f"{side}_lead__{name}" for side in ("sell", "buy") for name in LEAD_UNSHOWN))
    )


def lead_matches(user, lead: Lead):
    """The matches of ``lead`` (a lead of an organization ``user`` acts for), best first, without the
    pairs its organization dismissed: a queryset, to page; :func:`match_views` shapes the rows.
    A lead is on one side of all its matches, so this is one range of the pair index."""
    side = Q(sell_lead=lead) if lead.kind == LeadKind.SELL else Q(buy_lead=lead)
    rows = (
        Match.objects.member_of(user)
        .filter(side)
        .exclude(_decided(lead.organization_id, MatchAction.DISMISSED))
        .order_by("-score", "pk")
    )
    return _shown(rows)


def matches_of_lead(user, lead: Lead, limit: int = 20) -> list[MatchView]:
    """The best ``limit`` matches of ``lead`` as :class:`MatchView` rows (empty for non-members)."""
    return match_views(lead_matches(user, lead)[:limit], lead.organization_id)


# An organization's matches in SQL written once (tables quoted by the connection): built through the
# ORM for every page, these statements cost more to compile than to run for a page. Each side is one
# range of its (organization, -score, id) index; a dismissed pair costs one lookup of the pair index.
_SIDE = """SELECT * FROM (SELECT m.score, m.id FROM {match} m
  WHERE m.%(side)s_organization_id = %%s AND NOT EXISTS (
    SELECT 1 FROM {decision} d WHERE d.organization_id = %%s AND d.action = %%s
      AND d.sell_lead_id = m.sell_lead_id AND d.buy_lead_id = m.buy_lead_id)
  ORDER BY m.score DESC, m.id LIMIT %%s) %(side)s_side"""
_HEADS = (
    f"{_SIDE % {'side': 'sell'}} UNION ALL {_SIDE % {'side': 'buy'}}\nORDER BY 1 DESC, 2 LIMIT %s OFFSET %s"
)
# Both ranges counted from their indexes alone, less the dismissed pairs among them, found from the
# organization's few dismissals through the pair index (a decision is taken by a side of its match).
_COUNT = """SELECT
  (SELECT COUNT(*) FROM {match} WHERE sell_organization_id = %s),
  (SELECT COUNT(*) FROM {match} WHERE buy_organization_id = %s),
  (SELECT COUNT(*) FROM {decision} d WHERE d.organization_id = %s AND d.action = %s AND EXISTS (
    SELECT 1 FROM {match} m WHERE (m.sell_organization_id = %s OR m.buy_organization_id = %s)
      AND m.sell_lead_id = d.sell_lead_id AND m.buy_lead_id = d.buy_lead_id))"""
# The bookmarked list starts from the organization's bookmarks (few, whatever the number of matches).
_BOOKMARKED = """SELECT m.score, m.id FROM {decision} d
  JOIN {match} m ON m.sell_lead_id = d.sell_lead_id AND m.buy_lead_id = d.buy_lead_id
  WHERE d.organization_id = %s AND d.action = %s
    AND (m.sell_organization_id = %s OR m.buy_organization_id = %s)"""
_BOOKMARKED_PAGE = f"{_BOOKMARKED} ORDER BY m.score DESC, m.id LIMIT %s OFFSET %s"
_BOOKMARKED_COUNT = f"SELECT COUNT(*) FROM ({_BOOKMARKED}) bookmarked"


@cache
def _sql(template: str, using: str) -> str:
    quote = connections[using].ops.quote_name
    return template.format(match=quote(Match._meta.db_table), decision=quote(MatchDecision._meta.db_table))


class OrganizationMatches:
    """The matches of all the leads of one organization, best first (score descending, then id),
    without the pairs it dismissed; only those it bookmarked on request. Empty unless ``user`` acts
    for the organization (:func:`~scotemp.core.permissions.is_member`: ADR 0010, no operator bypass;
    a token acts for its own organization only).

    A sequence to page, as a queryset is (``count()`` and slices), so the page's ``Paginator`` and
    the API's ``paginate`` take it as they are. Each side of the organization is one range of its
    (organization, -score, id) index: a slice reads the first ``stop`` entries of each range (one
    ``UNION ALL`` of two ordered LIMIT queries), then loads just the slice's rows by primary key; a
    dismissed pair costs one index lookup on the rows read. The bookmarked list starts from the
    organization's bookmarks instead. Membership costs one query, once; then a slice costs 2 queries,
    ``count()`` one."""

    def __init__(self, user, organization_id: int, *, bookmarked: bool = False):
        self.user, self.org_id, self.bookmarked = user, organization_id, bookmarked
        self.using = Match.objects.db

    @cached_property
    def _member(self) -> bool:
        return is_member(self.user, self.org_id)

    def _fetch(self, sql: str, params) -> list[tuple]:
        with prepared_cursor(connections[self.using]) as cursor:  # planned once per connection
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self) -> int:
        if not self._member:
            return 0
        org = self.org_id
        if self.bookmarked:
            return self._fetch(_sql(_BOOKMARKED_COUNT, self.using), (org, BOOKMARKED, org, org))[0][0]
        params = (org, org, org, DISMISSED, org, org)
        in_sell, in_buy, dismissed_count = self._fetch(_sql(_COUNT, self.using), params)[0]
        return max(0, in_sell + in_buy - dismissed_count)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("OrganizationMatches takes slices only")
        start, stop = key.start or 0, key.stop
        if stop is None or start < 0:
            raise ValueError("OrganizationMatches takes a bounded slice")
        if stop <= start or not self._member:
            return []
        ids = list(dict.fromkeys(pk for _score, pk in self._fetch(*self.statement(start, stop))))
        rows = matches_by_id(ids, using=self.using)
        return [rows[pk] for pk in ids if pk in rows]

    def statement(self, start: int, stop: int) -> tuple[str, tuple]:
        """The SQL and parameters reading (score, id) of the rows ``start:stop`` (for a member)."""
        org = self.org_id
        if self.bookmarked:
            return _sql(_BOOKMARKED_PAGE, self.using), (org, BOOKMARKED, org, org, stop - start, start)
        side = (org, org, DISMISSED, stop)
        return _sql(_HEADS, self.using), (*side, *side, stop - start, start)


def organization_matches(user, organization, *, bookmarked: bool = False) -> OrganizationMatches:
    """The matches of all the leads of ``organization`` (empty unless ``user`` acts for it), best
    first, to page (:class:`OrganizationMatches`); only those it bookmarked on request."""
    return OrganizationMatches(user, getattr(organization, "pk", organization), bookmarked=bookmarked)


def matches_of_organization(user, organization, *, bookmarked: bool = False, limit: int = 20):
    """The best ``limit`` of :func:`organization_matches` as :class:`MatchView` rows."""
    org_id = getattr(organization, "pk", organization)
    return match_views(organization_matches(user, org_id, bookmarked=bookmarked)[:limit], org_id)


def match_for_member(user, match_id: int) -> tuple[Match, int]:
    """A match and the id of the organization ``user`` decides for: the side ``user`` acts for (their
    active organization when they belong to both); 404 for everybody else."""
    match = Match.objects.member_of(user).select_related("sell_lead", "buy_lead").filter(pk=match_id).first()
    if match is None:
        raise Http404
    org_at = {"sell_organization": match.sell_organization_id, "buy_organization": match.buy_organization_id}
    sides = [org_at[path] for path in parties_of(user, match)]
    acting = acting_organization_id(user)
    return match, acting if acting in sides else sides[0]
