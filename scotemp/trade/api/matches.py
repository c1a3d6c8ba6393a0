"""Matches API under /api/v1/: a lead's matches and an organization's decisions on them.

A match is the private business of its two parties (ADR 0010): ``GET /leads/{public_id}/matches`` is
for members of the lead's organization only (404 for everybody else, operators included), paged,
with explanations in the request's language; ``GET /matches`` is the same for all the leads of the
caller's organization (``?bookmarked=true`` for its bookmarks).
``POST /matches/{id}/bookmark|dismiss|unbookmark`` records the decision of the caller's
organization on its side of the match."""

from uuid import UUID

from django.http import Http404
from ninja import Query, Router, Schema

from scotemp.accounts.queries import active_organization_for
from scotemp.core.api import ERRORS, Page, PageParams, paginate

from .. import actions
from ..choices import LeadKind, MatchAction
from ..queries import text_in
from ..queries.matches import lead_matches, match_for_member, match_views, organization_matches, owned_lead

router = Router(tags=["matches"])


class MatchPartOut(Schema):
    code: str
    points: float
    params: dict


class MatchCounterpartOut(Schema):
    public_id: UUID
    kind: LeadKind
    title: str
    hs_code: str
    organization: str
    country: str
    verified: bool


class MatchOut(Schema):
    id: int
    score: float
    counterpart: MatchCounterpartOut
    explanation: str
    phrases: list[str]
    parts: list[MatchPartOut]
    decision: MatchAction | None


class MatchOwnLeadOut(Schema):
    public_id: UUID
    kind: LeadKind
    title: str


class OrganizationMatchOut(MatchOut):
    lead: MatchOwnLeadOut


class MatchDecisionOut(Schema):
    id: int
    decision: MatchAction | None


def _out(view) -> dict:
    other = view.counterpart
    return {
        "id": view.match.pk,
        "score": round(view.match.score, 2),
        "counterpart": {
            "public_id": other.public_id,
            "kind": other.kind,
            "title": text_in(other, "title")[0],
            "hs_code": other.hs_code_id,
            "organization": other.organization.name,
            "country": other.organization.country_id,
            "verified": bool(view.counterpart_verified),
        },
        "explanation": view.brief,
        "phrases": view.phrases,
        "parts": [
            {
                "code": p["code"],
                "points": round(p["points"], 3),
                "params": {k: v for k, v in p.items() if k not in ("code", "points")},
            }
            for p in view.match.parts
        ],
        "decision": view.decision,
    }


@router.get(
    "/leads/{public_id}/matches",
    response={200: Page[MatchOut], **ERRORS},
    summary="A lead's matches, best first (members of the lead's organization)",
)
def list_lead_matches(request, public_id: UUID, paging: Query[PageParams]):  # type: ignore[valid-type]
    lead = owned_lead(request.user, public_id)
    return paginate(
        request,
        lead_matches(request.user, lead),
        paging,
        transform=lambda rows: [_out(view) for view in match_views(rows, lead.organization_id)],
    )


def _organization_out(view) -> dict:
    own = view.own
    lead = {"public_id": own.public_id, "kind": own.kind, "title": text_in(own, "title")[0]}
    return {**_out(view), "lead": lead}


@router.get(
    "/matches",
    response={200: Page[OrganizationMatchOut], **ERRORS},
    summary="Your organization's matches across its leads, best first",
)
def list_organization_matches(request, paging: Query[PageParams], bookmarked: bool = False):  # type: ignore[valid-type]
    """The matches of every lead of the organization the caller acts for (the token's, or the
    signed-in user's active organization, as on the page; 404 without one), paged like every list;
    only the bookmarked ones with ``bookmarked=true``."""
    organization = active_organization_for(request.user)
    if organization is None:
        raise Http404
    organization_id = organization.pk
    return paginate(
        request,
        organization_matches(request.user, organization_id, bookmarked=bookmarked),
        paging,
        transform=lambda rows: [_organization_out(view) for view in match_views(rows, organization_id)],
    )


def _decide(request, match_id: int, action):
    match, organization_id = match_for_member(request.user, match_id)
    if action is None:
        actions.undo_decision(request.user, match, organization_id)
    else:
        actions.decide_match(request.user, match, organization_id, action)
    return {"id": match.pk, "decision": action}


@router.post(
    "/matches/{match_id}/bookmark", response={200: MatchDecisionOut, **ERRORS}, summary="Bookmark a match"
)
def bookmark(request, match_id: int):
    return _decide(request, match_id, MatchAction.BOOKMARKED.value)


@router.post(
    "/matches/{match_id}/dismiss", response={200: MatchDecisionOut, **ERRORS}, summary="Dismiss a match"
)
def dismiss(request, match_id: int):
    return _decide(request, match_id, MatchAction.DISMISSED.value)


@router.post(
    "/matches/{match_id}/unbookmark", response={200: MatchDecisionOut, **ERRORS}, summary="Remove a decision"
)
def unbookmark(request, match_id: int):
    return _decide(request, match_id, None)
