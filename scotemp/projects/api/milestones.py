"""Milestones of a project under /api/v1/projects/{public_id}/milestones: the list (for whoever may
see the project); for the owner: add one, change its status."""

from uuid import UUID

from ninja import Router, Status

from scotemp.core.api import ERRORS, PUBLIC_ERRORS, run

from .. import actions
from ..queries import projects as queries
from .shapes import PUBLIC, ProjectMilestoneIn, ProjectMilestoneOut, ProjectMilestoneStatusIn, milestone_out

router = Router()  # the tag comes from the projects router it is added to


@router.get(
    "/{public_id}/milestones",
    response={200: list[ProjectMilestoneOut], **PUBLIC_ERRORS},
    summary="Milestones",
    operation_id="scotemp_projects_api_projects_milestones",
    **PUBLIC,
)
def milestones(request, public_id: UUID):
    project = queries.project_for_viewer(request.user, public_id)
    return [milestone_out(m) for m in queries.milestones_of(project)]


@router.post(
    "/{public_id}/milestones",
    response={201: ProjectMilestoneOut, **ERRORS},
    summary="Add a milestone (owner)",
    operation_id="scotemp_projects_api_projects_add_milestone",
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
    operation_id="scotemp_projects_api_projects_milestone_status",
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
