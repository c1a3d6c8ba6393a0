"""The organizer's steps: request (enqueue), compute, publish, lock."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce

from ...choices import B2BPhase, MeetingStatus
from ...models import B2BSession, Meeting
from ...queries.schedule import organizes
from .common import COMPUTING, DEFAULT_TIME_LIMIT, FAILED, _conflict, check_can_schedule
from .problem import build_problem
from .store import event_url, store_solution

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
    url = event_url(session.event)
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
