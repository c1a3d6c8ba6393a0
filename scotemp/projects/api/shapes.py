"""The shapes of the projects API: the codes its fields take, the schemas it reads and answers
(their names are the OpenAPI component names), the functions that turn a project, a partner or a
milestone into those answers, and ``PUBLIC``, the options of the routes anyone may read."""

import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.conf import settings
from ninja import Field, Schema

from scotemp.core.api import public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH, JsonObject

from ..choices import MilestoneStatus, PartnerRole, ProjectField, ProjectStage

PUBLIC = {"auth": public_auth(), "openapi_extra": OPTIONAL_AUTH}

StageCode = Literal[tuple(ProjectStage.values)]  # type: ignore[valid-type]
FieldCode = Literal[tuple(ProjectField.values)]  # type: ignore[valid-type]
RoleCode = Literal[tuple(PartnerRole.values)]  # type: ignore[valid-type]
MilestoneCode = Literal[tuple(MilestoneStatus.values)]  # type: ignore[valid-type]
LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


class ProjectPartnerOut(Schema):
    id: UUID
    organization: UUID
    organization_name: str
    country: str
    role: str
    status: str
    message: str | None = Field(None, description="Shown to the project's owner only")


class ProjectMilestoneOut(Schema):
    id: int
    title: str
    language: str
    due_on: datetime.date | None = None
    done_on: datetime.date | None = None
    status: str
    position: int


class ProjectOut(Schema):
    public_id: UUID
    title: str
    summary: str
    field: str
    field_label: str
    stage: str
    stage_label: str
    committee: str | None = Field(None, description="Committee slug")
    owner: UUID
    owner_name: str
    countries: list[str] = Field(description="ISO codes of the owner's and the accepted partners' countries")
    value: Decimal | None = None
    currency: str | None = None
    signed_on: datetime.date | None = None
    signed_at: UUID | None = Field(None, description="Public id of the event where it was signed")
    published: bool
    updated_at: datetime.datetime
    url: str


class ProjectDetailOut(ProjectOut):
    partners: list[ProjectPartnerOut]
    milestones: list[ProjectMilestoneOut]
    stopped_reason: str


class ProjectIn(JsonObject):
    title_en: str = Field("", max_length=200)
    title_ru: str = Field("", max_length=200)
    title_zh_hans: str = Field("", max_length=200)
    summary_en: str = Field("", max_length=5000)
    summary_ru: str = Field("", max_length=5000)
    summary_zh_hans: str = Field("", max_length=5000)
    field: FieldCode  # type: ignore[valid-type]
    committee: str | None = Field(None, max_length=50, description="Committee slug")
    value: Decimal | None = None
    currency: str | None = Field(None, max_length=60, description="ISO 4217 code")
    owner: UUID | None = Field(None, description="Organization; default: the one you act for")


class ProjectPatch(JsonObject):
    title_en: str | None = Field(None, max_length=200)
    title_ru: str | None = Field(None, max_length=200)
    title_zh_hans: str | None = Field(None, max_length=200)
    summary_en: str | None = Field(None, max_length=5000)
    summary_ru: str | None = Field(None, max_length=5000)
    summary_zh_hans: str | None = Field(None, max_length=5000)
    field: FieldCode | None = None  # type: ignore[valid-type]
    committee: str | None = Field(None, max_length=50)
    value: Decimal | None = None
    currency: str | None = Field(None, max_length=60)


class ProjectStageIn(JsonObject):
    stage: StageCode  # type: ignore[valid-type]
    reason: str = Field("", max_length=2000)
    signed_on: datetime.date | None = None
    signed_at: UUID | None = Field(None, description="Public id of a published event")


class ProjectPublishIn(JsonObject):
    looking_for_partners: bool = True


class ProjectInterestIn(JsonObject):
    message: str = Field("", max_length=2000)
    role: RoleCode = PartnerRole.PARTNER  # type: ignore[valid-type]


class ProjectDecisionIn(JsonObject):
    decision: Literal["accept", "decline"]
    role: RoleCode | None = None  # type: ignore[valid-type]


class ProjectMilestoneIn(JsonObject):
    title: str = Field(..., max_length=200)
    language: LanguageCode  # type: ignore[valid-type]
    due_on: datetime.date | None = None


class ProjectMilestoneStatusIn(JsonObject):
    status: MilestoneCode  # type: ignore[valid-type]
    done_on: datetime.date | None = None


class ProjectTotalOut(Schema):
    count: int
    value_usd: Decimal
    value_cny: Decimal
    valued: int = Field(description="Projects whose value is in the totals")
    without_value: int = Field(description="Projects with no value stated (not counted as zero)")
    without_rate: int = Field(description="Projects whose currency had no rate on the day of signing")
    demo_rates: bool


class ProjectShowcaseRowOut(Schema):
    key: str
    label: str
    total: ProjectTotalOut


class ProjectShowcaseOut(Schema):
    total: ProjectTotalOut
    by_stage: list[ProjectShowcaseRowOut]
    by_country: list[ProjectShowcaseRowOut]
    by_committee: list[ProjectShowcaseRowOut]
    by_field: list[ProjectShowcaseRowOut]
    by_quarter: list[ProjectShowcaseRowOut]


def project_out(request, project, countries=None) -> dict:
    return {
        "public_id": project.public_id,
        "title": project.title,
        "summary": project.summary,
        "field": project.field,
        "field_label": str(project.get_field_display()),
        "stage": project.stage,
        "stage_label": str(project.get_stage_display()),
        "committee": project.committee.slug if project.committee_id else None,
        "owner": project.owner.public_id,
        "owner_name": project.owner.name,
        "countries": countries if countries is not None else project.countries(),
        "value": project.value,
        "currency": project.currency_id,
        "signed_on": project.signed_on,
        "signed_at": project.signed_at.public_id if project.signed_at_id else None,
        "published": project.published,
        "updated_at": project.updated_at,
        "url": request.build_absolute_uri(project.get_absolute_url()),
    }


def milestone_out(m) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "language": m.language,
        "due_on": m.due_on,
        "done_on": m.done_on,
        "status": m.status,
        "position": m.position,
    }


def partner_out(p, *, message: bool) -> dict:
    return {
        "id": p.public_id,
        "organization": p.organization.public_id,
        "organization_name": p.organization.name,
        "country": p.organization.country_id,
        "role": p.role,
        "status": p.status,
        "message": p.message if message else None,
    }
