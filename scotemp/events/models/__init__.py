"""Models of the events app, split by noun: events, their programme and registrations
(:mod:`.events`); B2B sessions, participants, requests, meetings and outcomes (:mod:`.b2b`)."""

from .b2b import (
    B2BSession,
    Interpreter,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Participant,
    SlotHold,
)
from .events import Event, EventSession, Registration

__all__ = [
    "B2BSession",
    "Event",
    "EventSession",
    "Interpreter",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "Participant",
    "Registration",
    "SlotHold",
]
