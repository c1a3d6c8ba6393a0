"""Reads of matches for the pages and the API: a lead's matches, an organization's matches.

Only members of the organization owning a lead see its matches (``Lead.objects.editable_by(user,
role=MEMBER)``: the one permission mechanism; operators included); everybody else gets 404. Pairs
the viewer's organization dismissed are left out. Each function costs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from scotemp.core.permissions import MEMBER

from .choices import MatchAction
from .explain import explain
from .models import Lead, Match, MatchDecision


@dataclass
class MatchView:
    match: Match
    own: Lead
    counterpart: Lead
    counterpart_verified: bool
    decision: str | None
    phrases: list
    brief: str


def owned_lead(user, public_id) -> Lead:
    """The lead if ``user`` may see its matches (member of the owning organization), else 404."""
    if not user.is_authenticated:
        raise Http404
    lead = Lead.objects.editable_by(user, role=MEMBER).filter(public_id=public_id).first()
    if lead is None:
        raise Http404
    return lead


def _verified_subquery(prefix: str):
    from scotemp.directory.models import OrganizationProfile

    return Exists(
        OrganizationProfile.objects.filter(
            organization_id=OuterRef(f"{prefix}__organization_id"), verification_status="verified"
        )
    )


def _views(matches, org_id: int) -> list[MatchView]:
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
        verified = m.buy_verified if own_is_sell else m.sell_verified
        phrases = explain(m.parts, own.kind)
        from .explain import explain_text

        out.append(
            MatchView(m, own, other, verified, decisions.get((m.sell_lead_id, m.buy_lead_id)), phrases,
                      explain_text(m.parts, own.kind))
        )  # fmt: skip
    return out


def _base(org_id: int):
    dismissed = MatchDecision.objects.filter(
        organization_id=org_id,
        action=MatchAction.DISMISSED,
        sell_lead_id=OuterRef("sell_lead_id"),
        buy_lead_id=OuterRef("buy_lead_id"),
    )
    return (
        Match.objects.annotate(
            sell_verified=_verified_subquery("sell_lead"), buy_verified=_verified_subquery("buy_lead")
        )
        .exclude(Exists(dismissed))
        .select_related(
            "sell_lead__organization__country",
            "buy_lead__organization__country",
            "sell_lead__hs_code",
            "buy_lead__hs_code",
        )
        .order_by("-score", "pk")
    )


def matches_of_lead(lead: Lead, limit: int = 20) -> list[MatchView]:
    """The lead's matches, best first, without the pairs its organization dismissed."""
    qs = _base(lead.organization_id).filter(Q(sell_lead=lead) | Q(buy_lead=lead))[:limit]
    return _views(qs, lead.organization_id)


def matches_of_organization(organization, *, bookmarked: bool = False, limit: int = 200) -> list[MatchView]:
    """Matches of all the organization's leads, best first; only bookmarked ones on request."""
    qs = _base(organization.pk).filter(
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
    return _views(qs[:limit], organization.pk)


def match_for_member(user, match_id: int) -> tuple[Match, int]:
    """A match and the id of the user's organization on one side of it; 404 unless a member of one."""
    if not user.is_authenticated:
        raise Http404
    match = Match.objects.select_related("sell_lead", "buy_lead").filter(pk=match_id).first()
    if match is None:
        raise Http404
    for lead in (match.sell_lead, match.buy_lead):
        if Lead.objects.editable_by(user, role=MEMBER).filter(pk=lead.pk).exists():
            return match, lead.organization_id
    raise Http404
