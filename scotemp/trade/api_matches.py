"""Matches API under /api/v1/: a lead's matches and an organization's decisions on them.

``GET /leads/{public_id}/matches`` is for members of the lead's organization (404 for everybody
else, as on the lead page); explanations come in the request's language. ``POST
/matches/{id}/bookmark|dismiss|unbookmark`` records the decision of the caller's organization on
that side of the match."""

from uuid import UUID

from ninja import Router, Schema

from scotemp.core.api.errors import ErrorOut

from . import actions_matches
from .choices import MatchAction
from .queries import text_in
from .queries_matches import match_for_member, matches_of_lead, owned_lead

router = Router(tags=["matches"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PartOut(Schema):
    code: str
    points: float
    params: dict


class CounterpartOut(Schema):
    public_id: UUID
    kind: str
    title: str
    hs_code: str
    organization: str
    country: str
    verified: bool


class MatchOut(Schema):
    id: int
    score: float
    counterpart: CounterpartOut
    explanation: str
    phrases: list[str]
    parts: list[PartOut]
    decision: str | None


class DecisionOut(Schema):
    id: int
    decision: str | None


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
    "/leads/{public_id}/matches", response={200: list[MatchOut], **ERRORS}, summary="A lead's matches"
)
def lead_matches(request, public_id: UUID):
    lead = owned_lead(request.user, public_id)
    return [_out(v) for v in matches_of_lead(lead)]


def _decide(request, match_id: int, action):
    match, organization_id = match_for_member(request.user, match_id)
    if action is None:
        actions_matches.undo_decision(request.user, match, organization_id)
    else:
        actions_matches.decide_match(request.user, match, organization_id, action)
    return {"id": match.pk, "decision": action}


@router.post(
    "/matches/{match_id}/bookmark", response={200: DecisionOut, **ERRORS}, summary="Bookmark a match"
)
def bookmark(request, match_id: int):
    return _decide(request, match_id, MatchAction.BOOKMARKED.value)


@router.post("/matches/{match_id}/dismiss", response={200: DecisionOut, **ERRORS}, summary="Dismiss a match")
def dismiss(request, match_id: int):
    return _decide(request, match_id, MatchAction.DISMISSED.value)


@router.post(
    "/matches/{match_id}/unbookmark", response={200: DecisionOut, **ERRORS}, summary="Remove a decision"
)
def unbookmark(request, match_id: int):
    return _decide(request, match_id, None)
