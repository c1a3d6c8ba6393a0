"""B2B meetings under /api/v1/events/{public_id}/b2b/… and the schedule at
/api/v1/events/{public_id}/meetings. Same rules as the pages (the actions decide): a participant sees
the session, the other participants' public profiles with their match score, and only their own
requests and meetings; the organizer sees everything of the session and sets it up. Anyone else gets
404. A refused rule (phase, cap, cancelled event, a slot of another session) is 422 naming the field;
a slot taken meanwhile is 409."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ERRORS, Page, PageParams, form_data, invalid, page_of, paginate, run

from ..actions import b2b as actions
from ..choices import B2BPhase, Outcome, RequestStatus
from ..forms.b2b import MeetingRfqForm
from ..queries.b2b import access
from ..queries.b2b.directory import directory
from ..queries.b2b.slots import free_common_slots

router = Router(tags=["events: B2B meetings"])

PhaseCode = Literal[tuple(B2BPhase.values)]  # type: ignore[valid-type]
OutcomeCode = Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
PriorityCode = Literal[1, 3]


class B2BSlotOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class B2BTableOut(Schema):
    id: int
    label: str


class B2BInterpreterOut(Schema):
    id: int
    name: str
    pairs: list[str]


class B2BSessionOut(Schema):
    phase: str
    phase_label: str
    slot_minutes: int
    meeting_cap: int
    request_cap: int
    organizer: bool
    participant: int | None = None
    slots: list[B2BSlotOut]
    tables: list[B2BTableOut]
    interpreters: list[B2BInterpreterOut]


class B2BSessionIn(Schema):
    slot_minutes: int = Field(20, ge=15, le=30)
    meeting_cap: int = Field(8, ge=1, le=64)
    request_cap: int = Field(20, ge=1, le=200)


class B2BPhaseIn(Schema):
    phase: PhaseCode  # type: ignore[valid-type]


class B2BSlotsIn(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    minutes: int | None = Field(None, ge=15, le=30)


class B2BTablesIn(Schema):
    count: int = Field(0, ge=0, le=200)
    labels: list[str] = Field(default_factory=list, max_length=200)


class B2BInterpreterIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    pairs: list[str] = Field(..., min_length=1, max_length=20)


class B2BProfileIn(Schema):
    offers: str | None = Field(None, max_length=2000)
    seeks: str | None = Field(None, max_length=2000)
    offer_hs: list[str] | None = Field(None, max_length=30)
    seek_hs: list[str] | None = Field(None, max_length=30)
    countries: list[str] | None = Field(None, max_length=30)
    languages: list[str] | None = Field(None, max_length=10)
    time_zone: str | None = Field(None, max_length=64)


class B2BProfileOut(Schema):
    id: int
    organization: str
    organization_id: UUID
    country: str | None = None
    offers: str
    seeks: str
    offer_hs: list[str]
    seek_hs: list[str]
    countries: list[str]
    languages: list[str]
    time_zone: str
    available_slots: list[int]


class B2BDirectoryOut(Schema):
    id: int
    organization: str
    country: str | None = None
    offers: str
    seeks: str
    offer_hs: list[str]
    seek_hs: list[str]
    languages: list[str]
    score: float | None = None
    reasons: list[str]
    needs_interpreter: bool | None = None
    request: UUID | None = None


class B2BAvailabilityIn(Schema):
    slots: list[int] = Field(..., max_length=64)


class B2BRequestIn(Schema):
    recipient: int = Field(..., description="Participant id (from the participant list)")
    priority: PriorityCode = 1
    message: str = Field("", max_length=1000)


class B2BSide(Schema):
    participant: int
    organization: str


class B2BRequestOut(Schema):
    public_id: UUID
    requester: B2BSide
    recipient: B2BSide
    priority: int
    priority_label: str
    message: str
    status: str
    status_label: str
    unscheduled_reason: str
    created_at: datetime.datetime


class B2BBookingIn(Schema):
    slot: int


class B2BMeetingOut(Schema):
    public_id: UUID
    request: UUID
    slot: B2BSlotOut
    table: B2BTableOut
    interpreter: B2BInterpreterOut | None = None
    participants: list[B2BSide]
    status: str
    status_label: str
    source: str
    locked: bool


class B2BCancelIn(Schema):
    reason: str = Field("", max_length=500)


class B2BRfqIn(Schema):
    goods: str = Field(..., max_length=200)
    hs_code: str = Field(..., max_length=12)
    quantity: str = Field(..., max_length=20)
    unit: str = Field(..., max_length=60)
    incoterm: str = Field(..., max_length=60)
    incoterm_place: str = Field(..., max_length=100)
    target_price: str | None = Field(None, max_length=20)
    currency: str | None = Field(None, max_length=60)
    delivery_from: datetime.date | None = None
    delivery_until: datetime.date | None = None
    questions: str = Field("", max_length=4000)


class B2BOutcomeIn(Schema):
    outcome: OutcomeCode  # type: ignore[valid-type]
    note: str = Field("", max_length=2000)
    rfq: B2BRfqIn | None = Field(None, description="Start an RFQ to the other side (outcome rfq)")


class B2BOutcomeOut(Schema):
    participant: int
    outcome: str
    outcome_label: str
    note: str
    rfq: UUID | None = None
    deal: UUID | None = None


class B2BOrganizeIn(Schema):
    op: Literal["move", "lock", "unlock"]
    slot: int | None = None
    table: int | None = None


# ---- shaping ---------------------------------------------------------------------------------------


def _slot(s) -> dict:
    return {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at}


def _side(p) -> dict:
    return {"participant": p.pk, "organization": p.organization.name}


def session_out(view) -> dict:
    s = view.session
    return {
        "phase": s.phase,
        "phase_label": str(s.get_phase_display()),
        "slot_minutes": s.slot_minutes,
        "meeting_cap": s.meeting_cap,
        "request_cap": s.request_cap,
        "organizer": view.organizer,
        "participant": view.participant.pk if view.participant else None,
        "slots": [_slot(x) for x in s.slots.all()],
        "tables": [{"id": t.pk, "label": t.label} for t in s.tables.all()],
        "interpreters": [{"id": i.pk, "name": i.name, "pairs": i.pairs} for i in s.interpreters.all()]
        if view.organizer or view.participant
        else [],
    }


def profile_out(p) -> dict:
    return {
        "id": p.pk,
        "organization": p.organization.name,
        "organization_id": p.organization.public_id,
        "country": p.organization.country_id,
        "offers": p.offers,
        "seeks": p.seeks,
        "offer_hs": p.offer_hs or [],
        "seek_hs": p.seek_hs or [],
        "countries": p.countries or [],
        "languages": p.languages or [],
        "time_zone": p.time_zone,
        "available_slots": sorted(p.available_slots.values_list("pk", flat=True)),
    }


def request_out(r) -> dict:
    return {
        "public_id": r.public_id,
        "requester": _side(r.requester),
        "recipient": _side(r.recipient),
        "priority": r.priority,
        "priority_label": str(r.get_priority_display()),
        "message": r.message,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "unscheduled_reason": r.unscheduled_reason,
        "created_at": r.created_at,
    }


def meeting_out(m) -> dict:
    return {
        "public_id": m.public_id,
        "request": m.request.public_id,
        "slot": _slot(m.slot),
        "table": {"id": m.table_id, "label": m.table.label},
        "interpreter": {"id": m.interpreter.pk, "name": m.interpreter.name, "pairs": m.interpreter.pairs}
        if m.interpreter_id
        else None,
        "participants": [_side(m.request.requester), _side(m.request.recipient)],
        "status": m.status,
        "status_label": str(m.get_status_display()),
        "source": m.source,
        "locked": m.locked,
    }


def _me(view):
    if view.participant is None:
        raise Http404
    return view.participant


# ---- the session ------------------------------------------------------------------------------------


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
    return error or Status(201, [_slot(s) for s in slots])


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


# ---- participants -----------------------------------------------------------------------------------


@router.post(
    "/{public_id}/b2b/participants",
    response={201: B2BProfileOut, **ERRORS},
    summary="Join from my registration",
)
def join(request, public_id: UUID, payload: B2BProfileIn):
    view = access.session_view(request.user, public_id)
    if view.participant is not None or view.registration is None:
        if view.participant is not None:
            from django.utils.translation import gettext as _

            message = _("Your organization already takes part in this B2B session.")
            return Status(409, {"detail": message})
        raise Http404
    values = payload.dict(exclude_none=True)
    participant, error = run(actions.join_session, request.user, view.session, view.registration, values)
    return error or Status(201, profile_out(participant))


@router.get(
    "/{public_id}/b2b/participants",
    response={200: Page[B2BDirectoryOut], **ERRORS},
    summary="Participants, best match for me first",
)
def list_participants(
    request, public_id: UUID, params: Query[PageParams], q: str = Query("", max_length=100)
):
    view = access.session_view(request.user, public_id)
    if view.participant is None and not view.organizer:
        raise Http404
    rows = directory(view.participant, view.session, q)
    scored = view.participant is not None
    items = [
        {
            "id": r.participant.pk,
            "organization": r.participant.organization.name,
            "country": r.participant.organization.country_id,
            "offers": r.participant.offers,
            "seeks": r.participant.seeks,
            "offer_hs": r.participant.offer_hs or [],
            "seek_hs": r.participant.seek_hs or [],
            "languages": r.participant.languages or [],
            "score": r.score if scored else None,
            "reasons": [str(x) for x in r.reasons],
            "needs_interpreter": (not r.shared_languages) if scored else None,
            "request": r.request.public_id if r.request else None,
        }
        for r in rows
    ]
    page = items[params.offset : params.offset + params.limit]
    return page_of(request, params, page, len(items))


@router.get("/{public_id}/b2b/profile", response={200: B2BProfileOut, **ERRORS}, summary="My B2B profile")
def get_profile(request, public_id: UUID):
    return profile_out(_me(access.session_view(request.user, public_id)))


@router.patch(
    "/{public_id}/b2b/profile", response={200: B2BProfileOut, **ERRORS}, summary="Change my B2B profile"
)
def update_profile(request, public_id: UUID, payload: B2BProfileIn):
    me = _me(access.session_view(request.user, public_id))
    _result, error = run(actions.update_profile, request.user, me, payload.dict(exclude_none=True))
    return error or profile_out(me)


@router.put(
    "/{public_id}/b2b/availability",
    response={200: B2BProfileOut, **ERRORS},
    summary="The slots when I am free (empty: every slot)",
)
def set_availability(request, public_id: UUID, payload: B2BAvailabilityIn):
    me = _me(access.session_view(request.user, public_id))
    _result, error = run(actions.set_availability, request.user, me, payload.slots)
    return error or profile_out(me)


# ---- requests ---------------------------------------------------------------------------------------


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
    me = _me(view)
    other = access.participant_in(view, payload.recipient)
    row, error = run(actions.send_request, request.user, me, other, payload.priority, payload.message)
    return error or Status(201, request_out(row))


def _answer(request, public_id, request_id, fn, *args):
    view = access.session_view(request.user, public_id)
    _me(view)
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
    return [_slot(s) for s in free_common_slots(row)]


@router.post(
    "/{public_id}/b2b/requests/{request_id}/booking",
    response={201: B2BMeetingOut, **ERRORS},
    summary="Book a free common slot (409 when it was just taken)",
)
def book(request, public_id: UUID, request_id: UUID, payload: B2BBookingIn):
    view = access.session_view(request.user, public_id)
    _me(view)
    row = access.request_in(view, request_id)
    slot = view.session.slots.filter(pk=payload.slot).first()
    if slot is None:
        from django.utils.translation import gettext as _

        message = _("Choose one of this session's time slots.")
        return Status(422, {"detail": message, "errors": {"slot": [message]}})
    meeting, error = run(actions.book_meeting, request.user, row, slot)
    return error or Status(201, meeting_out(access.meeting_in(view, meeting.public_id)))


# ---- meetings ---------------------------------------------------------------------------------------


@router.get(
    "/{public_id}/meetings",
    response={200: Page[B2BMeetingOut], **ERRORS},
    summary="The schedule: my meetings (the organizer: all)",
)
def list_meetings(request, public_id: UUID, params: Query[PageParams], cancelled: bool = False):
    view = access.session_view(request.user, public_id)
    qs = access.meetings_visible(view).order_by("slot__starts_at", "table__label", "pk")
    if not cancelled:
        qs = qs.exclude(status="cancelled")
    return paginate(request, qs, params, transform=lambda rows: [meeting_out(m) for m in rows])


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/cancel",
    response={200: B2BMeetingOut, **ERRORS},
    summary="Cancel a meeting",
)
def cancel_meeting(request, public_id: UUID, meeting_id: UUID, payload: B2BCancelIn):
    view = access.session_view(request.user, public_id)
    row = access.meeting_in(view, meeting_id)
    _result, error = run(actions.cancel_meeting, request.user, row, payload.reason)
    return error or meeting_out(access.meeting_in(view, meeting_id))


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/organize",
    response={200: B2BMeetingOut, **ERRORS},
    summary="Move, lock or unlock a meeting (organizer)",
)
def organize_meeting(request, public_id: UUID, meeting_id: UUID, payload: B2BOrganizeIn):
    view = access.organizer_view(request.user, public_id)
    row = access.meeting_in(view, meeting_id)
    if payload.op == "move":
        slot = view.session.slots.filter(pk=payload.slot or 0).first()
        table = view.session.tables.filter(pk=payload.table or 0).first() if payload.table else None
        if slot is None:
            from django.utils.translation import gettext as _

            message = _("Choose one of this session's time slots.")
            return Status(422, {"detail": message, "errors": {"slot": [message]}})
        moved, error = run(actions.move_meeting, request.user, row, slot, table)
        return error or meeting_out(access.meeting_in(view, moved.public_id))
    _result, error = run(actions.set_locked, request.user, row, payload.op == "lock")
    return error or meeting_out(access.meeting_in(view, meeting_id))


@router.post(
    "/{public_id}/b2b/meetings/{meeting_id}/outcome",
    response={200: B2BOutcomeOut, **ERRORS},
    summary="Record my side's outcome (optionally starting an RFQ)",
)
def record_outcome(request, public_id: UUID, meeting_id: UUID, payload: B2BOutcomeIn):
    view = access.session_view(request.user, public_id)
    _me(view)
    row = access.meeting_in(view, meeting_id)
    rfq_values = None
    if payload.rfq is not None:
        form = MeetingRfqForm(form_data(payload.rfq.dict()))
        if not form.is_valid():
            return invalid(form)
        rfq_values = {k: v for k, v in form.cleaned_data.items() if k != "submission_key"}
    outcome, error = run(
        actions.record_outcome, request.user, row, payload.outcome, payload.note, rfq_values=rfq_values
    )
    if error:
        return error
    return {
        "participant": outcome.participant_id,
        "outcome": outcome.outcome,
        "outcome_label": str(outcome.get_outcome_display()),
        "note": outcome.note,
        "rfq": outcome.rfq.public_id if outcome.rfq_id else None,
        "deal": outcome.deal.public_id if outcome.deal_id else None,
    }
