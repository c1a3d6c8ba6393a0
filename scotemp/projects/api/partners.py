"""Partners of a project under /api/v1/projects/{public_id}/: for an organization: express its
interest, withdraw; for the project's owner: accept or decline a partner."""

from uuid import UUID

from ninja import Router

from scotemp.core.api import ERRORS, run

from .. import actions
from .projects import acting
from .shapes import ProjectDecisionIn, ProjectInterestIn, ProjectPartnerOut, partner_out

router = Router()  # the tag comes from the projects router it is added to


@router.post(
    "/{public_id}/interest",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Express your organization's interest (idempotent)",
    operation_id="scotemp_projects_api_projects_interest",
)
def interest(request, public_id: UUID, payload: ProjectInterestIn):
    partner, refused = run(
        actions.express_interest,
        request.user,
        public_id,
        acting(request),
        message=payload.message,
        role=payload.role,
    )
    return refused or partner_out(partner, message=True)


@router.post(
    "/{public_id}/withdraw",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Withdraw your organization from the project",
    operation_id="scotemp_projects_api_projects_withdraw",
)
def withdraw(request, public_id: UUID):
    partner, refused = run(actions.withdraw, request.user, public_id, acting(request))
    return refused or partner_out(partner, message=True)


@router.post(
    "/{public_id}/partners/{partner_id}/decision",
    response={200: ProjectPartnerOut, **ERRORS},
    summary="Accept or decline a partner (owner)",
    operation_id="scotemp_projects_api_projects_decide",
)
def decide(request, public_id: UUID, partner_id: UUID, payload: ProjectDecisionIn):
    partner, refused = run(
        actions.decide_partner, request.user, public_id, partner_id, payload.decision, role=payload.role or ""
    )
    return refused or partner_out(partner, message=True)
