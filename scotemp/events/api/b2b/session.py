"""The organizer's set-up of a B2B session: open it, phase, time slots, tables, interpreters."""

from uuid import UUID

from ninja import Router, Status

from scotemp.core.api import ERRORS, run

from ...actions import b2b as actions
from ...queries.b2b import access
from .schemas import (
    B2BInterpreterIn,
    B2BInterpreterOut,
    B2BPhaseIn,
    B2BSessionIn,
    B2BSessionOut,
    B2BSlotOut,
    B2BSlotsIn,
    B2BTableOut,
    B2BTablesIn,
    session_out,
    slot_out,
)

router = Router()


@router.get(
    "/{public_id}/b2b", response={200: B2BSessionOut, **ERRORS}, summary="The B2B session of an event"
)
def get_session(request, public_id: UUID):
    return session_out(access.session_view(request.user, public_id))


@router.post(
    "/{public_id}/b2b", response={201: B2BSessionOut, **ERRORS}, summary="Open the B2B session (organizer)"
)
def create_session(request, public_id: UUID, payload: B2BSessionIn):
    event = access.organizer_event(request.user, public_id)
    _session, error = run(actions.create_session, request.user, event, **payload.dict())
    return error or Status(201, session_out(access.session_view(request.user, public_id)))


@router.post(
    "/{public_id}/b2b/phase", response={200: B2BSessionOut, **ERRORS}, summary="Change the phase (organizer)"
)
def set_phase(request, public_id: UUID, payload: B2BPhaseIn):
    view = access.organizer_view(request.user, public_id)
    _result, error = run(actions.set_phase, request.user, view.session, payload.phase)
    return error or session_out(access.session_view(request.user, public_id))


@router.post(
    "/{public_id}/b2b/slots", response={201: list[B2BSlotOut], **ERRORS}, summary="Add time slots (organizer)"
)
def add_slots(request, public_id: UUID, payload: B2BSlotsIn):
    view = access.organizer_view(request.user, public_id)
    slots, error = run(
        actions.add_slots, request.user, view.session, payload.starts_at, payload.ends_at, payload.minutes
    )
    return error or Status(201, [slot_out(s) for s in slots])


@router.post(
    "/{public_id}/b2b/tables", response={201: list[B2BTableOut], **ERRORS}, summary="Add tables (organizer)"
)
def add_tables(request, public_id: UUID, payload: B2BTablesIn):
    view = access.organizer_view(request.user, public_id)
    tables, error = run(
        actions.add_tables, request.user, view.session, count=payload.count, labels=payload.labels
    )
    return error or Status(201, [{"id": t.pk, "label": t.label} for t in tables])


@router.post(
    "/{public_id}/b2b/interpreters",
    response={201: B2BInterpreterOut, **ERRORS},
    summary="Add an interpreter (organizer)",
)
def add_interpreter(request, public_id: UUID, payload: B2BInterpreterIn):
    view = access.organizer_view(request.user, public_id)
    row, error = run(actions.add_interpreter, request.user, view.session, payload.name, payload.pairs)
    return error or Status(201, {"id": row.pk, "name": row.name, "pairs": row.pairs})
