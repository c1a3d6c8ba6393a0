"""Reads of matches for the pages and the API: a lead's matches, an organization's matches, one match
for a decision.

A match is the private business of its two parties (ADR 0010): only members of either side's
organization see it, through ``Match.objects.member_of`` / ``Lead.objects.member_of`` (no operator
bypass; a token sees its own organization's side only); everybody else gets 404. Pairs the viewer's
organization dismissed are left out. Each function costs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from scotemp.core.permissions import acting_organization_id, parties_of
from scotemp.directory.models import OrganizationProfile

from ..choices import MatchAction
from ..matching.explain import explain, explain_text
from ..models import Lead, Match, MatchDecision


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


def _verified_subquery(prefix: str):
    return Exists(
        OrganizationProfile.objects.filter(
            organization_id=OuterRef(f"{prefix}__organization_id"), verification_status="verified"
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
        own_is_sell = m.sell_lead.organization_id == org_id
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


def _base(user, org_id: int):
    """The matches ``user`` sees, without the pairs ``org_id`` dismissed, best first."""
    dismissed = MatchDecision.objects.filter(
        organization_id=org_id,
        action=MatchAction.DISMISSED,
        sell_lead_id=OuterRef("sell_lead_id"),
        buy_lead_id=OuterRef("buy_lead_id"),
    )
    return (
        Match.objects.member_of(user)
        .annotate(sell_verified=_verified_subquery("sell_lead"), buy_verified=_verified_subquery("buy_lead"))
        .exclude(Exists(dismissed))
        .select_related(
            "sell_lead__organization__country",
            "buy_lead__organization__country",
            "sell_lead__hs_code",
            "buy_lead__hs_code",
        )
        .order_by("-score", "pk")
    )


def lead_matches(user, lead: Lead):
    """The matches of ``lead`` (a lead of an organization ``user`` acts for), best first, without the
    pairs its organization dismissed: a queryset, to page; :func:`match_views` shapes the rows."""
    return _base(user, lead.organization_id).filter(Q(sell_lead=lead) | Q(buy_lead=lead))


def matches_of_lead(user, lead: Lead, limit: int = 20) -> list[MatchView]:
    """The best ``limit`` matches of ``lead`` as :class:`MatchView` rows (empty for non-members)."""
    return match_views(lead_matches(user, lead)[:limit], lead.organization_id)


def organization_matches(user, organization, *, bookmarked: bool = False):
    """The matches of all the leads of ``organization`` (empty unless ``user`` acts for it), best
    first; only those it bookmarked on request."""
    qs = _base(user, organization.pk).filter(
        Q(sell_lead__organization=organization) | Q(buy_lead__organization=organization)
    )
    if bookmarked:
        qs = qs.filter(
            Exists(
                MatchDecision.objects.filter(
                    organization=organization,
                    action=MatchAction.BOOKMARKED,
                    sell_lead_id=OuterRef("sell_lead_id"),
                    buy_lead_id=OuterRef("buy_lead_id"),
                )
            )
        )
    return qs


def matches_of_organization(user, organization, *, bookmarked: bool = False, limit: int = 200):
    """:func:`organization_matches` as :class:`MatchView` rows, at most ``limit``."""
    return match_views(
        organization_matches(user, organization, bookmarked=bookmarked)[:limit], organization.pk
    )


def match_for_member(user, match_id: int) -> tuple[Match, int]:
    """A match and the id of the organization ``user`` decides for: the side ``user`` acts for (their
    active organization when they belong to both); 404 for everybody else."""
    match = Match.objects.member_of(user).select_related("sell_lead", "buy_lead").filter(pk=match_id).first()
    if match is None:
        raise Http404
    org_at = {
        "sell_lead__organization": match.sell_lead.organization_id,
        "buy_lead__organization": match.buy_lead.organization_id,
    }
    sides = [org_at[path] for path in parties_of(user, match)]
    acting = acting_organization_id(user)
    return match, acting if acting in sides else sides[0]
