"""Meeting requests: list, send, accept, decline, withdraw; free common slots and booking."""

from typing import Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from scotemp.core.api import ERRORS, Page, PageParams, paginate, run

from ...actions import b2b as actions
from ...choices import RequestStatus
from ...queries.b2b import access
from ...queries.b2b.slots import free_common_slots
from .schemas import (
    B2BBookingIn,
    B2BMeetingOut,
    B2BRequestIn,
    B2BRequestOut,
    B2BSlotOut,
    meeting_out,
    own_participant,
    request_out,
    slot_out,
)

router = Router()


@router.get(
    "/{public_id}/b2b/requests",
    response={200: Page[B2BRequestOut], **ERRORS},
    summary="Meeting requests I see",
)
def list_requests(
    request,
    public_id: UUID,
    params: Query[PageParams],
    direction: Literal["in", "out"] | None = None,
    status: Literal[tuple(RequestStatus.values)] | None = None,  # type: ignore[valid-type]
):
    view = access.session_view(request.user, public_id)
    qs = access.requests_visible(view)
    if direction == "in":
        qs = qs.filter(recipient=view.participant) if view.participant else qs.none()
    elif direction == "out":
        qs = qs.filter(requester=view.participant) if view.participant else qs.none()
    if status:
        qs = qs.filter(status=status)
    return paginate(request, qs, params, transform=lambda rows: [request_out(r) for r in rows])


@router.post(
    "/{public_id}/b2b/requests", response={201: B2BRequestOut, **ERRORS}, summary="Request a meeting"
)
def send_request(request, public_id: UUID, payload: B2BRequestIn):
    view = access.session_view(request.user, public_id)
    me = own_participant(view)
    other = access.participant_in(view, payload.recipient)
    row, error = run(actions.send_request, request.user, me, other, payload.priority, payload.message)
    return error or Status(201, request_out(row))


def _answer(request, public_id, request_id, fn, *args):
    view = access.session_view(request.user, public_id)
    own_participant(view)
    row = access.request_in(view, request_id)
    _result, error = run(fn, request.user, row, *args)
    return error or request_out(access.request_in(view, request_id))


@router.post(
    "/{public_id}/b2b/requests/{request_id}/accept",
    response={200: B2BRequestOut, **ERRORS},
    summary="Accept a request",
)
def accept_request(request, public_id: UUID, request_id: UUID):
    return _answer(request, public_id, request_id, actions.answer_request, True)


@router.post(
    "/{public_id}/b2b/requests/{request_id}/decline",
    response={200: B2BRequestOut, **ERRORS},
    summary="Decline a request",
)
def decline_request(request, public_id: UUID, request_id: UUID):
    return _answer(request, public_id, request_id, actions.answer_request, False)


@router.post(
    "/{public_id}/b2b/requests/{request_id}/withdraw",
    response={200: B2BRequestOut, **ERRORS},
    summary="Withdraw my request",
)
def withdraw_request(request, public_id: UUID, request_id: UUID):
    return _answer(request, public_id, request_id, actions.withdraw_request)


@router.get(
    "/{public_id}/b2b/requests/{request_id}/slots",
    response={200: list[B2BSlotOut], **ERRORS},
    summary="Free common slots of an accepted request",
)
def free_slots(request, public_id: UUID, request_id: UUID):
    view = access.session_view(request.user, public_id)
    row = access.request_in(view, request_id)
    if row.status != RequestStatus.ACCEPTED:
        return []
    return [slot_out(s) for s in free_common_slots(row)]


@router.post(
    "/{public_id}/b2b/requests/{request_id}/booking",
    response={201: B2BMeetingOut, **ERRORS},
    summary="Book a free common slot (409 when it was just taken)",
)
def book(request, public_id: UUID, request_id: UUID, payload: B2BBookingIn):
    view = access.session_view(request.user, public_id)
    own_participant(view)
    row = access.request_in(view, request_id)
    slot = view.session.slots.filter(pk=payload.slot).first()
    if slot is None:
        message = _("Choose one of this session's time slots.")
        return Status(422, {"detail": message, "errors": {"slot": [message]}})
    meeting, error = run(actions.book_meeting, request.user, row, slot)
    return error or Status(201, meeting_out(access.meeting_in(view, meeting.public_id)))
