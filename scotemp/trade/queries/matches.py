"""Reads of matches for the pages and the API: a lead's matches, an organization's matches, one match
for a decision.

A match is the private business of its two parties (ADR 0010): only members of either side's
organization see it, through ``Match.objects.member_of`` / ``Lead.objects.member_of`` (no operator
bypass; a token sees its own organization's side only); everybody else gets 404. Pairs the viewer's
organization dismissed are left out. Each function costs a fixed number of queries, and a page of
an organization's matches reads one index range per side, whatever the size of the match table."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404

from scotemp.core.permissions import acting_organization_id, parties_of
from scotemp.directory.models import OrganizationProfile

from ..choices import LeadKind, MatchAction
from ..matching.explain import explain, explain_text
from ..models import Lead, Match, MatchDecision
from ..search.engine import CARD_UNREAD
from .light import light_matches


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


def _verified_subquery(side: str):
    return Exists(
        OrganizationProfile.objects.filter(
            organization_id=OuterRef(f"{side}_organization_id"), verification_status="verified"
        )
    )


def match_views(matches, org_id: int) -> list[MatchView]:
    """The matches (rows of :func:`lead_matches` / :func:`organization_matches`) as seen from the
    side of ``org_id``: its own lead, the counterpart, its decision and the explanation."""
    matches = list(matches)
    decisions = {
        (d.sell_lead_id, d.buy_lead_id): d.action
        for d in MatchDecision.objects.filter(
            organization_id=org_id,
            sell_lead_id__in=[m.sell_lead_id for m in matches],
            buy_lead_id__in=[m.buy_lead_id for m in matches],
        )
    }
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
                phrases=explain(m.parts, own.kind),
                brief=explain_text(m.parts, own.kind),
            )
        )
    return out


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
    return queryset.annotate(sell_verified=_verified_subquery("sell"), buy_verified=_verified_subquery("buy"))


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


class OrganizationMatches:
    """The matches of all the leads of one organization, best first (score descending, then id),
    without the pairs it dismissed; only those it bookmarked on request. Empty unless ``user`` acts
    for the organization (``Match.objects.on_side``: ADR 0010, no operator bypass).

    A sequence to page, as a queryset is (``count()`` and slices), so the page's ``Paginator`` and
    the API's ``paginate`` take it as they are. Each side of the organization is one range of its
    (organization, -score, id) index: a slice reads the first ``stop`` entries of each range (one
    ``UNION ALL`` of two ordered LIMIT queries), then loads just the slice's rows; a dismissed pair
    costs one index lookup on the rows read. The bookmarked list starts from the organization's
    bookmarks instead (few, whatever the number of matches). A slice costs 2 queries (3 for the
    bookmarked list); ``count()`` one, counting each range from the index alone and subtracting the
    dismissed pairs."""

    def __init__(self, user, organization_id: int, *, bookmarked: bool = False):
        self.user, self.org_id, self.bookmarked = user, organization_id, bookmarked
        self._sides: dict = {}

    def _side(self, side: str):
        if side not in self._sides:
            self._sides[side] = self._build_side(side)
        return self._sides[side]

    def _build_side(self, side: str):
        rows = self._all_of_side(side)
        if self.bookmarked:
            return rows.filter(pk__in=self._bookmarked_ids())
        return rows.exclude(_decided(self.org_id, MatchAction.DISMISSED))

    def _all_of_side(self, side: str):
        """The organization's matches on ``side``, dismissed ones included."""
        # Never both sides: the scorer does not match two leads of one organization.
        org = {f"{side}_organization_id": self.org_id}
        return Match.objects.on_side(self.user, f"{side}_organization").filter(**org)

    def _bookmarked_ids(self) -> list[int]:
        if not hasattr(self, "_bookmarks"):
            same_pair = Match.objects.filter(
                sell_lead_id=OuterRef("sell_lead_id"), buy_lead_id=OuterRef("buy_lead_id")
            ).values("pk")[:1]
            self._bookmarks = [
                pk
                for pk in MatchDecision.objects.filter(
                    organization_id=self.org_id, action=MatchAction.BOOKMARKED
                )
                .annotate(match_pk=Subquery(same_pair))
                .values_list("match_pk", flat=True)
                if pk is not None
            ]
        return self._bookmarks

    def count(self) -> int:
        if self.bookmarked:
            sides = [self._side(side).order_by().values("pk") for side in ("sell", "buy")]
            return sides[0].union(sides[1], all=True).count()
        # All the rows of both ranges (read from the index alone), less the dismissed pairs among
        # them, found from the organization's few dismissals through the pair index (a decision is
        # taken by a side of its match): no lookup per row of a large range.
        sell, buy = (self._all_of_side(side).order_by().values("pk") for side in ("sell", "buy"))
        of_org = Q(sell_organization_id=self.org_id) | Q(buy_organization_id=self.org_id)
        same_pair = Match.objects.filter(
            of_org, sell_lead_id=OuterRef("sell_lead_id"), buy_lead_id=OuterRef("buy_lead_id")
        )
        dismissed = (
            MatchDecision.objects.filter(organization_id=self.org_id, action=MatchAction.DISMISSED)
            .filter(Exists(same_pair))
            .order_by()
            .values("pk")
        )
        parts = [part.query.get_compiler(using=part.db).as_sql() for part in (sell, buy, dismissed)]
        counts = ", ".join(f"(SELECT COUNT(*) FROM ({sql}) counted)" for sql, _params in parts)
        with connections[sell.db].cursor() as cursor:
            cursor.execute(f"SELECT {counts}", [p for _sql, part_params in parts for p in part_params])
            in_sell, in_buy, dismissed_count = cursor.fetchone()
        # Nothing for a non-member (both ranges empty), whatever the organization dismissed.
        return max(0, in_sell + in_buy - dismissed_count) if in_sell + in_buy else 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("OrganizationMatches takes slices only")
        start, stop = key.start or 0, key.stop
        if stop is None or start < 0:
            raise ValueError("OrganizationMatches takes a bounded slice")
        if stop <= start:
            return []
        heads = [
            self._side(side).order_by("-score", "pk").values_list("score", "pk")[:stop]
            for side in ("sell", "buy")
        ]
        # Spelled out: Django's union() cannot keep each part's ORDER BY and LIMIT on SQLite.
        (sell_sql, sell_params), (buy_sql, buy_params) = (
            head.query.get_compiler(using=head.db).as_sql() for head in heads
        )
        with connections[heads[0].db].cursor() as cursor:
            cursor.execute(
                f"SELECT * FROM ({sell_sql}) sell_side UNION ALL "
                f"SELECT * FROM ({buy_sql}) buy_side ORDER BY 1 DESC, 2 LIMIT %s OFFSET %s",
                (*sell_params, *buy_params, stop - start, start),
            )
            ids = list(dict.fromkeys(pk for _score, pk in cursor.fetchall()))
        if not ids:
            return []
        rows = light_matches(_verified(Match.objects.member_of(self.user).filter(pk__in=ids)))
        return [rows[pk] for pk in ids if pk in rows]


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
