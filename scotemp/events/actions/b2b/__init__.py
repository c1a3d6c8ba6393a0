"""Writes of the B2B meetings, one module per noun: the organizer's session set-up
(:mod:`.sessions`), participants (:mod:`.participants`), requests (:mod:`.requests`), self-booking
(:mod:`.booking`), changes to meetings (:mod:`.meetings`) and outcomes (:mod:`.outcomes`)."""

from .booking import book_meeting, free_common_slots
from .meetings import cancel_meeting, move_meeting, place_meeting, set_locked
from .outcomes import record_outcome
from .participants import join_session, set_availability, update_profile
from .requests import answer_request, send_request, withdraw_request
from .sessions import (
    add_interpreter,
    add_slots,
    add_tables,
    create_session,
    remove_slot,
    set_participant_cap,
    set_phase,
    update_session,
)

__all__ = [
    "add_interpreter",
    "add_slots",
    "add_tables",
    "answer_request",
    "book_meeting",
    "cancel_meeting",
    "create_session",
    "free_common_slots",
    "join_session",
    "move_meeting",
    "place_meeting",
    "record_outcome",
    "remove_slot",
    "send_request",
    "set_availability",
    "set_locked",
    "set_participant_cap",
    "set_phase",
    "update_profile",
    "update_session",
    "withdraw_request",
]
