"""The organizer's steps: request (enqueue), compute, publish, lock."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import announce

from ...choices import B2BPhase, MeetingStatus
from ...models import B2BSession, Meeting
from ...queries.events import organizes
from ..b2b.meetings import set_locked
from ..b2b.sessions import set_phase
from .common import COMPUTING, DEFAULT_TIME_LIMIT, FAILED, _conflict, check_can_schedule
from .problem import build_problem
from .store import store_solution

log = logging.getLogger(__name__)


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
    from ...tasks import compute_b2b_schedule  # the tasks module imports the actions

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
    from ...scheduling.solver import solve

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


def publish_schedule(session: B2BSession, by) -> int:
    """Confirm every provisional meeting and move the session to its final schedule, which mails each
    participant their agenda (the phase change of :func:`..b2b.sessions.set_phase`); returns the
    number of meetings confirmed."""
    check_can_schedule(session, by)
    count = Meeting.objects.filter(session=session, status=MeetingStatus.PROVISIONAL).count()
    set_phase(by, session, B2BPhase.FINAL)
    return count


def set_meeting_lock(meeting: Meeting, by, locked: bool) -> Meeting:
    """Lock a meeting (re-running the scheduler keeps it where it is) or unlock it: the organizer's
    lock of :func:`..b2b.meetings.set_locked`."""
    if not organizes(by, meeting.session.event):
        raise PermissionDenied(_("Only the organizers of this event lock its meetings."))
    return set_locked(by, meeting, locked)
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    announce(
        "b2b.meeting_locked" if locked else "b2b.meeting_unlocked",
        subject=meeting,
        actor=by,
        data={"slot": meeting.slot_id, "table": meeting.table_id},
    )
    return meeting
