"""“Schedule all” on database rows: the problem built from them, the meetings and holds stored, the
reasons written, locked and confirmed meetings kept on a re-run, publishing, who may do it, and the
task and command paths."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from scotemp.core.models import AuditEntry
from scotemp.events.actions.scheduling import (
    build_problem,
    compute_schedule,
    publish_schedule,
    request_schedule,
    set_meeting_lock,
)
from scotemp.events.choices import B2BPhase, EventStatus, MeetingSource, MeetingStatus, UnscheduledReason
from scotemp.events.models import Meeting, MeetingRequest, SlotHold

from .schedule_data import accepted, make_interpreter, make_participant, make_session

pytestmark = pytest.mark.django_db

FAST = 5.0


def live(session):
    return Meeting.objects.filter(session=session).exclude(status=MeetingStatus.CANCELLED)


@pytest.fixture
def setup():
    session = make_session(slots=3, tables=2)
    slots = list(session.slots.all())
    zh = make_participant(session, ["zh"])
    ru = make_participant(session, ["ru"])
    en = make_participant(session, ["en", "ru"])
    interpreter = make_interpreter(session, ["zh-ru"], slots=[slots[1]])
    r1 = accepted(zh, ru, priority=3)
    r2 = accepted(en, ru)
    return session, slots, (zh, ru, en), interpreter, (r1, r2)


def test_problem_from_rows(setup):
    session, slots, (zh, _ru, _en), interpreter, (r1, r2) = setup
    pb = build_problem(session)
    assert pb.slots == tuple(s.pk for s in slots)
    assert pb.participants[zh.pk].available == frozenset(pb.slots)  # none marked: every slot
    assert pb.participants[zh.pk].cap == session.meeting_cap
    assert pb.interpreters[interpreter.pk].pairs == frozenset({frozenset({"zh", "ru"})})
    assert pb.interpreters[interpreter.pk].available == frozenset({slots[1].pk})
    assert {(r.id, r.weight) for r in pb.requests} == {(r1.pk, 3), (r2.pk, 1)}


def test_compute_stores_meetings_holds_and_figures(setup, operator):
    session, slots, (_zh, _ru, _en), interpreter, (r1, r2) = setup
    compute_schedule(session, operator, time_limit=FAST)
    meetings = {m.request_id: m for m in live(session)}
    assert set(meetings) == {r1.pk, r2.pk}
    m1 = meetings[r1.pk]
    assert m1.interpreter_id == interpreter.pk and m1.slot_id == slots[1].pk  # the interpreter's slot
    assert meetings[r2.pk].interpreter_id is None  # en+ru and ru share Russian
    assert all(
        m.status == MeetingStatus.PROVISIONAL and m.source == MeetingSource.SCHEDULER
        for m in meetings.values()
    )
    assert SlotHold.objects.filter(meeting=m1).count() == 4  # two sides, the table, the interpreter
    session.refresh_from_db()
    assert session.phase == B2BPhase.PROVISIONAL
    assert session.scheduled_at is not None
    stats = session.schedule_stats
    assert stats["state"] == "done"
    assert stats["objective"] == 4 and stats["bound"] == 4 and stats["percent"] == 100.0
    assert stats["meetings"] == 2 and stats["must_meet_placed"] == 1
    assert AuditEntry.objects.filter(verb="b2b.schedule_computed").count() == 1


def test_reasons_written_and_cleared(operator):
    session = make_session(slots=2, tables=1)
    s1, s2 = session.slots.all()
    a = make_participant(session, slots=[s1])
    b = make_participant(session, slots=[s2])
    c = make_participant(session, ["zh"])
    d = make_participant(session, ["ru"])
    no_slot = accepted(a, b)
    no_interpreter = accepted(c, d)
    compute_schedule(session, operator, time_limit=FAST)
    no_slot.refresh_from_db()
    no_interpreter.refresh_from_db()
    assert no_slot.unscheduled_reason == UnscheduledReason.NO_COMMON_SLOT
    assert no_interpreter.unscheduled_reason == UnscheduledReason.NO_INTERPRETER
    make_interpreter(session, ["ru-zh"])
    compute_schedule(session, operator, time_limit=FAST)
    no_interpreter.refresh_from_db()
    assert no_interpreter.unscheduled_reason == ""
    assert live(session).get().request_id == no_interpreter.pk


def test_rerun_replaces_provisional_and_keeps_locked_and_confirmed(operator):
    session = make_session(slots=3, tables=1)
    people = [make_participant(session) for _ in range(4)]
    r1 = accepted(people[0], people[1])
    r2 = accepted(people[2], people[3])
    compute_schedule(session, operator, time_limit=FAST)
    m1 = live(session).get(request=r1)
    m2 = live(session).get(request=r2)
    set_meeting_lock(m1, operator, True)
    Meeting.objects.filter(pk=m2.pk).update(status=MeetingStatus.CONFIRMED)
    r3 = accepted(people[0], people[2], priority=3)
    compute_schedule(session, operator, time_limit=FAST)
    assert live(session).get(request=r1).pk == m1.pk  # the same row, same slot and table
    assert live(session).get(request=r2).pk == m2.pk
    m3 = live(session).get(request=r3)
    assert m3.slot_id not in {m1.slot_id, m2.slot_id}
    # An unlocked provisional meeting is replaced on the next run (cancelled, its holds released).
    compute_schedule(session, operator, time_limit=FAST)
    assert Meeting.objects.get(pk=m3.pk).status == MeetingStatus.CANCELLED
    assert not SlotHold.objects.filter(meeting_id=m3.pk).exists()
    assert live(session).filter(request=r3).count() == 1


def test_publish_confirms_and_finalizes(setup, operator):
    session = setup[0]
    compute_schedule(session, operator, time_limit=FAST)
    assert publish_schedule(session, operator) == 2
    session.refresh_from_db()
    assert session.phase == B2BPhase.FINAL
    assert set(live(session).values_list("status", flat=True)) == {MeetingStatus.CONFIRMED}
    # A re-run keeps the published meetings where they are.
    before = set(live(session).values_list("pk", "slot_id", "table_id"))
    compute_schedule(session, operator, time_limit=FAST)
    assert set(live(session).values_list("pk", "slot_id", "table_id")) == before


def test_only_organizers(setup, li_wei, operator):
    session = setup[0]
    with pytest.raises(PermissionDenied):
        compute_schedule(session, li_wei, time_limit=FAST)
    with pytest.raises(PermissionDenied):
        publish_schedule(session, li_wei)
    compute_schedule(session, operator, time_limit=FAST)
    with pytest.raises(PermissionDenied):
        set_meeting_lock(live(session).first(), li_wei, True)


def test_committee_secretary_organizes(li_wei):
    from scotemp.committees.models import Committee

    committee = Committee.objects.create(slug="agri", name="Agriculture", description="x", secretary=li_wei)
    from .schedule_data import make_event

    session = make_session(make_event(committee=committee))
    a, b = make_participant(session), make_participant(session)
    accepted(a, b)
    compute_schedule(session, li_wei, time_limit=FAST)
    assert live(session).count() == 1


@pytest.mark.parametrize("phase", [B2BPhase.PROFILE, B2BPhase.REQUESTS_OPEN])
def test_refused_before_requests_close(phase, operator):
    session = make_session(phase=phase)
    with pytest.raises(ValidationError) as err:
        compute_schedule(session, operator, time_limit=FAST)
    assert err.value.code == "conflict"
    assert "Close the meeting requests" in err.value.messages[0]


def test_refused_for_a_cancelled_event(operator):
    session = make_session()
    session.event.status = EventStatus.CANCELLED
    session.event.save()
    with pytest.raises(ValidationError, match="cancelled"):
        compute_schedule(session, operator, time_limit=FAST)


def test_a_booking_made_meanwhile_wins(setup, operator):
    """Another meeting booked between reading the rows and storing the result keeps its places; the
    scheduler's meeting that needed one of them is left out, its request marked busy."""
    from scotemp.events.actions import scheduling
    from scotemp.events.scheduling.solver import solve

    session, _slots, (_zh, ru, en), _interpreter, (r1, r2) = setup
    pb = build_problem(session, time_limit=FAST)
    solution = solve(pb)
    clash = next(m for m in solution.meetings if m.request == r2.pk)
    other = make_participant(session, ["ru"])
    r3 = accepted(other, ru)  # made after the problem was read
    booked = Meeting.objects.create(
        session=session,
        request=r3,
        slot_id=clash.slot,
        table_id=clash.table,
        status=MeetingStatus.CONFIRMED,
        source=MeetingSource.BOOKED,
    )
    SlotHold.objects.create(meeting=booked, slot_id=clash.slot, participant=other)
    SlotHold.objects.create(meeting=booked, slot_id=clash.slot, participant=ru)
    SlotHold.objects.create(meeting=booked, slot_id=clash.slot, table_id=clash.table)
    scheduling.store_solution(session, pb, solution, operator)
    assert live(session).filter(request=r3).get().pk == booked.pk
    assert not live(session).filter(request=r2).exists()
    assert MeetingRequest.objects.get(pk=r2.pk).unscheduled_reason == UnscheduledReason.BUSY
    assert live(session).filter(request=r1).exists()
    assert not SlotHold.objects.filter(slot_id=clash.slot, participant=en).exists()


def test_request_runs_the_task_and_notifies(setup, operator, django_capture_on_commit_callbacks):
    from scotemp.notifications.models import Notification

    session, *_ = setup
    with django_capture_on_commit_callbacks(execute=True):
        request_schedule(session, operator)
    session.refresh_from_db()
    assert session.schedule_stats["state"] == "done"
    assert live(session).count() == 2
    assert Notification.objects.filter(kind="events.schedule_changed").exists()


def test_command(setup, operator, capsys):
    session = setup[0]
    call_command("schedule_b2b", str(session.event.public_id), "--time-limit", "5", "--publish")
    out = capsys.readouterr().out
    assert "2 meetings" in out and "Published: 2" in out
    session.refresh_from_db()
    assert session.phase == B2BPhase.FINAL


def test_a_refusal_inside_the_task_marks_the_computation_failed(
    setup, operator, django_capture_on_commit_callbacks
):
    """The phase reopened between the request and the task: the task refuses, and the page can say so
    instead of “computing…” forever."""
    from scotemp.events.models import B2BSession

    session = setup[0]
    request_schedule(session, operator)  # on commit: not run yet
    B2BSession.objects.filter(pk=session.pk).update(phase=B2BPhase.REQUESTS_OPEN)
    session.refresh_from_db()
    with pytest.raises(ValidationError):
        compute_schedule(session, operator, time_limit=FAST)
    session.refresh_from_db()
    assert session.schedule_stats["state"] == "failed"
    assert "Close the meeting requests" in session.schedule_stats["error"]


def test_a_meeting_locked_while_the_solver_ran_is_kept(setup, operator):
    """A provisional meeting the organizer locks while a re-run computes: the solver saw it as
    movable, the store keeps it (no second meeting for the request, no reason written on it)."""
    from scotemp.events.actions import scheduling
    from scotemp.events.scheduling.solver import solve

    session, _slots, _people, _interpreter, (r1, r2) = setup
    compute_schedule(session, operator, time_limit=FAST)
    m2 = live(session).get(request=r2)
    pb = build_problem(session, time_limit=FAST)
    solution = solve(pb)
    set_meeting_lock(m2, operator, True)
    scheduling.store_solution(session, pb, solution, operator)
    assert live(session).filter(request=r2).get().pk == m2.pk
    assert MeetingRequest.objects.get(pk=r2.pk).unscheduled_reason == ""
    assert live(session).filter(request=r1).count() == 1
