"""Events under /api/v1/events: the list (paged; upcoming or past, by kind and committee) and one
event with its programme. Public: a draft is seen by its organizers only (404 for anyone else)."""

import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema

from scotemp.core.api import PUBLIC_ERRORS, Page, PageParams, paginate, public_auth
from scotemp.core.api.schema import OPTIONAL_AUTH

from ..choices import EventKind
from ..queries import events as queries
from ..queries import registrations as reg_queries

router = Router(tags=["events"])

KindCode = Literal[tuple(EventKind.values)]  # type: ignore[valid-type]


class ProgrammeSessionOut(Schema):
    title: str
    description: str
    speakers: list[str]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    online_url: str
    language: str
    interpretation: list[str]


class EventCardOut(Schema):
    public_id: UUID
    kind: str
    kind_label: str
    status: str
    title: str
    description: str
    committee: str | None = Field(
        None, description="Slug of the organizing committee; null: the platform operator"
    )
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    venue: str
    city: str | None = Field(None, description="UN/LOCODE")
    city_name: str
    online_url: str
    capacity: int | None = None
    seats_left: int | None = None
    requires_approval: bool
    registration_open: bool
    registration_closes_at: datetime.datetime | None = None
    url: str


class EventDetailOut(EventCardOut):
    sessions: list[ProgrammeSessionOut]
    my_registration: UUID | None = Field(None, description="Public id of the caller's registration, if any")
    my_registration_status: str | None = None


def event_out(request, event) -> dict:
    return {
        "public_id": event.public_id,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "status": event.status,
        "title": event.title,
        "description": event.description,
        "committee": event.committee.slug if event.committee_id else None,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "venue": event.venue,
        "city": event.city_id,
        "city_name": event.city.name if event.city_id else "",
        "online_url": event.online_url,
        "capacity": event.capacity,
        "seats_left": queries.seats_left(event),
        "requires_approval": event.requires_approval,
        "registration_open": queries.registration_open(event),
        "registration_closes_at": event.registration_closes_at,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def session_out(session) -> dict:
    return {
        "title": session.title,
        "description": session.description,
        "speakers": [line.strip() for line in session.speakers.splitlines() if line.strip()],
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "online_url": session.online_url,
        "language": session.language,
        "interpretation": [c.strip() for c in session.interpretation.split(",") if c.strip()],
    }


@router.get(
    "",
    response={200: Page[EventCardOut], **PUBLIC_ERRORS},
    auth=public_auth(),
    openapi_extra=OPTIONAL_AUTH,
    summary="Events",
)
def list_events(
    request,
    params: Query[PageParams],
    when: Literal["upcoming", "past"] = "upcoming",
    kind: KindCode | None = None,  # type: ignore[valid-type]
    committee: str = Query("", max_length=50, description="Committee slug"),
):
    qs = queries.event_list(request.user, when=when, kind=kind or "", committee=committee)
    return paginate(request, qs, params, transform=lambda rows: [event_out(request, e) for e in rows])


def event_detail(request, public_id: UUID) -> dict:
    event = queries.event_for_viewer(request.user, public_id)
    registration = reg_queries.registration_of(request.user, event)
    return {
        **event_out(request, event),
        "sessions": [session_out(s) for s in event.sessions.all().order_by("starts_at", "id")],
        "my_registration": registration.public_id if registration else None,
        "my_registration_status": registration.status if registration else None,
    }
