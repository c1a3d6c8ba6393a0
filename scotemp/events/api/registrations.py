"""Registrations under /api/v1/events: register for an event, my registrations, cancel mine; for the
event's organizer: the event's registrations, approve, decline, and check-in by badge code.

Every POST takes an ``Idempotency-Key`` (core.api): a retried registration answers the first
response again instead of "already registered"."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from scotemp.core.api import ERRORS, PUBLIC_ERRORS, Page, PageParams, paginate, public_auth, run
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..actions import checkin as checkin_actions
from ..actions import registrations as actions
from ..choices import AttendeeType, RegistrationStatus
from ..queries import events as event_queries
from ..queries import registrations as queries
from .events import EventDetailOut, event_detail

router = Router(tags=["events"])

AttendeeCode = Literal[tuple(AttendeeType.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(RegistrationStatus.values)]  # type: ignore[valid-type]


class RegistrationIn(Schema):
    attendee_type: AttendeeCode  # type: ignore[valid-type]
    note: str = Field("", max_length=2000)
    time_zone: str = Field("", max_length=64, description="IANA time zone for your e-mails, e.g. Asia/Almaty")


class RegistrationReasonIn(Schema):
    reason: str = Field("", max_length=1000)


class CheckInIn(Schema):
    code: str = Field(
        ..., min_length=1, max_length=500, description="The badge code, or the URL its QR code holds"
    )


class RegistrationOut(Schema):
    public_id: UUID
    event: UUID
    event_title: str
    attendee: str
    organization: str | None = None
    attendee_type: str
    status: str
    status_label: str
    waitlist_position: int | None = None
    time_zone: str
    checked_in_at: datetime.datetime | None = None
    badge_url: str | None = None
    created_at: datetime.datetime


class CheckInOut(Schema):
    registration: RegistrationOut
    already_checked_in: bool


def registration_out(request, r) -> dict:
    confirmed = r.status == RegistrationStatus.CONFIRMED
    return {
        "public_id": r.public_id,
        "event": r.event.public_id,
        "event_title": r.event.title,
        "attendee": r.user.full_name or r.user.email,
        "organization": r.organization.name if r.organization_id else None,
        "attendee_type": r.attendee_type,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "waitlist_position": queries.waitlist_position(r),
        "time_zone": r.time_zone,
        "checked_in_at": r.checked_in_at,
        "badge_url": request.build_absolute_uri(r.get_absolute_url()) if confirmed else None,
        "created_at": r.created_at,
    }


def _many(request):
    return lambda rows: [registration_out(request, r) for r in rows]


@router.get(
    "/registrations/mine", response={200: Page[RegistrationOut], **ERRORS}, summary="My registrations"
)
def my_registrations(request, params: Query[PageParams]):
    qs = queries.my_registrations(request.user).select_related("user")
    return paginate(request, qs, params, transform=_many(request))


@router.post(
    "/registrations/{public_id}/cancel",
    response={200: RegistrationOut, **ERRORS},
    summary="Cancel my registration",
)
def cancel_registration(request, public_id: UUID):
    registration = queries.own_registration(request.user, public_id)
    result, error = run(actions.cancel_registration, request.user, registration)
    return error or registration_out(request, result)


def _organized_registration(request, public_id):
    registration = queries.registration_for_viewer(request.user, public_id)
    if not event_queries.organizes(request.user, registration.event):
        raise Http404
    return registration


@router.post(
    "/registrations/{public_id}/approve",
    response={200: RegistrationOut, **ERRORS},
    summary="Approve (organizer)",
)
def approve_registration(request, public_id: UUID):
    registration = _organized_registration(request, public_id)
    result, error = run(actions.approve_registration, request.user, registration)
    return error or registration_out(request, result)


@router.post(
    "/registrations/{public_id}/decline",
    response={200: RegistrationOut, **ERRORS},
    summary="Decline (organizer)",
)
def decline_registration(request, public_id: UUID, payload: RegistrationReasonIn):
    registration = _organized_registration(request, public_id)
    result, error = run(actions.decline_registration, request.user, registration, payload.reason)
    return error or registration_out(request, result)


@router.get(
    "/{public_id}",
    response={200: EventDetailOut, **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="One event",
)
def get_event(request, public_id: UUID):
    return event_detail(request, public_id)


@router.post(
    "/{public_id}/registrations", response={201: RegistrationOut, **ERRORS}, summary="Register for an event"
)
def register(request, public_id: UUID, payload: RegistrationIn):
    event = event_queries.event_for_viewer(request.user, public_id)
    registration, error = run(
        actions.register,
        request.user,
        event,
        payload.attendee_type,
        note=payload.note,
        time_zone=payload.time_zone.strip(),
        language=getattr(request, "LANGUAGE_CODE", ""),
    )
    if error:
        return error
    registration.user = request.user
    return Status(201, registration_out(request, registration))


@router.get(
    "/{public_id}/registrations",
    response={200: Page[RegistrationOut], **ERRORS},
    summary="The event's registrations (organizer)",
)
def event_registrations(
    request, public_id: UUID, params: Query[PageParams], status: StatusCode | None = None
):  # type: ignore[valid-type]
    event = event_queries.organized_event(request.user, public_id)
    return paginate(
        request, queries.event_registrations(event, status or ""), params, transform=_many(request)
    )


@router.post(
    "/{public_id}/check-in", response={200: CheckInOut, **ERRORS}, summary="Check an attendee in (organizer)"
)
def check_in(request, public_id: UUID, payload: CheckInIn):
    event = event_queries.organized_event(request.user, public_id)
    result, error = run(checkin_actions.check_in, request.user, event, payload.code)
    if error:
        return error
    return {
        "registration": registration_out(request, result.registration),
        "already_checked_in": result.already,
    }
