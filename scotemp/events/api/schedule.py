"""The B2B schedule and the event report under /api/v1/events/{public_id}/: “Schedule all”
(``POST …/schedule``: 202, computed by the task worker; poll ``GET …/schedule``), publishing
(``POST …/schedule/publish``) and the report (``GET …/report``). Organizers of the event (the
operator, the committee's secretary) only; anyone else gets 404. A closed phase or a cancelled event
is a 409 with a translated message."""

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Router, Schema, Status

from scotemp.core.api import ERRORS, run

from ..actions import scheduling as actions
from ..queries import schedule as queries
from ..queries.report import event_report

router = Router(tags=["events"])


class ScheduleOut(Schema):
    phase: str
    state: str
    progress: str
    scheduled_at: datetime.datetime | None = None
    meetings: int | None = None
    objective: int | None = None
    bound: float | None = None
    percent: float | None = None
    status: str | None = None
    seconds: float | None = None
    must_meet: int | None = None
    must_meet_placed: int | None = None
    interpreted: int | None = None
    idle_gaps: int | None = None
    unscheduled: dict[str, int] = {}


def schedule_out(session) -> dict:
    stats = dict(session.schedule_stats or {})
    keys = ScheduleOut.model_fields
    return {
        **{k: v for k, v in stats.items() if k in keys},
        "phase": session.phase,
        "state": stats.get("state", ""),
        "progress": stats.get("progress", ""),
        "scheduled_at": session.scheduled_at,
        "unscheduled": stats.get("unscheduled") or {},
    }


class PublishOut(Schema):
    confirmed: int
    phase: str


@router.get(
    "/{public_id}/schedule", response={200: ScheduleOut, **ERRORS}, summary="The schedule's state and figures"
)
def schedule_state(request, public_id: UUID):
    return schedule_out(queries.organized_session(request.user, public_id))


@router.post(
    "/{public_id}/schedule",
    response={202: ScheduleOut, **ERRORS},
    summary="Schedule all (computed in the background)",
)
def schedule_all(request, public_id: UUID):
    session = queries.organized_session(request.user, public_id)
    result, error = run(actions.request_schedule, session, request.user)
    if error:
        return error
    return Status(202, schedule_out(result))


@router.post(
    "/{public_id}/schedule/publish",
    response={200: PublishOut, **ERRORS},
    summary="Publish the final schedule",
)
def schedule_publish(request, public_id: UUID):
    session = queries.organized_session(request.user, public_id)
    count, error = run(actions.publish_schedule, session, request.user)
    if error:
        return error
    return {"confirmed": count, "phase": "final"}


class CountOut(Schema):
    code: str
    label: str
    count: int


class ValueOut(Schema):
    count: int
    value_usd: Decimal
    value_cny: Decimal
    without_price: int
    without_rate: int
    demo_rates: bool


class ReportOut(Schema):
    registrations: int
    checked_in: int
    by_attendee_type: list[CountOut]
    by_country: list[CountOut]
    meetings_requested: int
    meetings_accepted: int
    meetings_scheduled: int
    meetings_held: int
    outcomes: list[CountOut]
    rfqs: ValueOut
    deals: ValueOut
    agreements: int


def _value(v) -> dict:
    return {
        "count": v.count,
        "value_usd": v.usd,
        "value_cny": v.cny,
        "without_price": v.unpriced,
        "without_rate": v.unconverted,
        "demo_rates": v.demo_rates,
    }


@router.get("/{public_id}/report", response={200: ReportOut, **ERRORS}, summary="The event report")
def report(request, public_id: UUID):
    r = event_report(queries.organized_event(request.user, public_id))
    rows = lambda items: [{"code": c, "label": label, "count": n} for c, label, n in items]  # noqa: E731
    return {
        "registrations": r.registrations,
        "checked_in": r.checked_in,
        "by_attendee_type": rows(r.by_type),
        "by_country": rows(r.by_country),
        "meetings_requested": r.requested,
        "meetings_accepted": r.accepted,
        "meetings_scheduled": r.scheduled,
        "meetings_held": r.held,
        "outcomes": rows(r.outcomes),
        "rfqs": _value(r.rfqs),
        "deals": _value(r.deals),
        "agreements": r.agreements,
    }
