"""Request and response schemas of the B2B API, and how rows become responses."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Schema

from ...choices import B2BPhase, Outcome

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
    deal: UUID | None = Field(None, description="A deal of the two organizations (outcomes deal, agreement)")


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


def slot_out(s) -> dict:
    return {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at}


def side_out(p) -> dict:
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
        "slots": [slot_out(x) for x in s.slots.all()],
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
        "requester": side_out(r.requester),
        "recipient": side_out(r.recipient),
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
        "slot": slot_out(m.slot),
        "table": {"id": m.table_id, "label": m.table.label},
        "interpreter": {"id": m.interpreter.pk, "name": m.interpreter.name, "pairs": m.interpreter.pairs}
        if m.interpreter_id
        else None,
        "participants": [side_out(m.request.requester), side_out(m.request.recipient)],
        "status": m.status,
        "status_label": str(m.get_status_display()),
        "source": m.source,
        "locked": m.locked,
    }


def own_participant(view):
    if view.participant is None:
        raise Http404
    return view.participant
