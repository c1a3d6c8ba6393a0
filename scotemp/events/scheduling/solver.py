"""``solve(problem) -> Solution``: the B2B schedule by OR-Tools CP-SAT, in two phases.

Phase 1 maximizes the priority-weighted number of meetings. One boolean ``x[r, s]`` per accepted
request ``r`` and slot ``s`` where both sides are free, a table of the right kind exists and, when
the sides share no language, an interpreter of a fitting pair is free. Constraints: a request is met
at most once; a participant is in at most one meeting per slot and at most ``cap`` in all; per slot
the meetings at shared tables are at most the free shared tables (a booth owner meets at their booth,
one meeting per booth per slot); interpreters exactly, by Hall's theorem: per slot, for every union
``N`` of the interpreter sets the meetings could use, the meetings whose set lies inside ``N`` are at
most ``|N|`` (when the unions are too many, explicit ``y[r, s, i]`` assignment variables instead).
Locked meetings are fixed: taken out of the model, they reduce what is left.

Phase 2 keeps that weight (a constraint) and minimizes idle gaps: per participant and slot,
``started`` (a meeting at or before), ``ending`` (a meeting at or after), and ``gap >= started +
ending - 1 - busy``. A greedy schedule is the hint of phase 1, phase 1's answer the hint of phase 2.
On large instances (more than ``PHASE2_FULL_LIMIT`` options) phase 2 is a local search instead
(``placing.improve_gaps`` and ``placing.swap_gaps``: moving one meeting, or swapping the slots of two,
while that closes gaps), which closed twice as many gaps as CP-SAT on the gap model in the same time;
the weight is unchanged by construction. On every instance the local search also runs last.
When the greedy start already reaches the counting bound of :mod:`.bounds`, phase 1 is skipped.

The proven upper bound is CP-SAT's best objective bound of phase 1. Tables and interpreters are then
assigned per slot (:mod:`.placing`), and every request left out gets its reason (:mod:`.reasons`)."""

import time

from ortools.sat.python import cp_model

from . import large
from .bounds import counting_bound
from .check import idle_gaps
from .instance import Instance, Option, build, locked_meetings
from .large import LARGE_OPTIONS
from .model import Model
from .placing import Board, assign, fill, greedy, improve_gaps, swap_gaps
from .problem import Problem, Solution
from .reasons import reasons

MUST_WEIGHT = 3  # a "must meet" request weighs this much (choices.Priority.MUST)
PHASE1_SHARE = 0.7  # of the time limit, at most, for the weight; the rest for the idle gaps
LOCAL_SHARE = 0.05  # of the time limit, kept for the local search that closes idle gaps at the end
PHASE2_FULL_LIMIT = 20_000  # options; beyond, phase 2 is the local search of placing.py


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.05, seconds)
    s.parameters.num_workers = max(1, workers)
    s.parameters.random_seed = 1
    return s


def _chosen(model: Model, solver: cp_model.CpSolver) -> set[tuple[int, int]]:
    return {k for k, v in model.x.items() if solver.boolean_value(v)}


def solve(problem: Problem, *, progress=None) -> Solution:
    """The schedule of ``problem`` (see the module's docstring); ``progress(step)`` is told each step."""
    t0 = time.monotonic()
    say = progress or (lambda step: None)
    say("model")
    inst = build(problem)
    start = greedy(inst)
    greedy_keys = {(rid, m.slot) for rid, m in start.meetings.items()}
    greedy_weight = sum(o.request.weight for k, o in _opts(inst).items() if k in greedy_keys)
    locked_weight = sum(r.weight for r in problem.requests if r.locked is not None)
    quick = counting_bound(inst)
    model = None
    variables = len(inst.options)
    status = "feasible"
    if greedy_weight >= quick:
        # The greedy start reaches a counting bound: it is optimal, no search needed for the weight.
        chosen, weight1, bound, status = greedy_keys, greedy_weight, float(quick), "optimal"
    elif len(inst.options) > LARGE_OPTIONS:
        seconds = problem.time_limit * PHASE1_SHARE - (time.monotonic() - t0)
        chosen, weight1, bound = large.phase1(inst, greedy_keys, seconds, problem.workers, say)
        bound = min(float(quick), bound)
    else:
        model = Model(inst)
        model.hint(greedy_keys)
        model.m.maximize(model.weight)
        say("weight")
        s1 = _solver(problem.time_limit * PHASE1_SHARE, problem.workers)
        st1 = s1.solve(model.m)
        if st1 in (cp_model.OPTIMAL, cp_model.FEASIBLE) and s1.objective_value >= greedy_weight:
            chosen, weight1 = _chosen(model, s1), round(s1.objective_value)
        else:
            chosen, weight1 = greedy_keys, greedy_weight
        bound = float(quick)
        if st1 == cp_model.OPTIMAL:
            bound = min(bound, float(weight1))
        elif st1 == cp_model.FEASIBLE:
            bound = min(bound, s1.best_objective_bound)
    phase1_seconds = time.monotonic() - t0
    say("gaps")
    left = problem.time_limit * (1 - LOCAL_SHARE) - phase1_seconds
    gaps_status = "skipped"
    large_gaps = len(inst.options) > PHASE2_FULL_LIMIT
    if left > 0.5 and chosen and not large_gaps:
        model = model or Model(inst)
        model.m.add(model.weight >= weight1)
        model.hint(chosen)
        model.m.minimize(model.gaps(chosen))
        s2 = _solver(left, problem.workers)
        st2 = s2.solve(model.m)
        if st2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = _chosen(model, s2)
            gaps_status = "optimal" if st2 == cp_model.OPTIMAL else "feasible"
    say("assign")
    opts = _opts(inst)
    board = assign(inst, [opts[k] for k in sorted(chosen)])
    fill(board)
    # Local moves, then swaps of two meetings' slots, while they close idle gaps: on large instances
    # they are phase 2 (CP-SAT on the gap model does not converge there in a minute on two cores).
    deadline = t0 + problem.time_limit
    moves = improve_gaps(board, deadline) + swap_gaps(board, deadline) + improve_gaps(board, deadline)
    if large_gaps:
        gaps_status = "local search"
    meetings = sorted(
        [*locked_meetings(problem), *board.meetings.values()],
        key=lambda m: (problem.slots.index(m.slot), m.table),
    )
    weights = {r.id: r.weight for r in problem.requests}
    objective = sum(weights[m.request] for m in meetings)
    bound += locked_weight
    if status == "optimal" and objective < bound:
        status = "feasible"  # cannot happen: assignment realizes every chosen pair
    met = {m.request for m in meetings}
    sol = Solution(
        meetings=meetings,
        unscheduled=reasons(inst, board, [r for r in problem.requests if r.id not in met]),
        objective=objective,
        bound=bound,
        idle_gaps=idle_gaps(problem, meetings),
        seconds=round(time.monotonic() - t0, 3),
        status="optimal" if objective >= bound - 1e-9 else status,
        stats={
            "greedy": greedy_weight + locked_weight,
            "phase1_seconds": round(phase1_seconds, 3),
            "gaps_status": gaps_status,
            "gap_moves": moves,
            "variables": variables,
            "must_meet": sum(1 for r in problem.requests if r.weight >= MUST_WEIGHT),
            "must_meet_placed": sum(1 for m in meetings if weights[m.request] >= MUST_WEIGHT),
        },
    )
    say("done")
    return sol


def _opts(inst: Instance) -> dict[tuple[int, int], Option]:
    return {(o.request.id, o.slot): o for o in inst.options}


__all__ = ["Board", "solve"]
