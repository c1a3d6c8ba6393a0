"""Committee workspace API: KPIs against targets, the work plan, news and documents; the secretary's
writes (plan, targets, news drafts and their submission) and the operator's review of news.

Reads are public (members-only documents are listed to those who may read them). Writes follow ADR
0012: the committee's secretary or an operator, 404 for everybody else; the secretary who may see a
submitted post but not publish it gets 403; a refused input is 422 naming the field; a post that
cannot change that way is 409."""

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Status

from scotemp.core.api import ERRORS, ErrorOut, public_auth, run
from scotemp.core.api.schema import OPTIONAL_AUTH, JsonObject

from .. import actions, queries
from ..choices import (
    REASON_MAX,
    KpiMetric,
    WorkItemStatus,
)
from ..queries import kpis as kpi_queries
from ..queries import workspace as ws
from .committees import router
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


class CommitteePlanItemIn(JsonObject):
    title: str = Field(..., min_length=1, max_length=300)
    due_date: datetime.date
    status: WorkItemStatus = WorkItemStatus.PLANNED
    owner_organization: UUID | None = Field(None, description="A member organization of the committee.")
    owner_email: str | None = Field(None, max_length=254, description="Or a person with an account.")
    notes: str = Field("", max_length=4000)


class CommitteeTargetsIn(JsonObject):
    year: int = Field(..., ge=2000, le=2100)
    targets: dict[KpiMetric, Decimal | None] = Field(
        description="A target per indicator; null removes it.", examples=[{"members": "40", "deals": "12"}]
    )


class CommitteeNewsIn(JsonObject):
    language: str = Field("en", pattern="^(en|ru|zh-hans)$")
    title_en: str = Field("", max_length=200)
    body_en: str = Field("", max_length=20000)
    title_ru: str = Field("", max_length=200)
    body_ru: str = Field("", max_length=20000)
    title_zh_hans: str = Field("", max_length=200)
    body_zh_hans: str = Field("", max_length=20000)


class CommitteeNewsReturnIn(JsonObject):
    reason: str = Field(..., max_length=REASON_MAX)


PUBLIC = {"auth": public_auth(), "openapi_extra": OPTIONAL_AUTH}


@router.get(
    "/{slug}/kpis",
    response={200: CommitteeKpisOut, 404: ErrorOut, 422: ErrorOut},
    summary="A committee's KPIs",
    **PUBLIC,
)
def kpis(request, slug: str, year: int | None = None):
    """Actual figures of ``year`` (this year by default) computed from the platform's data, against the
    secretary's targets. Cooperation projects: those whose agreement was signed that year."""
    committee = queries.committee_detail(slug)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return kpis_out(kpi_queries.committee_kpis(committee, year))


@router.get(
    "/{slug}/plan",
    response={200: list[CommitteePlanItemOut], 404: ErrorOut, 422: ErrorOut},
    summary="A committee's work plan",
    **PUBLIC,
)
def plan(request, slug: str, year: int | None = None):
    committee = queries.committee_detail(slug)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return [plan_out(item) for item in ws.work_plan(committee, year)]


@router.post(
    "/{slug}/plan",
    response={201: CommitteePlanItemOut, **ERRORS},
    summary="Add a task to the work plan (secretary)",
)
def plan_add(request, slug: str, payload: CommitteePlanItemIn):
    item, refused = run(actions.save_plan_item, request.user, slug, payload.dict())
    return refused or Status(201, plan_out(item))


@router.put(
    "/{slug}/plan/{item_id}",
    response={200: CommitteePlanItemOut, **ERRORS},
    summary="Change a task of the work plan (secretary)",
)
def plan_change(request, slug: str, item_id: int, payload: CommitteePlanItemIn):
    item, refused = run(actions.save_plan_item, request.user, slug, payload.dict(), item_id=item_id)
    return refused or plan_out(item)


@router.put(
    "/{slug}/targets",
    response={200: CommitteeKpisOut, **ERRORS},
    summary="Set a year's KPI targets (secretary)",
)
def targets(request, slug: str, payload: CommitteeTargetsIn):
    targets = {str(getattr(k, "value", k)): v for k, v in payload.targets.items()}
    _result, refused = run(actions.set_kpi_targets, request.user, slug, payload.year, targets)
    if refused:
        return refused
    committee = queries.committee_detail(slug)
    return kpis_out(kpi_queries.compute_kpis(committee, payload.year))


@router.get(
    "/{slug}/news",
    response={200: list[CommitteeNewsOut], 404: ErrorOut},
    summary="A committee's published news",
    **PUBLIC,
)
def news(request, slug: str):
    committee = queries.committee_detail(slug)
    return [news_out(post) for post in ws.published_news(committee, limit=50)]


@router.get(
    "/{slug}/news/{public_id}",
    response={200: CommitteeNewsOut, 404: ErrorOut, 422: ErrorOut},
    summary="A news post",
    **PUBLIC,
)
def news_post(request, slug: str, public_id: UUID):
    """A published post; a draft or a post under review for the committee's secretary and operators only."""
    return news_out(ws.news_post(request.user, slug, public_id))


@router.post(
    "/{slug}/news", response={201: CommitteeNewsOut, **ERRORS}, summary="Write a news draft (secretary)"
)
def news_create(request, slug: str, payload: CommitteeNewsIn):
    post, refused = run(actions.create_post, request.user, slug, payload.dict())
    return refused or Status(201, news_out(post))


@router.post(
    "/{slug}/news/{public_id}/submit",
    response={200: CommitteeNewsOut, **ERRORS},
    summary="Submit a draft for review (secretary)",
)
def news_submit(request, slug: str, public_id: UUID):
    post, refused = run(actions.submit_post, request.user, slug, public_id)
    return refused or news_out(post)


@router.post(
    "/{slug}/news/{public_id}/publish",
    response={200: CommitteeNewsOut, **ERRORS},
    summary="Publish a submitted post (operator)",
)
def news_publish(request, slug: str, public_id: UUID):
    post, refused = run(actions.publish_post, request.user, slug, public_id)
    return refused or news_out(post)


@router.post(
    "/{slug}/news/{public_id}/return",
    response={200: CommitteeNewsOut, **ERRORS},
    summary="Send a submitted post back (operator)",
)
def news_return(request, slug: str, public_id: UUID, payload: CommitteeNewsReturnIn):
    post, refused = run(actions.return_post, request.user, slug, public_id, payload.reason)
    return refused or news_out(post)


@router.get(
    "/{slug}/documents",
    response={200: list[CommitteeDocumentOut], 404: ErrorOut},
    summary="A committee's documents",
    **PUBLIC,
)
def documents(request, slug: str):
    """Public documents, and the members-only ones for the committee's members, officers and operators."""
    committee = queries.committee_detail(slug)
    return [document_out(doc, slug) for doc in ws.documents(request.user, committee)]
