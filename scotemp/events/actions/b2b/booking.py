"""Self-booking: the two sides of an accepted request put their meeting in a free common slot
themselves, before the organizer's schedule is out. The organizer places meetings the same way.

No double booking, whoever books first and on any database: the meeting holds its slot for each
participant, its table and its interpreter through ``SlotHold`` rows whose unique constraints refuse
a second hold. Two bookings racing for the same person, table or interpreter: one commits, the
other's insert fails and becomes the translated conflict "this slot was just taken" (409 in the API);
a table or interpreter taken meanwhile is replaced by another free one when there is one."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import is_member

from ...choices import B2BPhase, MeetingSource, MeetingStatus, RequestStatus
from ...models import Meeting, MeetingRequest, Participant, SlotHold
from ...queries.b2b.slots import (
    LIVE_MEETING,
    cap_of,
    free_common_slots,
    held,
    interpreter_candidates,
    is_free,
    live_meetings,
    needs_interpreter,
    table_candidates,
)
from ..common import event_names
from .common import check_phase, conflict, local_time, notice_to, participant_label, participant_name, refuse

__all__ = ["book_meeting", "check_bookable", "free_common_slots", "place"]

BOOKING_PHASES = (B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED)


def slot_taken() -> Exception:
    return conflict(_("This slot was just taken: choose another free slot."))


def check_bookable(request: MeetingRequest, slot, *, organizer: bool = False) -> None:
    """The request accepted, the slot of its session, both sides free then and under their caps."""
    if request.status != RequestStatus.ACCEPTED:
        raise refuse("request", _("Only an accepted request can be booked."), "not_accepted")
    if slot.session_id != request.session_id:
        raise refuse("slot", _("Choose one of this session's time slots."))
    a, b = request.requester, request.recipient
    if not organizer:
        for side in (a, b):
            if not is_free(side, slot):
                raise refuse(
                    "slot",
                    _("%(name)s is not available in this slot.") % {"name": participant_label(side)},
                    "not_available",
                )
    for side in (a, b):
        if live_meetings(side) >= cap_of(side):
            raise refuse(
                "request",
                _("%(name)s reached their limit of %(cap)d meetings.")
                % {"name": participant_label(side), "cap": cap_of(side)},
                "meeting_cap",
            )


def _hold_one(meeting, slot, field: str, candidates) -> object:
    """Hold the first candidate still free (each try in its own savepoint); None when all are taken."""
    for candidate in candidates:
        try:
            with transaction.atomic():
                SlotHold.objects.create(meeting=meeting, slot=slot, **{field: candidate})
            return candidate
        except IntegrityError:
            continue
    return None


def place(
    user, request, slot, *, source: str, status: str, table=None, interpreter=None, locked=False
) -> Meeting:
    """Create the meeting of ``request`` in ``slot`` with its holds (inside the caller's transaction).
    ``table`` / ``interpreter`` given: exactly those, else the first free ones."""
    session = request.session
    a, b = request.requester, request.recipient
    if held(slot, participant__in=[a, b]):
        raise slot_taken()
    tables = [table] if table is not None else table_candidates(session, slot, a, b)
    if not tables:
        raise refuse("slot", _("No table is free in this slot: choose another."), "no_table")
    interpreters = []
    if needs_interpreter(a, b):
        interpreters = (
            [interpreter] if interpreter is not None else interpreter_candidates(session, slot, a, b)
        )
        if not interpreters:
            raise refuse(
                "slot",
                _("You share no working language and no interpreter of your languages is free in this slot."),
                "no_interpreter",
            )
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                session=session,
                request=request,
                slot=slot,
                table=tables[0],
                status=status,
                source=source,
                locked=locked,
            )
            for side in (a, b):
                SlotHold.objects.create(meeting=meeting, slot=slot, participant=side)
    except IntegrityError:
        if Meeting.objects.filter(LIVE_MEETING, request=request).exists():
            raise conflict(_("This request already has a meeting.")) from None
        raise slot_taken() from None
    chosen_table = _hold_one(meeting, slot, "table", tables)
    if chosen_table is None:
        raise slot_taken()
    chosen_interpreter = None
    if interpreters:
        chosen_interpreter = _hold_one(meeting, slot, "interpreter", interpreters)
        if chosen_interpreter is None:
            raise slot_taken()
    if chosen_table.pk != meeting.table_id or chosen_interpreter is not None:
        meeting.table = chosen_table
        meeting.interpreter = chosen_interpreter
        meeting.save(update_fields=["table", "interpreter", "updated_at"])
    return meeting


def meeting_params(meeting: Meeting, participant: Participant, other: Participant) -> dict:
    return {
        "other": participant_name(other),
        "event": event_names(meeting.session.event),
        "time": local_time(participant, meeting.slot.starts_at),
        "table": meeting.table.label,
        "interpreter": meeting.interpreter.name if meeting.interpreter_id else "—",
    }


def agenda_url(session) -> str:
    from django.urls import reverse

    return reverse("events:b2b_agenda", args=[session.event.public_id])


def book_meeting(user, request: MeetingRequest, slot) -> Meeting:
    """One side of an accepted request books ``slot`` for the two of them (confirmed at once)."""
    actor_side = next(
        (p for p in (request.requester, request.recipient) if is_member(user, p.organization_id)), None
    )
    if actor_side is None:
        raise PermissionDenied(_("Only the two sides of a request can book its meeting."))
    session = request.session
    check_phase(
        session,
        BOOKING_PHASES,
        "slot",
        _("Meetings can be booked only before the organizer publishes the schedule (phase: %(phase)s)."),
    )
    with transaction.atomic():
        locked = (
            MeetingRequest.objects.select_for_update(of=("self",))
            .select_related("session__event", "requester__registration", "recipient__registration")
            .get(pk=request.pk)
        )
        check_bookable(locked, slot)
        meeting = place(user, locked, slot, source=MeetingSource.BOOKED, status=MeetingStatus.CONFIRMED)
        announce(
            "b2b_meeting.booked",
            subject=meeting,
            actor=user,
            organization=actor_side.organization_id,
            to_status=meeting.status,
            data={"slot": slot.pk, "table": meeting.table_id, "interpreter": meeting.interpreter_id},
            notices=[
                notice_to(
                    side,
                    "events.b2b_meeting_booked",
                    meeting_params(meeting, side, other),
                    agenda_url(session),
                )
                for side, other in (
                    (locked.requester, locked.recipient),
                    (locked.recipient, locked.requester),
                )
            ],
        )
    return meeting
