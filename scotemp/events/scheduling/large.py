"""Phase 1 for large instances (more than ``LARGE_OPTIONS`` options), where CP-SAT on the whole
(request, slot) model spends most of a minute in presolve on two cores. Two stages instead:

1. **Select** which requests to meet, slots aside: a boolean ``z[r]`` per request, under constraints
   every schedule satisfies — each participant in at most ``min(cap, usable slots)`` meetings, the
   meetings at shared tables at most the free table-slots, a booth's at most one per slot, and the
   interpreters counted over the whole session (for every union ``N`` of the interpreter sets the
   requests could use, the requests whose set lies inside ``N`` at most the free (interpreter, slot)
   places of ``N``). It is a relaxation of the problem, so CP-SAT's bound on it is a proven upper
   bound of the schedule's weight; it is small (one variable per request) and solves in seconds.
2. **Place** the selected requests: greedily (heaviest first, then whatever else still fits), then,
   in the time left, the full model restricted to their options, hinted with that placement. The
   greedy placement of the selection alone reached 99.3 % of the bound on the benchmark's cap-bound
   variant, where a greedy over all requests reached 94 %."""

import time
from collections import defaultdict

from ortools.sat.python import cp_model

from .instance import FREE, Instance
from .model import Model, unions
from .placing import fill, greedy

LARGE_OPTIONS = 40_000
SELECT_SHARE = 0.4  # of phase 1's time


class Selection:
    """Which requests to meet, slots aside (stage 1): a boolean per request under constraints every
    schedule satisfies. :meth:`exclude` cuts a selection proven unplaceable as a whole, so the
    relaxation stays one (its bound stays an upper bound of the schedule's weight)."""

    def __init__(self, inst: Instance, hint: set[int]):
        problem = inst.problem
        m = self.m = cp_model.CpModel()
        z = self.z = {rid: m.new_bool_var(f"z{rid}") for rid, opts in inst.by_request.items() if opts}
        reqs = {r.id: r for r in problem.requests}
        usable: dict[int, set[int]] = defaultdict(set)
        per_person = defaultdict(list)
        shared, booths = [], defaultdict(list)
        classes = defaultdict(list)
        for rid, v in z.items():
            r, opts = reqs[rid], inst.by_request[rid]
            for p in (r.a, r.b):
                per_person[p].append(v)
                usable[p].update(o.slot for o in opts)
            (shared if opts[0].booth is FREE else booths[opts[0].booth]).append(v)
            if opts[0].interpreters is not None:
                classes[frozenset().union(*(o.interpreters for o in opts))].append(v)
        for p, vs in per_person.items():
            limit = min(inst.cap_left[p], len(usable[p]))
            if len(vs) > limit:
                m.add(sum(vs) <= limit)
        places = sum(len(inst.free_tables[s]) for s in problem.slots)
        if len(shared) > places:
            m.add(sum(shared) <= places)
        for vs in booths.values():
            if len(vs) > len(problem.slots):
                m.add(sum(vs) <= len(problem.slots))
        free_places = {
            i: sum(
                1
                for s in problem.slots
                if s in row.available and i not in inst.locked_interpreters.get(s, ())
            )
            for i, row in problem.interpreters.items()
        }
        for n in unions(list(classes)) or []:
            vs = [v for e, group in classes.items() if e <= n for v in group]
            capacity = sum(free_places[i] for i in n)
            if len(vs) > capacity:
                m.add(sum(vs) <= capacity)
        self.total = float(sum(reqs[rid].weight for rid in z))
        m.maximize(sum(reqs[rid].weight * v for rid, v in z.items()))
        for rid, v in z.items():
            m.add_hint(v, 1 if rid in hint else 0)

    def solve(self, seconds: float, workers: int) -> tuple[set[int] | None, float]:
        """(the selected request ids, or None if none was found in time; a proven upper bound on the
        weight of the unlocked requests)."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = 1
        status = solver.solve(self.m)
        if status == cp_model.INFEASIBLE:  # every selection left was cut: nothing better exists
            return set(), 0.0
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, self.total
        return {rid for rid, v in self.z.items() if solver.boolean_value(v)}, float(
            solver.best_objective_bound
        )

    def exclude(self, selected: set[int]) -> None:
        """No later selection holds all of ``selected`` (proven unplaceable together)."""
        self.m.clear_hints()
        self.m.add(sum(self.z[rid] for rid in selected) <= len(selected) - 1)


def phase1(inst: Instance, greedy_keys: set, seconds: float, workers: int, say) -> tuple[set, int, float]:
    """(chosen (request, slot) keys, their weight, proven upper bound) for a large instance.

    Select, then place the selection; when the full model restricted to the selection proves that it
    cannot all be placed, cut it and select again while time is left. The selection's bound is a
    bound of the schedule, so a placement that reaches it is optimal."""
    t0 = time.monotonic()
    weights = {r.id: r.weight for r in inst.problem.requests}

    def weight(keys):
        return sum(weights[rid] for rid, _s in keys)

    selection = Selection(inst, {rid for rid, _s in greedy_keys})
    best, bound = greedy_keys, selection.total
    select_seconds = seconds * SELECT_SHARE
    while True:
        say("select")
        selected, found_bound = selection.solve(select_seconds, workers)
        bound = min(bound, found_bound)
        if not selected:
            break
        say("weight")
        placed = greedy(inst, only=selected)
        fill(placed)  # then whatever else still fits, heaviest first
        start = {(rid, m.slot) for rid, m in placed.meetings.items()}
        best = max((best, start), key=weight)
        left = seconds - (time.monotonic() - t0)
        if weight(best) >= bound or left <= 1:
            break
        model = Model(inst, [o for o in inst.options if o.request.id in selected])
        model.hint({k for k in start if k[0] in selected})
        model.m.maximize(model.weight)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = left
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = 1
        status = solver.solve(model.m)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = {k for k, v in model.x.items() if solver.boolean_value(v)}
            best = max((best, found), key=weight)
        selected_weight = sum(weights[rid] for rid in selected)
        proven_short = status == cp_model.OPTIMAL and solver.objective_value < selected_weight
        select_seconds = min(seconds * SELECT_SHARE, seconds - (time.monotonic() - t0) - 1)
        if not proven_short or weight(best) >= bound or select_seconds <= 0.1:
            break
        selection.exclude(selected)  # this selection cannot all be placed: choose another
    return best, weight(best), max(bound, float(weight(best)))
