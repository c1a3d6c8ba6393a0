"""The scheduler's problem built from a B2B session's rows."""

from ...choices import MeetingSource, MeetingStatus, RequestStatus
from ...models import B2BSession, Meeting, MeetingRequest
from ...scheduling import problem as sp
from .common import DEFAULT_TIME_LIMIT


def _pairs(codes) -> frozenset:
    out = set()
    for code in codes or ():
        parts = [p.strip().lower() for p in str(code).replace("–", "-").split("-") if p.strip()]
        if len(parts) == 2 and parts[0] != parts[1]:
            out.add(frozenset(parts))
    return frozenset(out)


def keeps(meeting: Meeting) -> bool:
    """A live meeting the scheduler keeps as it is (everything but its own unlocked provisional ones)."""
    return meeting.locked or not (
        meeting.status == MeetingStatus.PROVISIONAL and meeting.source == MeetingSource.SCHEDULER
    )


def build_problem(session: B2BSession, time_limit: float = DEFAULT_TIME_LIMIT, workers: int = 2):
    """The scheduler's problem for ``session`` from its rows (a fixed number of queries)."""
    slots = list(session.slots.order_by("starts_at", "id").values_list("id", flat=True))
    all_slots = frozenset(slots)
    people = list(session.participants.prefetch_related("available_slots"))
    booth_owner = {p.booth_id: p.pk for p in people if p.booth_id}
    participants = {
        p.pk: sp.Participant(
            p.pk,
            frozenset(str(lang).lower() for lang in (p.languages or ())),
            frozenset(s.pk for s in p.available_slots.all()) or all_slots,
            p.cap if p.cap is not None else session.meeting_cap,
            p.booth_id,
        )
        for p in people
    }
    tables = {
        t: sp.Table(t, booth_of=booth_owner.get(t)) for t in session.tables.values_list("id", flat=True)
    }
    interpreters = {
        i.pk: sp.Interpreter(
            i.pk, _pairs(i.pairs), frozenset(s.pk for s in i.available_slots.all()) or all_slots
        )
        for i in session.interpreters.prefetch_related("available_slots")
    }
    live = {
        m.request_id: m
        for m in Meeting.objects.filter(session=session).exclude(status=MeetingStatus.CANCELLED)
    }
    requests = []
    for r in MeetingRequest.objects.filter(session=session, status=RequestStatus.ACCEPTED).order_by("id"):
        if r.requester_id not in participants or r.recipient_id not in participants:
            continue
        m = live.get(r.pk)
        locked = (
            sp.Meeting(r.pk, m.slot_id, m.table_id, m.interpreter_id) if m is not None and keeps(m) else None
        )
        requests.append(sp.Request(r.pk, r.requester_id, r.recipient_id, int(r.priority), locked))
    return sp.Problem(
        tuple(slots),
        participants,
        tables,
        interpreters,
        tuple(requests),
        time_limit=time_limit,
        workers=workers,
    )
