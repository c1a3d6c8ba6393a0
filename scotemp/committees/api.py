"""Committee API: the public list and detail, applying, and the secretary's decision."""

import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from scotemp.core.api.auth import public_auth
from scotemp.core.api.errors import ErrorOut

from . import actions, queries

router = Router(tags=["committees"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ChapterOut(Schema):
    code: str
    description: str


class CommitteeOut(Schema):
    slug: str
    name: str
    description: str
    hs_chapters: list[ChapterOut]
    member_count: int
    secretary: str | None


class MemberOrganizationOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    since: datetime.datetime | None


class CommitteeDetailOut(CommitteeOut):
    members: list[MemberOrganizationOut]


class ApplicationIn(Schema):
    organization: UUID | None = None
    motivation: str = ""


class DecisionIn(Schema):
    decision: str
    note: str = ""


class ApplicationOut(Schema):
    id: int
    committee: str
    organization: UUID
    status: str
    motivation: str
    decided_at: datetime.datetime | None
    decision_note: str


def _committee_out(c) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "description": c.description,
        "hs_chapters": [ChapterOut(code=h.code, description=h.description) for h in c.hs_chapters.all()],
        "member_count": c.member_count,
        "secretary": c.secretary.display_name if c.secretary else None,
    }


def _application_out(m) -> ApplicationOut:
    return ApplicationOut(
        id=m.pk,
        committee=m.committee.slug,
        organization=m.organization.public_id,
        status=m.status,
        motivation=m.motivation,
        decided_at=m.decided_at,
        decision_note=m.decision_note,
    )


@router.get("", response={200: list[CommitteeOut], **ERRORS}, auth=public_auth(), summary="The committees")
def committees(request):
    return [CommitteeOut(**_committee_out(c)) for c in queries.committee_list()]


@router.get(
    "/{slug}", response={200: CommitteeDetailOut, **ERRORS}, auth=public_auth(), summary="A committee"
)
def committee(request, slug: str):
    c = queries.committee_detail(slug)
    members = [
        MemberOrganizationOut(
            public_id=m.organization.public_id,
            name=m.organization.name,
            name_latin=m.organization.name_latin,
            country=m.organization.country_id,
            since=m.decided_at,
        )
        for m in queries.approved_members(c)
    ]
    return CommitteeDetailOut(**_committee_out(c), members=members)


@router.post(
    "/{slug}/applications", response={201: ApplicationOut, **ERRORS}, summary="Apply to join a committee"
)
def apply(request, slug: str, payload: ApplicationIn):
    """Apply for ``organization`` (default: the token's or the active organization). Owners and
    administrators only."""
    public_id = payload.organization
    if public_id is None:
        active = getattr(request, "active_organization", None)
        if active is None:
            raise ValidationError({"organization": [_("Say which organization applies.")]})
        public_id = active.public_id
    membership = actions.apply_to_committee(request.user, slug, public_id, payload.motivation)
    return Status(201, _application_out(membership))


@router.post(
    "/{slug}/applications/{application_id}/decision",
    response={200: ApplicationOut, **ERRORS},
    summary="Approve or reject an application (secretary or operator)",
)
def decide(request, slug: str, application_id: int, payload: DecisionIn):
    membership = actions.decide_application(
        request.user, slug, application_id, payload.decision, payload.note
    )
    return _application_out(membership)
