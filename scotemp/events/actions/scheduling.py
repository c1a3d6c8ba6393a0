"""“Schedule all”: the organizer computes a B2B session's whole schedule, then publishes it.

:func:`request_schedule` marks the session as computing and enqueues :func:`compute_schedule` (the
task worker runs it; a test backend at once); :func:`compute_schedule` builds the scheduler's
:class:`~scotemp.events.scheduling.Problem` from the rows, solves it outside any transaction, then
stores the result in one: the previous provisional meetings of the scheduler are cancelled (their
:class:`SlotHold` rows released), the new ones created with their holds, each accepted request's
``unscheduled_reason`` written (cleared when met), the figures kept in ``session.schedule_stats``,
and the participants whose meetings changed told. A meeting that is locked, confirmed (published or
booked by the two sides) or placed by the organizer is kept as it is: the solver sees it as locked.
:func:`publish_schedule` confirms the provisional meetings and moves the phase to final.

A booking made while the solver ran wins: the unique constraints on the holds refuse the scheduler's
conflicting meeting, which is then left out (its request marked busy)."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce

from ..choices import B2BPhase, EventStatus, MeetingSource, MeetingStatus, RequestStatus
from ..models import B2BSession, Meeting, MeetingRequest, SlotHold
from ..queries.schedule import organizes
from ..scheduling import problem as sp

log = logging.getLogger(__name__)

SCHEDULABLE = (B2BPhase.REQUESTS_CLOSED, B2BPhase.PROVISIONAL, B2BPhase.FINAL)
DEFAULT_TIME_LIMIT = 55.0  # seconds: within the minute on two cores, model and storing included
COMPUTING, DONE, FAILED = "computing", "done", "failed"


def _conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def check_can_schedule(session: B2BSession, by) -> None:
    event = session.event
    if not organizes(by, event):
        raise PermissionDenied(_("Only the organizers of this event compute its schedule."))
    if event.status == EventStatus.CANCELLED:
        raise _conflict(_("This event was cancelled: its meetings are no longer scheduled."))
    if session.phase not in SCHEDULABLE:
        raise _conflict(
            _("Close the meeting requests before computing the schedule (the phase is now “%(phase)s”).")
            % {"phase": session.get_phase_display()}
        )


# ---- building the problem ----


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


# ---- computing and storing ----


def request_schedule(session: B2BSession, by) -> B2BSession:
    """Mark the session as computing and enqueue the computation (run when this commits)."""
    check_can_schedule(session, by)
    with transaction.atomic():
        locked = B2BSession.objects.select_for_update().get(pk=session.pk)
        stats = dict(locked.schedule_stats or {})
        if stats.get("state") == COMPUTING and stats.get("started_at"):
            started = datetime.datetime.fromisoformat(stats["started_at"])
            if (timezone.now() - started).total_seconds() < 10 * 60:
                raise _conflict(_("The schedule is being computed already. Wait for it to finish."))
        stats.update(state=COMPUTING, progress="queued", started_at=timezone.now().isoformat(), by=by.pk)
        locked.schedule_stats = stats
        locked.save(update_fields=["schedule_stats", "updated_at"])
        announce(
            "b2b.schedule_requested",
            subject=locked,
            actor=by,
            key=f"events:b2b:{locked.pk}:request:{stats['started_at']}",
        )
        transaction.on_commit(lambda: _enqueue(locked.pk, by.pk))
    return locked


def _enqueue(session_id: int, user_id: int) -> None:
    from ..tasks import compute_b2b_schedule  # the tasks module imports the actions

    compute_b2b_schedule.enqueue(session_id, user_id)


def _set_progress(session_id: int, step: str) -> None:
    session = B2BSession.objects.filter(pk=session_id).only("schedule_stats").first()
    if session is None:
        return
    stats = dict(session.schedule_stats or {})
    stats.update(state=COMPUTING, progress=step)
    B2BSession.objects.filter(pk=session_id).update(schedule_stats=stats)


def compute_schedule(session: B2BSession, by, *, time_limit: float = DEFAULT_TIME_LIMIT, progress=None):
    """Compute and store the schedule (see the module docstring); returns the solver's Solution."""
    from ..scheduling.solver import solve

    def say(step):
        _set_progress(session.pk, step)
        if progress:
            progress(step)

    try:
        check_can_schedule(session, by)
        say("reading")
        problem = build_problem(session, time_limit=time_limit)
        solution = solve(problem, progress=say)
    except (PermissionDenied, ValidationError) as error:
        _failed(session.pk, " ".join(getattr(error, "messages", [str(error)])))
        raise
    except Exception:
        log.exception("B2B session %s: the scheduler failed", session.pk)
        _failed(session.pk, "")
        raise
    say("storing")
    store_solution(session, problem, solution, by)
    if progress:
        progress("done")
    return solution


def _failed(session_id: int, message: str) -> None:
    """Mark the computation failed (the page says so, with the refusal when there was one)."""
    session = B2BSession.objects.filter(pk=session_id).only("schedule_stats").first()
    if session is None:
        return
    stats = dict(session.schedule_stats or {})
    if stats.get("state") != COMPUTING:
        return  # a refusal before anything started leaves the previous result as it was
    stats.update(state=FAILED, progress="", error=message)
    B2BSession.objects.filter(pk=session_id).update(schedule_stats=stats)


def _holds(meeting: Meeting, a: int, b: int) -> list[SlotHold]:
    holds = [
        SlotHold(meeting=meeting, slot_id=meeting.slot_id, participant_id=a),
        SlotHold(meeting=meeting, slot_id=meeting.slot_id, participant_id=b),
        SlotHold(meeting=meeting, slot_id=meeting.slot_id, table_id=meeting.table_id),
    ]
    if meeting.interpreter_id:
        holds.append(
            SlotHold(meeting=meeting, slot_id=meeting.slot_id, interpreter_id=meeting.interpreter_id)
        )
    return holds


def _create(session, placed, sides) -> tuple[list[Meeting], set[int]]:
    """Create the meetings and their holds: all at once, or (when a booking made meanwhile took a
    place) one by one, leaving out each one a hold refuses. Returns (created, refused request ids)."""
    rows = [
        Meeting(
            session=session,
            request_id=m.request,
            slot_id=m.slot,
            table_id=m.table,
            interpreter_id=m.interpreter,
            status=MeetingStatus.PROVISIONAL,
            source=MeetingSource.SCHEDULER,
        )
        for m in placed
    ]
    try:
        with transaction.atomic():
            created = Meeting.objects.bulk_create(rows)
            SlotHold.objects.bulk_create([h for m in created for h in _holds(m, *sides[m.request_id])])
        return created, set()
    except IntegrityError:
        pass
    created, refused = [], set()
    for row in rows:
        try:
            with transaction.atomic():
                row.save()
                SlotHold.objects.bulk_create(_holds(row, *sides[row.request_id]))
            created.append(row)
        except IntegrityError:
            row.pk = None
            refused.add(row.request_id)
    return created, refused


@transaction.atomic
def store_solution(session: B2BSession, problem, solution, by) -> B2BSession:
    from ..scheduling.problem import Unscheduled

    session = B2BSession.objects.select_for_update().select_related("event").get(pk=session.pk)
    sides = {r.id: (r.a, r.b) for r in problem.requests}
    old = list(
        Meeting.objects.filter(
            session=session,
            status=MeetingStatus.PROVISIONAL,
            source=MeetingSource.SCHEDULER,
            locked=False,
        )
    )
    before = {m.request_id: (m.slot_id, m.table_id, m.interpreter_id) for m in old}
    SlotHold.objects.filter(meeting__in=old).delete()
    Meeting.objects.filter(pk__in=[m.pk for m in old]).update(status=MeetingStatus.CANCELLED)
    locked_ids = {r.id for r in problem.requests if r.locked is not None}
    new = [m for m in solution.meetings if m.request not in locked_ids and m.request in sides]
    created, refused = _create(session, new, sides)
    unscheduled = dict(solution.unscheduled)
    unscheduled.update({rid: Unscheduled.BUSY for rid in refused})
    met = {m.request_id for m in created} | locked_ids
    # Reasons: one UPDATE per reason, and one to clear the met ones.
    accepted = MeetingRequest.objects.filter(session=session, status=RequestStatus.ACCEPTED)
    accepted.filter(pk__in=met).exclude(unscheduled_reason="").update(unscheduled_reason="")
    by_reason: dict[str, list[int]] = {}
    for rid, reason in unscheduled.items():
        by_reason.setdefault(reason, []).append(rid)
    for reason, ids in by_reason.items():
        accepted.filter(pk__in=ids).update(unscheduled_reason=reason)
    after = {m.request_id: (m.slot_id, m.table_id, m.interpreter_id) for m in created}
    changed = {rid for rid in set(before) | set(after) if before.get(rid) != after.get(rid)}
    weights = {r.id: r.weight for r in problem.requests}
    reason_counts: dict[str, int] = {}
    for reason in unscheduled.values():
        reason_counts[reason] = reason_counts.get(reason, 0) + 1
    objective = sum(weights[rid] for rid in met)
    stats = {
        "state": DONE,
        "progress": "",
        "objective": objective,
        "bound": solution.bound,
        "percent": round(100 * objective / solution.bound, 2) if solution.bound else 100.0,
        "status": solution.status if not refused else "feasible",
        "seconds": solution.seconds,
        "meetings": len(met),
        "interpreted": sum(1 for m in solution.meetings if m.interpreter is not None and m.request in met),
        "must_meet": solution.stats.get("must_meet", 0),
        "must_meet_placed": sum(1 for rid in met if weights[rid] >= 3),
        "idle_gaps": solution.idle_gaps,
        "requests": len(problem.requests),
        "unscheduled": reason_counts,
        "changed": len(changed),
    }
    session.schedule_stats = stats
    session.scheduled_at = timezone.now()
    phase_before = session.phase
    if session.phase == B2BPhase.REQUESTS_CLOSED:
        session.phase = B2BPhase.PROVISIONAL
    session.save(update_fields=["schedule_stats", "scheduled_at", "phase", "updated_at"])
    announce(
        "b2b.schedule_computed",
        subject=session,
        actor=by,
        from_status=phase_before,
        to_status=session.phase,
        data={k: v for k, v in stats.items() if k != "unscheduled"},
        notices=_change_notices(session, changed, sides),
        key=f"events:b2b:{session.pk}:computed:{session.scheduled_at.isoformat()}",
    )
    return session


def _change_notices(session, changed_requests, sides) -> list[Notice]:
    from ..models import Participant

    touched = {p for rid in changed_requests for p in sides.get(rid, ())}
    orgs = Participant.objects.filter(pk__in=touched).values_list("pk", "organization_id")
    url = _event_url(session.event)
    counts: dict[int, int] = {}
    for rid in changed_requests:
        for p in sides.get(rid, ()):
            counts[p] = counts.get(p, 0) + 1
    return [
        Notice(
            "events.schedule_changed",
            {"event": session.event.title, "count": counts.get(pk, 0)},
            url,
            organization_id=org_id,
        )
        for pk, org_id in orgs
    ]


def _event_url(event) -> str:
    """The event's page (the notices' link); empty until the event pages are installed."""
    from django.urls import NoReverseMatch

    try:
        return event.get_absolute_url()
    except NoReverseMatch:
        return ""


# ---- the organizer's other steps ----


@transaction.atomic
def publish_schedule(session: B2BSession, by) -> int:
    """Confirm every provisional meeting and move the session to its final schedule; returns the
    number of meetings confirmed."""
    check_can_schedule(session, by)
    session = B2BSession.objects.select_for_update().select_related("event").get(pk=session.pk)
    provisional = Meeting.objects.filter(session=session, status=MeetingStatus.PROVISIONAL)
    count = provisional.update(status=MeetingStatus.CONFIRMED)
    before = session.phase
    session.phase = B2BPhase.FINAL
    session.save(update_fields=["phase", "updated_at"])
    orgs = (
        session.participants.filter(
            Q(sent_requests__meetings__status=MeetingStatus.CONFIRMED)
            | Q(received_requests__meetings__status=MeetingStatus.CONFIRMED)
        )
        .values_list("organization_id", flat=True)
        .distinct()
    )
    url = _event_url(session.event)
    announce(
        "b2b.schedule_published",
        subject=session,
        actor=by,
        from_status=before,
        to_status=B2BPhase.FINAL,
        data={"confirmed": count},
        notices=[
            Notice("events.schedule_published", {"event": session.event.title}, url, organization_id=org)
            for org in sorted(set(orgs))
        ],
        key=f"events:b2b:{session.pk}:published:{timezone.now().isoformat()}",
    )
    return count


@transaction.atomic
def set_meeting_lock(meeting: Meeting, by, locked: bool) -> Meeting:
    """Lock a meeting (re-running the scheduler keeps it where it is) or unlock it."""
    meeting = Meeting.objects.select_for_update().select_related("session__event").get(pk=meeting.pk)
    if not organizes(by, meeting.session.event):
        raise PermissionDenied(_("Only the organizers of this event lock its meetings."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise _conflict(_("This meeting was cancelled: it cannot be locked."))
    if meeting.locked == locked:
        return meeting
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    announce(
        "b2b.meeting_locked" if locked else "b2b.meeting_unlocked",
        subject=meeting,
        actor=by,
        data={"slot": meeting.slot_id, "table": meeting.table_id},
    )
    return meeting
