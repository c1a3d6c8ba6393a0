"""The scheduler (a pure function, no database): its optimum equals brute force on small random
instances, every rule holds in its output, locked meetings stay, interpreters are assigned exactly
when the two sides share no language, and each request left out says why."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scotemp.events.scheduling.check import violations
from scotemp.events.scheduling.problem import (
    Interpreter,
    Meeting,
    Participant,
    Problem,
    Request,
    Table,
    Unscheduled,
)
from scotemp.events.scheduling.solver import solve

from .scheduling_brute import brute_force

ZR = frozenset({"zh", "ru"})
ZE = frozenset({"zh", "en"})
RE = frozenset({"ru", "en"})
LANGS = [
    frozenset({"zh"}),
    frozenset({"ru"}),
    frozenset({"en"}),
    frozenset({"zh", "en"}),
    frozenset({"ru", "en"}),
]


def P(pid, langs="zh", slots=(1, 2, 3), cap=5, table=None):
    return Participant(pid, frozenset(langs.split(",")), frozenset(slots), cap, table)


def problem(participants, requests, slots=(1, 2, 3), tables=1, booths=(), interpreters=()):
    rows = {t: Table(t) for t in range(1, tables + 1)}
    for t, owner in booths:
        rows[t] = Table(t, booth_of=owner)
    return Problem(
        tuple(slots),
        {p.id: p for p in participants},
        rows,
        {i.id: i for i in interpreters},
        tuple(requests),
        time_limit=10,
    )


def solved(pb):
    sol = solve(pb)
    assert violations(pb, sol) == []
    return sol


@st.composite
def instances(draw):
    slots = tuple(range(1, draw(st.integers(1, 3)) + 1))
    n = draw(st.integers(2, 5))
    people = []
    for pid in range(1, n + 1):
        avail = draw(st.sets(st.sampled_from(slots), max_size=len(slots)))
        people.append(
            Participant(pid, draw(st.sampled_from(LANGS)), frozenset(avail), draw(st.integers(1, 3)))
        )
    tables = draw(st.integers(0, 2))
    booth_owner = draw(st.one_of(st.none(), st.integers(1, n)))
    rows = {t: Table(t) for t in range(1, tables + 1)}
    if booth_owner is not None:
        rows[99] = Table(99, booth_of=booth_owner)
        people[booth_owner - 1] = Participant(
            booth_owner,
            people[booth_owner - 1].languages,
            people[booth_owner - 1].available,
            people[booth_owner - 1].cap,
            99,
        )
    interpreters = {}
    for iid in range(1, draw(st.integers(0, 2)) + 1):
        pairs = draw(st.sets(st.sampled_from([ZR, ZE, RE]), min_size=1, max_size=2))
        avail = draw(st.sets(st.sampled_from(slots), max_size=len(slots)))
        interpreters[iid] = Interpreter(iid, frozenset(pairs), frozenset(avail))
    pairs = [(a, b) for a in range(1, n + 1) for b in range(a + 1, n + 1)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6))
    requests = tuple(Request(k + 1, a, b, draw(st.sampled_from([1, 3]))) for k, (a, b) in enumerate(chosen))
    return Problem(slots, {p.id: p for p in people}, rows, interpreters, requests, time_limit=10)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimum_equals_brute_force(pb):
    sol = solved(pb)
    weight, gaps = brute_force(pb)
    assert sol.objective == weight
    assert sol.status == "optimal"
    assert sol.bound == pytest.approx(weight)
    assert sol.idle_gaps == gaps  # the second phase finds the fewest idle gaps at that weight


def test_the_checker_catches_a_double_booking():
    pb = problem([P(1), P(2), P(3)], [Request(1, 1, 2, 1), Request(2, 1, 3, 1)], tables=2)
    sol = solved(pb)
    assert len(sol.meetings) == 2
    sol.meetings = [Meeting(1, 1, 1), Meeting(2, 1, 2)]  # participant 1 twice in slot 1
    assert any("participant 1 has 2 meetings in slot 1" in v for v in violations(pb, sol))


def test_must_meet_wins_the_last_table():
    pb = problem(
        [P(1, slots=(1,)), P(2, slots=(1,)), P(3, slots=(1,)), P(4, slots=(1,))],
        [Request(1, 1, 2, 1), Request(2, 3, 4, 3)],
        slots=(1,),
    )
    sol = solved(pb)
    assert [m.request for m in sol.meetings] == [2]
    assert sol.unscheduled == {1: Unscheduled.NO_TABLE}


def test_interpreter_exactly_when_no_shared_language():
    pb = problem(
        [P(1, "zh"), P(2, "ru"), P(3, "zh,en"), P(4, "en")],
        [Request(1, 1, 2, 3), Request(2, 3, 4, 1)],
        tables=2,
        interpreters=[Interpreter(7, frozenset({ZR}), frozenset({2}))],
    )
    sol = solved(pb)
    by = {m.request: m for m in sol.meetings}
    assert by[1].interpreter == 7 and by[1].slot == 2
    assert by[2].interpreter is None


def test_multi_pair_interpreters_are_matched_exactly():
    # Slot 1 only. Interpreter 1 does zh-ru and zh-en, interpreter 2 only zh-ru: the zh-en meeting
    # needs 1, so the zh-ru one must get 2. Counting per pair alone would not see it.
    pb = problem(
        [P(1, "zh", (1,)), P(2, "ru", (1,)), P(3, "zh", (1,)), P(4, "en", (1,))],
        [Request(1, 1, 2, 1), Request(2, 3, 4, 1)],
        slots=(1,),
        tables=2,
        interpreters=[
            Interpreter(1, frozenset({ZR, ZE}), frozenset({1})),
            Interpreter(2, frozenset({ZR}), frozenset({1})),
        ],
    )
    sol = solved(pb)
    assert {m.request: m.interpreter for m in sol.meetings} == {1: 2, 2: 1}


def test_locked_meetings_are_kept_and_reduce_what_is_left():
    locked = Meeting(1, 2, 1)
    pb = problem(
        [P(1), P(2), P(3)],
        [Request(1, 1, 2, 1, locked=locked), Request(2, 1, 3, 3), Request(3, 2, 3, 3)],
        slots=(1, 2),
    )
    sol = solved(pb)
    assert locked in sol.meetings  # kept though slot 1 or a must-meet would have wanted slot 2
    assert sol.objective == 4
    assert sol.unscheduled == {3: Unscheduled.BUSY} or sol.unscheduled == {2: Unscheduled.BUSY}


def test_booth_owner_meets_at_their_booth_without_a_shared_table():
    pb = problem(
        [P(1, slots=(1,), table=50), P(2, slots=(1,)), P(3, slots=(1,)), P(4, slots=(1,))],
        [Request(1, 2, 1, 1), Request(2, 3, 4, 1)],
        slots=(1,),
        tables=1,
        booths=[(50, 1)],
    )
    sol = solved(pb)
    assert {m.request: m.table for m in sol.meetings} == {1: 50, 2: 1}


@pytest.mark.parametrize(
    ("people", "interpreters", "reason"),
    [
        ([P(1, slots=(1,)), P(2, slots=(2,))], [], Unscheduled.NO_COMMON_SLOT),
        (
            [P(1, "zh"), P(2, "ru")],
            [Interpreter(1, frozenset({ZE}), frozenset({1, 2, 3}))],
            Unscheduled.NO_INTERPRETER,
        ),
        (
            [P(1, "zh"), P(2, "ru")],
            [Interpreter(1, frozenset({ZR}), frozenset({9}))],
            Unscheduled.NO_INTERPRETER,
        ),
        ([P(1, cap=0), P(2)], [], Unscheduled.CAP_REACHED),
    ],
)
def test_reasons(people, interpreters, reason):
    sol = solved(problem(people, [Request(1, 1, 2, 3)], interpreters=interpreters))
    assert sol.unscheduled == {1: reason}


def test_cap_reached_when_the_side_is_full():
    pb = problem([P(1, cap=1), P(2), P(3)], [Request(1, 1, 2, 3), Request(2, 1, 3, 1)], tables=2)
    sol = solved(pb)
    assert sol.unscheduled == {2: Unscheduled.CAP_REACHED}


def test_busy_when_the_slots_went_elsewhere():
    pb = problem(
        [P(1, slots=(1,)), P(2, slots=(1,)), P(3, slots=(1,))],
        [Request(1, 1, 2, 3), Request(2, 1, 3, 1)],
        slots=(1,),
        tables=2,
    )
    assert solved(pb).unscheduled == {2: Unscheduled.BUSY}


def test_idle_gaps_are_closed():
    # Two meetings for participant 1 in four slots: the schedule puts them side by side.
    pb = problem([P(1), P(2), P(3)], [Request(1, 1, 2, 1), Request(2, 1, 3, 1)], slots=(1, 2, 3, 4))
    sol = solved(pb)
    assert sol.idle_gaps == 0


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(instances())
def test_large_mode_bound_is_a_true_upper_bound(monkeypatch, pb):
    """The two-stage path of large instances (forced here on small ones): a valid schedule, a
    selection bound never below the true optimum, and on these small instances the optimum itself.
    The selection is a relaxation: CP-SAT may return one (of several of equal weight) that cannot all
    be placed (this test found one on a loaded machine: 1 against 2); the path then cuts it and
    selects again."""
    from scotemp.events.scheduling import solver

    monkeypatch.setattr(solver, "LARGE_OPTIONS", 0)
    sol = solved(pb)
    weight, _gaps = brute_force(pb)
    assert sol.bound >= weight - 1e-9
    assert sol.objective == weight


@pytest.mark.parametrize("max_unions", [256, 0])  # Hall constraints, or explicit assignment variables
def test_interpreter_constraints_are_exact(monkeypatch, max_unions):
    """Three meetings in one slot, each needing an interpreter, and two interpreters: one does
    zh-ru and zh-en, the other zh-en. Counted per pair (1 zh-ru, 2 zh-en) all three would fit; only
    two can. The model itself must say two."""
    from ortools.sat.python import cp_model

    from scotemp.events.scheduling import model as model_module
    from scotemp.events.scheduling.instance import build
    from scotemp.events.scheduling.model import Model

    monkeypatch.setattr(model_module, "MAX_UNIONS", max_unions)
    one = (1,)
    pb = problem(
        [
            P(1, "zh", one),
            P(2, "ru", one),
            P(3, "zh", one),
            P(4, "en", one),
            P(5, "zh", one),
            P(6, "en", one),
        ],
        [Request(1, 1, 2, 1), Request(2, 3, 4, 1), Request(3, 5, 6, 1)],
        slots=one,
        tables=3,
        interpreters=[
            Interpreter(1, frozenset({ZR, ZE}), frozenset(one)),
            Interpreter(2, frozenset({ZE}), frozenset(one)),
        ],
    )
    model = Model(build(pb))
    model.m.maximize(model.weight)
    solver = cp_model.CpSolver()
    assert solver.solve(model.m) == cp_model.OPTIMAL
    assert solver.objective_value == 2


def test_local_moves_close_idle_gaps_and_keep_every_rule():
    import time

    from scotemp.events.scheduling.check import idle_gaps
    from scotemp.events.scheduling.instance import build
    from scotemp.events.scheduling.placing import Board, improve_gaps
    from scotemp.events.scheduling.problem import Solution

    pb = problem([P(1), P(2), P(3)], [Request(1, 1, 2, 1), Request(2, 1, 3, 1)], slots=(1, 2, 3))
    inst = build(pb)
    board = Board(inst)
    for rid, slot in ((1, 1), (2, 3)):  # participant 1 idle in slot 2
        opt = next(o for o in inst.by_request[rid] if o.slot == slot)
        board.place(opt, *board.fits(opt))
    assert idle_gaps(pb, list(board.meetings.values())) == 1
    assert improve_gaps(board, time.monotonic() + 5) == 1
    meetings = list(board.meetings.values())
    assert idle_gaps(pb, meetings) == 0
    sol = Solution(meetings, {}, 2, 2, 0, 0.0, "optimal")
    assert violations(pb, sol) == []


def test_swaps_close_gaps_when_every_table_is_taken():
    """One table, three slots, all used: participant 1 waits in slot 2. No single meeting can move
    (the table is taken everywhere); swapping the slots of two meetings closes the gap."""
    import time

    from scotemp.events.scheduling.check import idle_gaps
    from scotemp.events.scheduling.instance import build
    from scotemp.events.scheduling.placing import Board, improve_gaps, swap_gaps
    from scotemp.events.scheduling.problem import Solution

    pb = problem(
        [P(1), P(2), P(3), P(4), P(5)],
        [Request(1, 1, 2, 1), Request(2, 1, 3, 1), Request(3, 4, 5, 1)],
        slots=(1, 2, 3),
    )
    inst = build(pb)
    board = Board(inst)
    for rid, slot in ((1, 1), (3, 2), (2, 3)):
        opt = next(o for o in inst.by_request[rid] if o.slot == slot)
        board.place(opt, *board.fits(opt))
    assert idle_gaps(pb, list(board.meetings.values())) == 1
    assert improve_gaps(board, time.monotonic() + 5) == 0
    assert swap_gaps(board, time.monotonic() + 5) == 1
    meetings = list(board.meetings.values())
    assert idle_gaps(pb, meetings) == 0
    assert violations(pb, Solution(meetings, {}, 3, 3, 0, 0.0, "optimal")) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_local_search_keeps_every_rule_and_the_weight(pb):
    import time

    from scotemp.events.scheduling.check import idle_gaps
    from scotemp.events.scheduling.instance import build
    from scotemp.events.scheduling.placing import greedy, improve_gaps, swap_gaps
    from scotemp.events.scheduling.problem import Solution

    board = greedy(build(pb))
    before = list(board.meetings.values())
    swap_gaps(board, time.monotonic() + 5)
    improve_gaps(board, time.monotonic() + 5)
    after = list(board.meetings.values())
    assert {m.request for m in after} == {m.request for m in before}
    assert idle_gaps(pb, after) <= idle_gaps(pb, before)
    weight = sum(r.weight for r in pb.requests if r.id in board.meetings)
    left = {r.id: "busy" for r in pb.requests if r.id not in board.meetings}
    assert violations(pb, Solution(after, left, weight, weight, idle_gaps(pb, after), 0.0, "feasible")) == []
