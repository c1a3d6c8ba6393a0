"""Reads of the organizer's “Schedule” page: the event an organizer runs (404 for anyone else), the
grid of slots × tables with each meeting, the requests left out with their reasons, the figures."""

import uuid

from django.http import Http404

from ..choices import MeetingStatus, RequestStatus
from ..models import B2BSession, Event, Meeting, MeetingRequest
from . import events as events_queries


def organized_event(user, public_id) -> Event:
    """The event, when ``user`` organizes it; 404 otherwise, also for an id that is no UUID (the API
    passes the path's text)."""
    try:
        uuid.UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    return events_queries.organized_event(user, public_id)


def organized_session(user, public_id) -> B2BSession:
    event = organized_event(user, public_id)
    session = B2BSession.objects.filter(event=event).first()
    if session is None:
        raise Http404
    session.event = event
    return session


def live_meetings(session):
    return (
        Meeting.objects.filter(session=session)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "table",
            "interpreter",
            "request__requester__organization",
            "request__recipient__organization",
        )
    )


def grid(session) -> dict:
    """``{"slots": [...], "tables": [...], "rows": [(slot, [meeting or None per table])], "count"}`` in
    four queries."""
    slots = list(session.slots.order_by("starts_at", "id"))
    tables = list(session.tables.order_by("id"))
    at = {(m.slot_id, m.table_id): m for m in live_meetings(session)}
    rows = [(slot, [at.get((slot.pk, t.pk)) for t in tables]) for slot in slots]
    return {"slots": slots, "tables": tables, "rows": rows, "count": len(at)}


def unscheduled(session, limit: int = 500) -> list[MeetingRequest]:
    return list(
        MeetingRequest.objects.filter(session=session, status=RequestStatus.ACCEPTED)
        .exclude(unscheduled_reason="")
        .select_related("requester__organization", "recipient__organization")
        .order_by("-priority", "id")[:limit]
    )


def meeting_of(session, public_id) -> Meeting:
    try:
        uuid.UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    meeting = (
        Meeting.objects.filter(session=session, public_id=public_id).select_related("session__event").first()
    )
    if meeting is None:
        raise Http404
    return meeting
