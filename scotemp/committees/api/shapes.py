"""The shapes the committee API answers with, shared by its modules."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from ..choices import DocumentKind, DocumentVisibility, KpiMetric, NewsStatus, WorkItemStatus


class CommitteeKpiOut(Schema):
    metric: KpiMetric
    label: str
    tracked: bool = Field(description="False: the platform does not record this yet (no value, not a zero).")
    actual: Decimal | None
    target: Decimal | None
    percent: int | None = Field(description="The actual as a share of the target, in whole percent.")


class CommitteeKpisOut(Schema):
    year: int
    kpis: list[CommitteeKpiOut]
    deal_value_cny: Decimal | None
    unconverted_currencies: list[str]
    projects_by_stage: dict[str, int] = Field(
        default_factory=dict, description="The committee's published cooperation projects by stage today."
    )


class CommitteePlanItemOut(Schema):
    id: int
    title: str
    owner: str
    owner_organization: UUID | None
    due_date: datetime.date
    status: WorkItemStatus
    notes: str


class CommitteeNewsOut(Schema):
    public_id: UUID
    committee: str
    status: NewsStatus
    language: str
    title: str
    body: str
    title_en: str | None
    title_ru: str | None
    title_zh_hans: str | None
    published_at: datetime.datetime | None
    return_reason: str


class CommitteeDocumentOut(Schema):
    public_id: UUID
    title: str
    kind: DocumentKind
    visibility: DocumentVisibility
    content_type: str
    size: int
    created_at: datetime.datetime
    download: str


def kpis_out(report) -> CommitteeKpisOut:
    return CommitteeKpisOut(
        year=report.year,
        kpis=[
            CommitteeKpiOut(
                metric=row.metric,
                label=str(row.label),
                tracked=row.tracked,
                actual=row.actual,
                target=row.target,
                percent=row.percent,
            )
            for row in report.rows
        ],
        deal_value_cny=report.deal_value_cny,
        unconverted_currencies=list(report.unconverted),
        projects_by_stage={code: n for code, _label, n in report.projects_by_stage},
    )


def plan_out(item) -> CommitteePlanItemOut:
    return CommitteePlanItemOut(
        id=item.pk,
        title=item.title,
        owner=item.owner_name,
        owner_organization=item.owner_organization.public_id if item.owner_organization_id else None,
        due_date=item.due_date,
        status=item.status,
        notes=item.notes,
    )


def news_out(post) -> CommitteeNewsOut:
    return CommitteeNewsOut(
        public_id=post.public_id,
        committee=post.committee.slug,
        status=post.status,
        language=post.language,
        title=post.title or "",
        body=post.body or "",
        title_en=post.title_en,
        title_ru=post.title_ru,
        title_zh_hans=post.title_zh_hans,
        published_at=post.published_at,
        return_reason=post.return_reason,
    )


def document_out(doc, slug) -> CommitteeDocumentOut:
    return CommitteeDocumentOut(
        public_id=doc.public_id,
        title=doc.title,
        kind=doc.kind,
        visibility=doc.visibility,
        content_type=doc.content_type,
        size=doc.size,
        created_at=doc.created_at,
        download=reverse("committees:document", args=[slug, doc.public_id]),
    )
