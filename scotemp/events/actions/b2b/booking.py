"""Self-booking: the two sides of an accepted request put their meeting in a free common slot
themselves, before the organizer's schedule is out. The organizer places meetings the same way.

No double booking, whoever books first and on any database: the meeting holds its slot for each
participant, its table and its interpreter through ``SlotHold`` rows whose unique constraints refuse
a second hold. Two bookings racing for the same person, table or interpreter: one commits, the
other's insert fails and becomes the translated conflict "this slot was just taken" (409 in the API);
a table or interpreter taken meanwhile is replaced by another free one when there is one."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.core.permissions import is_member

from ...choices import B2BPhase, MeetingSource, MeetingStatus, RequestStatus
from ...models import Interpreter, Meeting, MeetingRequest, MeetingTable, Participant, SlotHold
from .common import check_phase, conflict, local_time, notice_to, participant_label, refuse

BOOKING_PHASES = (B2BPhase.REQUESTS_OPEN, B2BPhase.REQUESTS_CLOSED)
LIVE_MEETING = ~Q(status=MeetingStatus.CANCELLED)


def slot_taken() -> Exception:
    return conflict(_("This slot was just taken: choose another free slot."))


def is_free(participant: Participant, slot) -> bool:
    """Free in ``slot`` by their availability (none marked: free in every slot)."""
    marked = set(participant.available_slots.values_list("pk", flat=True))
    return not marked or slot.pk in marked


def needs_interpreter(a: Participant, b: Participant) -> bool:
    return not (set(a.languages or []) & set(b.languages or []))


def pairs_needed(a: Participant, b: Participant) -> set[str]:
    return {"-".join(sorted((x, y))) for x in a.languages or [] for y in b.languages or [] if x != y}


def live_meetings(participant: Participant) -> int:
    return (
        Meeting.objects.filter(LIVE_MEETING)
        .filter(Q(request__requester=participant) | Q(request__recipient=participant))
        .count()
    )


def cap_of(participant: Participant) -> int:
    return participant.cap or participant.session.meeting_cap


def held(slot, **what) -> bool:
    return SlotHold.objects.filter(slot=slot, **what).exists()


def table_candidates(session, slot, a: Participant, b: Participant) -> list[MeetingTable]:
    """A booth of either side (the recipient's first), else the free tables that are nobody's booth."""
    booths = [p.booth for p in (b, a) if p.booth_id]
    if booths:
        return booths
    booth_ids = set(
        Participant.objects.filter(session=session, booth__isnull=False).values_list("booth_id", flat=True)
    )
    taken = set(SlotHold.objects.filter(slot=slot, table__isnull=False).values_list("table_id", flat=True))
    return [t for t in session.tables.all() if t.pk not in booth_ids and t.pk not in taken]


def interpreter_candidates(session, slot, a: Participant, b: Participant) -> list[Interpreter]:
    pairs = pairs_needed(a, b)
    taken = set(
        SlotHold.objects.filter(slot=slot, interpreter__isnull=False).values_list("interpreter_id", flat=True)
    )
    out = []
    for interpreter in session.interpreters.prefetch_related("available_slots"):
        if interpreter.pk in taken or not (set(interpreter.pairs or []) & pairs):
            continue
        marked = {s.pk for s in interpreter.available_slots.all()}
        if marked and slot.pk not in marked:
            continue
        out.append(interpreter)
    return out


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
        "other": participant_label(other),
        "event": str(meeting.session.event),
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


def free_common_slots(request: MeetingRequest) -> list:
    """The session's slots where both sides are free by their availability and have no meeting yet,
    and a table (and, when needed, an interpreter) is free."""
    session = request.session
    a, b = request.requester, request.recipient
    busy = set(
        SlotHold.objects.filter(participant__in=[a, b], slot__session=session).values_list(
            "slot_id", flat=True
        )
    )
    out = []
    for slot in session.slots.all():
        if slot.pk in busy or not (is_free(a, slot) and is_free(b, slot)):
            continue
        if not table_candidates(session, slot, a, b):
            continue
        if a.booth_id or b.booth_id:
            booth = (b if b.booth_id else a).booth_id
            if held(slot, table_id=booth):
                continue
        if needs_interpreter(a, b) and not interpreter_candidates(session, slot, a, b):
            continue
        out.append(slot)
    return out
