"""API of handover requests for the operators, under /api/v1/organizations/handover-requests: the
queue and the decision. They exist for operators only (404 for everybody else, as on the pages)."""

import datetime
from uuid import UUID

from django.http import Http404
from ninja import Query, Router, Schema

from scotemp.core.api import ERRORS, Page, PageParams, paginate, run
from scotemp.core.api.schema import JsonObject
from scotemp.core.permissions import is_operator

from .. import actions, queries
from ..choices import HandoverStatus

router = Router(tags=["organizations"])


class HandoverOut(Schema):
    public_id: UUID
    organization: UUID
    organization_name: str
    requested_by: str
    message: str
    status: HandoverStatus
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str


class HandoverDecisionIn(JsonObject):
    approve: bool
    note: str = ""


def handover_out(item) -> HandoverOut:
    return HandoverOut(
        public_id=item.public_id,
        organization=item.organization.public_id,
        organization_name=item.organization.name,
        requested_by=item.requested_by.email,
        message=item.message,
        status=item.status,
        created_at=item.created_at,
        decided_at=item.decided_at,
        decision_note=item.decision_note,
    )


@router.get(
    "/handover-requests",
    response={200: Page[HandoverOut], **ERRORS},
    summary="Handover requests (operators)",
)
def handover_queue(request, params: Query[PageParams], status: HandoverStatus = HandoverStatus.PENDING):
    """Requests in ``status``, oldest first."""
    if not is_operator(request.user):
        raise Http404
    return paginate(
        request,
        queries.handover_queue(status),
        params,
        transform=lambda rows: [handover_out(item) for item in rows],
    )


@router.post(
    "/handover-requests/{request_id}/decision",
    response={200: HandoverOut, **ERRORS},
    summary="Approve or reject a handover request (operators)",
)
def handover_decide(request, request_id: UUID, payload: HandoverDecisionIn):
    """Approving makes the requester an owner (the other members stay); rejecting needs a ``note``,
    which the requester reads. A request decided already is a conflict (409)."""
    item, refused = run(actions.decide_handover, request.user, request_id, payload.approve, payload.note)
    return refused or handover_out(item)
