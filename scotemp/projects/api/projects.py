"""Projects under /api/v1/projects: the list (paged; by stage, field, country, committee, text), the
showcase totals, one project with its partners and milestones; for signed-in organizations: create,
change, publish, change the stage. Same rules as every app (ADR 0012): rows through ``visible_to``,
404 for what the caller may not see, 422 naming the field, an ``Idempotency-Key`` on every POST."""

from uuid import UUID

from ninja import Query, Router, Status

from scotemp.accounts.queries import active_organization_for
from scotemp.committees.models import Committee
from scotemp.core.api import ERRORS, PUBLIC_ERRORS, Page, PageParams, form_data, invalid, paginate, run
from scotemp.events.choices import EventStatus
from scotemp.events.models import Event

from .. import actions
from ..forms import ProjectForm
from ..queries import projects as queries
from ..queries import showcase as showcase_queries
from .shapes import (
    PUBLIC,
    FieldCode,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectPublishIn,
    ProjectShowcaseOut,
    ProjectStageIn,
    StageCode,
    milestone_out,
    project_out,
)

router = Router(tags=["projects"])


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


def acting(request):
    """The organization the caller acts for (None for a visitor)."""
    user = request.user
    return active_organization_for(user) if user.is_authenticated else None


def _acting_id(request):
    org = acting(request)
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
        owner = acting(request)
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
