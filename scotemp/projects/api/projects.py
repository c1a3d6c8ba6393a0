"""Projects under /api/v1/projects: the list (paged; by stage, field, country, committee, text), the
showcase totals, one project with its partners and milestones; for signed-in organizations: create,
change, publish, change the stage, express interest, accept or decline partners, withdraw, and
milestones. Same rules as every app (ADR 0012): rows through ``visible_to``, 404 for what the caller
may not see, 422 naming the field, an ``Idempotency-Key`` on every POST."""

import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.conf import settings
from ninja import Field, Query, Router, Schema, Status

from scotemp.accounts.queries import active_organization_for
from scotemp.committees.models import Committee
from scotemp.core.api import (
    ERRORS,
    PUBLIC_ERRORS,
    Page,
    PageParams,
    form_data,
    invalid,
    paginate,
    public_auth,
    run,
)
from scotemp.core.api.schema import OPTIONAL_AUTH, JsonObject
from scotemp.events.choices import EventStatus
from scotemp.events.models import Event

from .. import actions
from ..choices import MilestoneStatus, PartnerRole, ProjectField, ProjectStage
from ..forms import ProjectForm
from ..queries import projects as queries
from ..queries import showcase as showcase_queries

router = Router(tags=["projects"])
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


def _many(request):
    def transform(rows):
        rows = queries.with_partners(rows)
        return [project_out(request, p, p.country_codes) for p in rows]

    return transform


def _detail(request, project) -> dict:
    viewer = queries.viewer_of(request.user, project, _acting_id(request))
    owner_side = viewer.manages or viewer.is_owner_member
    partners = queries.partners_for_viewer(project, viewer)
    return {
        **project_out(request, project),
        "partners": [
            {
                "id": p.public_id,
                "organization": p.organization.public_id,
                "organization_name": p.organization.name,
                "country": p.organization.country_id,
                "role": p.role,
                "status": p.status,
                "message": p.message if owner_side else None,
            }
            for p in partners
        ],
        "milestones": [milestone_out(m) for m in queries.milestones_of(project)],
        "stopped_reason": project.stopped_reason,
    }


def _acting(request):
    user = request.user
    return active_organization_for(user) if user.is_authenticated else None


def _acting_id(request):
    org = _acting(request)
    return org.pk if org else None


def _total(t) -> dict:
    return {
        "count": t.count,
        "value_usd": t.usd,
        "value_cny": t.cny,
        "valued": t.valued,
        "without_value": t.unpriced,
        "without_rate": t.unconverted,
        "demo_rates": t.demo_rates,
    }


def _rows(rows) -> list[dict]:
    return [{"key": r.key, "label": r.label, "total": _total(r.total)} for r in rows]


@router.get("", response={200: Page[ProjectOut], **PUBLIC_ERRORS}, summary="Cooperation projects", **PUBLIC)
def list_projects(
    request,
    params: Query[PageParams],
    stage: StageCode | None = None,  # type: ignore[valid-type]
    field: FieldCode | None = None,  # type: ignore[valid-type]
    country: str = Query("", max_length=2, description="ISO alpha-2 of the owner or an accepted partner"),
    committee: str = Query("", max_length=50, description="Committee slug"),
    q: str = Query("", max_length=100, description="Words of the title or summary"),
):
    qs = queries.project_list(
        request.user, stage=stage or "", field=field or "", country=country, committee=committee, text=q
    )
    return paginate(request, qs, params, transform=_many(request))


@router.get(
    "/showcase",
    response={200: ProjectShowcaseOut, **PUBLIC_ERRORS},
    summary="Signed and running projects: totals by country, committee, field and quarter",
    **PUBLIC,
)
def showcase(
    request,
    committee: str = Query("", max_length=50),
    country: str = Query("", max_length=2),
    field: FieldCode | None = None,  # type: ignore[valid-type]
):
    report = showcase_queries.showcase(committee=committee, country=country, field_code=field or "")
    return {
        "total": _total(report.total),
        "by_stage": _rows(report.by_stage),
        "by_country": _rows(report.by_country),
        "by_committee": _rows(report.by_committee),
        "by_field": _rows(report.by_field),
        "by_quarter": _rows(report.by_quarter),
    }


def _form_values(payload: dict, base: dict | None = None):
    """The payload read through the page's form (currency by code or name, committee by slug):
    ``(values, None)`` or ``(None, 422)``."""
    data = dict(base or {})
    data.update(payload)
    slug = data.get("committee")
    if slug:
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            form = ProjectForm(data={})
            form.errors.clear()
            form.add_error("committee", ProjectForm.base_fields["committee"].error_messages["invalid_choice"])
            return None, invalid(form)
        data["committee"] = committee.pk
    form = ProjectForm(data=form_data(data))
    if not form.is_valid():
        return None, invalid(form)
    values = {k: v for k, v in form.cleaned_data.items() if k in data}
    return values, None


@router.post("", response={201: ProjectDetailOut, **ERRORS}, summary="Create a project (a draft)")
def create_project(request, payload: ProjectIn):
    body = payload.dict()
    owner_id = body.pop("owner", None)
    if owner_id is not None:
        from scotemp.accounts.models import Organization

        owner = Organization.objects.of_member(request.user).filter(public_id=owner_id).first()
    else:
        owner = _acting(request)
    values, refused = _form_values(body)
    if refused:
        return refused
    project, refused = run(actions.create_project, request.user, owner, values)
    return refused or Status(
        201, _detail(request, queries.project_for_viewer(request.user, project.public_id))
    )


@router.get("/{public_id}", response={200: ProjectDetailOut, **PUBLIC_ERRORS}, summary="A project", **PUBLIC)
def project_detail(request, public_id: UUID):
    return _detail(request, queries.project_for_viewer(request.user, public_id))


@router.patch("/{public_id}", response={200: ProjectDetailOut, **ERRORS}, summary="Change a project (owner)")
def patch_project(request, public_id: UUID, payload: ProjectPatch):
    project = queries.project_for_viewer(request.user, public_id)
    base = ProjectForm.initial_of(project)
    base["committee"] = project.committee.slug if project.committee_id else None
    changes = payload.dict(exclude_unset=True)
    values, refused = _form_values(changes, base)
    if refused:
        return refused
    values = {k: v for k, v in values.items() if k in changes}
    _project, refused = run(actions.update_project, request.user, public_id, values)
    return refused or _detail(request, queries.project_for_viewer(request.user, public_id))


@router.post("/{public_id}/publish", response={200: ProjectDetailOut, **ERRORS}, summary="Publish (owner)")
def publish(request, public_id: UUID, payload: ProjectPublishIn):
    _project, refused = run(
        actions.publish_project, request.user, public_id, looking_for_partners=payload.looking_for_partners
    )
    return refused or _detail(request, queries.project_for_viewer(request.user, public_id))


@router.post(
    "/{public_id}/stage", response={200: ProjectDetailOut, **ERRORS}, summary="Change the stage (owner)"
)
def change_stage(request, public_id: UUID, payload: ProjectStageIn):
    event = None
    if payload.signed_at is not None:
        event = Event.objects.filter(public_id=payload.signed_at, status=EventStatus.PUBLISHED).first()
        if event is None:
            from django.utils.translation import gettext as _

            return Status(
                422,
                {
                    "detail": _("Signed at: choose a published event."),
                    "errors": {"signed_at": [_("Signed at: choose a published event.")]},
                },
            )
    _project, refused = run(
        actions.change_stage,
        request.user,
        public_id,
        payload.stage,
        reason=payload.reason,
        signed_on=payload.signed_on,
        signed_at=event,
    )
    return refused or _detail(request, queries.project_for_viewer(request.user, public_id))


@router.post(
    "/{public_id}/interest",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Express your organization's interest (idempotent)",
)
def interest(request, public_id: UUID, payload: ProjectInterestIn):
    partner, refused = run(
        actions.express_interest,
        request.user,
        public_id,
        _acting(request),
        message=payload.message,
        role=payload.role,
    )
    return refused or _partner_out(partner, message=True)


@router.post(
    "/{public_id}/withdraw",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Withdraw your organization from the project",
)
def withdraw(request, public_id: UUID):
    partner, refused = run(actions.withdraw, request.user, public_id, _acting(request))
    return refused or _partner_out(partner, message=True)


@router.post(
    "/{public_id}/partners/{partner_id}/decision",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Accept or decline a partner (owner)",
)
def decide(request, public_id: UUID, partner_id: UUID, payload: ProjectDecisionIn):
    partner, refused = run(
        actions.decide_partner, request.user, public_id, partner_id, payload.decision, role=payload.role or ""
    )
    return refused or _partner_out(partner, message=True)


def _partner_out(p, *, message: bool) -> dict:
    return {
        "id": p.public_id,
        "organization": p.organization.public_id,
        "organization_name": p.organization.name,
        "country": p.organization.country_id,
        "role": p.role,
        "status": p.status,
        "message": p.message if message else None,
    }


@router.get(
    "/{public_id}/milestones",
    response={200: list[ProjectMilestoneOut], **PUBLIC_ERRORS},
    summary="Milestones",
    **PUBLIC,
)
def milestones(request, public_id: UUID):
    project = queries.project_for_viewer(request.user, public_id)
    return [milestone_out(m) for m in queries.milestones_of(project)]


@router.post(
    "/{public_id}/milestones",
    response={201: ProjectMilestoneOut, **ERRORS},
    summary="Add a milestone (owner)",
)
def add_milestone(request, public_id: UUID, payload: ProjectMilestoneIn):
    m, refused = run(
        actions.add_milestone,
        request.user,
        public_id,
        title=payload.title,
        language=payload.language,
        due_on=payload.due_on,
    )
    if refused:
        return refused
    return Status(201, milestone_out(m))


@router.post(
    "/{public_id}/milestones/{milestone_id}/status",
    response={200: ProjectMilestoneOut, **ERRORS},
    summary="Mark a milestone done, in progress or cancelled (owner)",
)
def milestone_status(request, public_id: UUID, milestone_id: int, payload: ProjectMilestoneStatusIn):
    m, refused = run(
        actions.set_milestone_status,
        request.user,
        public_id,
        milestone_id,
        payload.status,
        done_on=payload.done_on,
    )
    if refused:
        return refused
    return milestone_out(m)
