"""Committee API: the public list and detail, applying, and the secretary's decision.

The actions decide and this module answers what they decided: applying needs an owner or
administrator of the organization named in the body (404 otherwise, also for an API token of another
organization); deciding needs the committee's secretary or an operator (404 otherwise); a refused
input is 422 naming the field, an application that cannot change that way is 409."""

import datetime
from uuid import UUID

from ninja import Field, Router, Schema, Status

from scotemp.core.api import ERRORS, ErrorOut, public_auth, run
from scotemp.core.api.schema import OPTIONAL_AUTH, JsonObject

from .. import actions, queries
from ..choices import MOTIVATION_MAX, ApplicationDecision, CommitteeMembershipStatus
from ..queries import kpis as kpi_queries
from ..queries import workspace as ws
from .shapes import (
    CommitteeDocumentOut,
    CommitteeKpisOut,
    CommitteeNewsOut,
    CommitteePlanItemOut,
    document_out,
    kpis_out,
    news_out,
    plan_out,
)

router = Router(tags=["committees"])


class CommitteeChapterOut(Schema):
    code: str
    description: str


class CommitteeOut(Schema):
    slug: str
    name: str
    description: str
    hs_chapters: list[CommitteeChapterOut]
    hs_headings: list[CommitteeChapterOut]
    member_count: int
    secretary: str | None


class CommitteeMemberOut(Schema):
    public_id: UUID
    name: str
    name_latin: str
    country: str
    since: datetime.datetime | None


class CommitteeOfficerOut(Schema):
    name: str
    role: str
    role_label: str
    title: str


class CommitteeDetailOut(CommitteeOut):
    members: list[CommitteeMemberOut]
    charter: str
    activities: list[str]
    officers: list[CommitteeOfficerOut]
    work_plan: list[CommitteePlanItemOut] = Field(description="This year's plan.")
    kpis: CommitteeKpisOut = Field(description="This year's figures against the targets.")
    news: list[CommitteeNewsOut] = Field(description="The latest published posts.")
    documents: list[CommitteeDocumentOut] = Field(description="The public documents.")


class CommitteeApplicationIn(JsonObject):
    organization: UUID = Field(description="The applying organization (GET /organizations/mine lists yours).")
    motivation: str = Field("", max_length=MOTIVATION_MAX)


class CommitteeDecisionIn(JsonObject):
    decision: ApplicationDecision
    note: str = Field("", max_length=2000, description="Required to reject; the applicant reads it.")


class CommitteeApplicationOut(Schema):
    id: int
    committee: str
    organization: UUID
    status: CommitteeMembershipStatus
    motivation: str
    decided_at: datetime.datetime | None
    decision_note: str


def _committee_out(c) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "description": c.description,
        "hs_chapters": [
            CommitteeChapterOut(code=h.code, description=h.description) for h in c.hs_chapters.all()
        ],
        "hs_headings": [
            CommitteeChapterOut(code=h.code, description=h.description) for h in c.hs_headings.all()
        ],
        "member_count": c.member_count,
        "secretary": c.secretary.display_name if c.secretary else None,
    }


def _application_out(m) -> CommitteeApplicationOut:
    return CommitteeApplicationOut(
        id=m.pk,
        committee=m.committee.slug,
        organization=m.organization.public_id,
        status=m.status,
        motivation=m.motivation,
        decided_at=m.decided_at,
        decision_note=m.decision_note,
    )


@router.get(
    "",
    response={200: list[CommitteeOut]},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="The committees",
)
def committees(request):
    return [CommitteeOut(**_committee_out(c)) for c in queries.committee_list()]


@router.get(
    "/{slug}",
    response={200: CommitteeDetailOut, 404: ErrorOut},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="A committee",
)
def committee(request, slug: str):
    c = queries.committee_detail(slug)
    members = [
        CommitteeMemberOut(
            public_id=m.organization.public_id,
            name=m.organization.name,
            name_latin=m.organization.name_latin,
            country=m.organization.country_id,
            since=m.decided_at,
        )
        for m in queries.approved_members(c)
    ]
    report = kpi_queries.committee_kpis(c)
    return CommitteeDetailOut(
        **_committee_out(c),
        members=members,
        charter=c.charter,
        activities=c.activity_lines(),
        officers=[
            CommitteeOfficerOut(
                name=o.user.display_name, role=o.role, role_label=str(o.get_role_display()), title=o.title
            )
            for o in ws.officers(c)
        ],
        work_plan=[plan_out(item) for item in ws.work_plan(c)],
        kpis=kpis_out(report),
        news=[news_out(post) for post in ws.published_news(c)],
        documents=[
            document_out(doc, c.slug).dict() for doc in ws.documents(None, c, members_only_visible=False)
        ],
    )


@router.post(
    "/{slug}/applications",
    response={201: CommitteeApplicationOut, **ERRORS},
    summary="Apply to join a committee",
)
def apply(request, slug: str, payload: CommitteeApplicationIn):
    """Apply for ``organization``; its owners and administrators only. An organization whose
    application was rejected or withdrawn may apply again."""
    membership, refused = run(
        actions.apply_to_committee, request.user, slug, payload.organization, payload.motivation
    )
    return refused or Status(201, _application_out(membership))


@router.post(
    "/{slug}/applications/{application_id}/decision",
    response={200: CommitteeApplicationOut, **ERRORS},
    summary="Approve or reject an application (secretary or operator)",
)
def decide(request, slug: str, application_id: int, payload: CommitteeDecisionIn):
    membership, refused = run(
        actions.decide_application, request.user, slug, application_id, payload.decision, payload.note
    )
    return refused or _application_out(membership)
