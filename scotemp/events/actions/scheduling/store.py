"""Storing a computed schedule in one transaction (see the package docstring)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from scotemp.core.effects import Notice, announce

from ...choices import B2BPhase, MeetingSource, MeetingStatus, RequestStatus
from ...models import B2BSession, Meeting, MeetingRequest, SlotHold
from ..common import event_names
from .common import DONE


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
    from ...scheduling.problem import Unscheduled

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
    # Kept as they are: the meetings the solver saw as locked, and any live meeting made meanwhile
    # (locked by the organizer, booked by the two sides) while the solver ran.
    locked_ids = {r.id for r in problem.requests if r.locked is not None} | set(
        Meeting.objects.filter(session=session)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("request_id", flat=True)
    )
    new = [m for m in solution.meetings if m.request not in locked_ids and m.request in sides]
    created, refused = _create(session, new, sides)
    unscheduled = {rid: reason for rid, reason in solution.unscheduled.items() if rid not in locked_ids}
    unscheduled.update({rid: Unscheduled.BUSY for rid in refused})
    met = ({m.request_id for m in created} | locked_ids) & set(sides)
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
        "percent": min(100.0, round(100 * objective / solution.bound, 2)) if solution.bound else 100.0,
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
    from ...models import Participant

    touched = {p for rid in changed_requests for p in sides.get(rid, ())}
    orgs = Participant.objects.filter(pk__in=touched).values_list("pk", "organization_id")
    url = event_url(session.event)
    counts: dict[int, int] = {}
    for rid in changed_requests:
        for p in sides.get(rid, ()):
            counts[p] = counts.get(p, 0) + 1
    return [
        Notice(
            "events.schedule_changed",
            {"event": event_names(session.event), "count": counts.get(pk, 0)},
            url,
            organization_id=org_id,
        )
        for pk, org_id in orgs
    ]


def event_url(event) -> str:
    """The event's page (the notices' link); empty until the event pages are installed."""
    from django.urls import NoReverseMatch

    try:
        return event.get_absolute_url()
    except NoReverseMatch:
        return ""
