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
On large instances (more than ``PHASE2_FULL_LIMIT`` options) phase 2 keeps phase 1's meetings and
only moves them between slots: a model ten times smaller, the weight unchanged by construction.
When the greedy start already reaches the counting bound of :mod:`.bounds`, phase 1 is skipped.

The proven upper bound is CP-SAT's best objective bound of phase 1. Tables and interpreters are then
assigned per slot (:mod:`.placing`), and every request left out gets its reason (:mod:`.reasons`)."""

import itertools
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from .bounds import counting_bound
from .check import idle_gaps
from .instance import FREE, Instance, Option, build, locked_meetings
from .placing import Board, assign, fill, greedy
from .problem import Problem, Solution
from .reasons import reasons

MAX_UNIONS = 256  # per slot; beyond, interpreters get explicit assignment variables
MUST_WEIGHT = 3  # a "must meet" request weighs this much (choices.Priority.MUST)
PHASE1_SHARE = 0.7  # of the time limit, at most, for the weight; the rest for the idle gaps
PHASE2_FULL_LIMIT = 20_000  # options; beyond, phase 2 re-times the chosen meetings only


def _unions(sets: list[frozenset]) -> list[frozenset] | None:
    closed = set(sets)
    frontier = list(closed)
    while frontier:
        new = []
        for a, b in itertools.product(frontier, list(closed)):
            u = a | b
            if u not in closed:
                closed.add(u)
                new.append(u)
                if len(closed) > MAX_UNIONS:
                    return None
        frontier = new
    return list(closed)


class _Model:
    def __init__(self, inst: Instance, options: list[Option] | None = None):
        self.inst = inst
        self.m = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.opts: dict[tuple[int, int], Option] = {}
        for o in inst.options if options is None else options:
            key = (o.request.id, o.slot)
            self.x[key] = self.m.new_bool_var(f"x{key}")
            self.opts[key] = o
        self._constraints()
        self.weight = sum(o.request.weight * self.x[k] for k, o in self.opts.items())

    def _constraints(self):
        m, inst = self.m, self.inst
        per_request = defaultdict(list)
        per_person_slot = defaultdict(list)
        per_person = defaultdict(list)
        free_per_slot = defaultdict(list)
        booth_slot = defaultdict(list)
        need_per_slot: dict[int, list[tuple[Option, cp_model.IntVar]]] = defaultdict(list)
        for key, o in self.opts.items():
            v = self.x[key]
            r = o.request
            per_request[r.id].append(v)
            for p in (r.a, r.b):
                per_person_slot[(p, o.slot)].append(v)
                per_person[p].append(v)
            if o.booth is FREE:
                free_per_slot[o.slot].append(v)
            else:
                booth_slot[(o.booth, o.slot)].append(v)
            if o.interpreters is not None:
                need_per_slot[o.slot].append((o, v))
        for vs in per_request.values():
            if len(vs) > 1:
                m.add_at_most_one(vs)
        for vs in itertools.chain(per_person_slot.values(), booth_slot.values()):
            if len(vs) > 1:
                m.add_at_most_one(vs)
        for p, vs in per_person.items():
            if len(vs) > inst.cap_left[p]:
                m.add(sum(vs) <= inst.cap_left[p])
        for s, vs in free_per_slot.items():
            if len(vs) > len(inst.free_tables[s]):
                m.add(sum(vs) <= len(inst.free_tables[s]))
        for s, pairs in need_per_slot.items():
            self._interpreters(s, pairs)

    def _interpreters(self, slot, pairs):
        m = self.m
        by_set = defaultdict(list)
        for o, v in pairs:
            by_set[o.interpreters].append(v)
        unions = _unions(list(by_set))
        if unions is not None:
            for n in unions:
                vs = [v for e, group in by_set.items() if e <= n for v in group]
                if len(vs) > len(n):
                    m.add(sum(vs) <= len(n))
            return
        uses = defaultdict(list)
        for o, v in pairs:
            ys = [m.new_bool_var(f"y{o.request.id},{slot},{i}") for i in sorted(o.interpreters)]
            m.add(sum(ys) == v)
            for i, y in zip(sorted(o.interpreters), ys, strict=True):
                uses[i].append(y)
        for ys in uses.values():
            if len(ys) > 1:
                m.add_at_most_one(ys)

    def hint(self, chosen: set[tuple[int, int]]):
        self.m.clear_hints()
        for key, v in self.x.items():
            self.m.add_hint(v, 1 if key in chosen else 0)

    def gaps(self, chosen: set[tuple[int, int]]):
        """Phase 2's idle-gap expression (locked meetings count as busy constants), its variables
        hinted with their values in the schedule ``chosen``."""
        m, inst = self.m, self.inst
        slots = inst.problem.slots
        busy_terms = defaultdict(list)
        for key, o in self.opts.items():
            for p in (o.request.a, o.request.b):
                busy_terms[(p, o.slot)].append(self.x[key])
        people = {p for p, _ in busy_terms} | {p for p, ss in inst.locked_busy.items() if ss}
        now = defaultdict(set)
        for key in chosen:
            o = self.opts[key]
            now[o.request.a].add(o.slot)
            now[o.request.b].add(o.slot)
        total = []
        for p in people:
            locked = inst.locked_busy.get(p, set())
            busy = [sum(busy_terms.get((p, s), [])) + (1 if s in locked else 0) for s in slots]
            started = [m.new_bool_var("") for _ in slots]
            ending = [m.new_bool_var("") for _ in slots]
            on = [s in now[p] or s in locked for s in slots]
            for i in range(len(slots)):
                m.add_hint(started[i], any(on[: i + 1]))
                m.add_hint(ending[i], any(on[i:]))
                m.add(started[i] >= busy[i])
                m.add(ending[i] >= busy[i])
                if i:
                    m.add(started[i] >= started[i - 1])
                    m.add(ending[i - 1] >= ending[i])
            for i in range(1, len(slots) - 1):
                g = m.new_bool_var("")
                m.add(g >= started[i] + ending[i] - 1 - busy[i])
                m.add_hint(g, any(on[:i]) and any(on[i + 1 :]) and not on[i])
                total.append(g)
        return sum(total)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.05, seconds)
    s.parameters.num_workers = max(1, workers)
    s.parameters.random_seed = 1
    return s


def _chosen(model: _Model, solver: cp_model.CpSolver) -> set[tuple[int, int]]:
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
    model = _Model(inst)
    variables = len(model.x)
    status = "feasible"
    if greedy_weight >= quick:
        # The greedy start reaches a counting bound: it is optimal, no search needed for the weight.
        chosen, weight1, bound, status = greedy_keys, greedy_weight, float(quick), "optimal"
    else:
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
    left = problem.time_limit - phase1_seconds
    gaps_status = "skipped"
    if left > 0.5 and chosen:
        if len(inst.options) > PHASE2_FULL_LIMIT:
            # Large: the meetings stay those of phase 1, only their slots move (far fewer variables).
            kept = {rid for rid, _ in chosen}
            model = _Model(inst, [o for o in inst.options if o.request.id in kept])
            gaps_scope = "slots of the chosen meetings"
        else:
            gaps_scope = "every schedule of that weight"
        model.m.add(model.weight >= weight1)
        model.hint(chosen)
        model.m.minimize(model.gaps(chosen))
        s2 = _solver(left, problem.workers)
        st2 = s2.solve(model.m)
        if st2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = _chosen(model, s2)
            gaps_status = ("optimal" if st2 == cp_model.OPTIMAL else "feasible") + f" over {gaps_scope}"
    say("assign")
    opts = _opts(inst)
    board = assign(inst, [opts[k] for k in sorted(chosen)])
    fill(board)
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
