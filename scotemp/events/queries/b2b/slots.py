"""Reads behind booking a B2B meeting: who is free in a slot (by their availability and the slot
holds), which tables and interpreters are free, the free common slots of an accepted request, and how
many live meetings a participant has against their cap."""

from django.db.models import Q

from ...choices import MeetingStatus
from ...models import Interpreter, Meeting, MeetingRequest, MeetingTable, Participant, SlotHold

LIVE_MEETING = ~Q(status=MeetingStatus.CANCELLED)


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
