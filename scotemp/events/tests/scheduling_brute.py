"""Brute force for tiny scheduling problems: every way to put each request in one of its common free
slots or nowhere, kept when it obeys every rule (interpreters by trying every assignment), the best
weight and, among the best, the fewest idle gaps. Written apart from the solver, to check it."""

import itertools
from collections import Counter

from scotemp.events.scheduling.check import idle_gaps
from scotemp.events.scheduling.problem import Meeting, Problem


def _speaks(problem, r, i):
    a, b = problem.participants[r.a].languages, problem.participants[r.b].languages
    return any(
        len(p) == 2 and ((min(p) in a and max(p) in b) or (max(p) in a and min(p) in b))
        for p in problem.interpreters[i].pairs
    )


def _interpreters_ok(problem, needers, free):
    """Distinct interpreters from ``free`` for every request of ``needers`` (backtracking)."""
    if not needers:
        return True
    r, rest = needers[0], needers[1:]
    return any(_interpreters_ok(problem, rest, free - {i}) for i in free if _speaks(problem, r, i))


def feasible(problem: Problem, placed: dict[int, int]) -> bool:
    """``placed``: request id -> slot, for the unlocked requests scheduled."""
    reqs = {r.id: r for r in problem.requests}
    locked = [r.locked for r in problem.requests if r.locked is not None]
    per_person = Counter()
    per_person_slot = Counter()
    for m in locked:
        r = reqs[m.request]
        for p in (r.a, r.b):
            per_person[p] += 1
            per_person_slot[(p, m.slot)] += 1
    for rid, s in placed.items():
        r = reqs[rid]
        for p in (r.a, r.b):
            per_person[p] += 1
            per_person_slot[(p, s)] += 1
    if any(n > 1 for n in per_person_slot.values()):
        return False
    if any(n > problem.participants[p].cap for p, n in per_person.items()):
        return False
    shared = {t for t, row in problem.tables.items() if row.booth_of is None}
    for s in problem.slots:
        here = [reqs[rid] for rid, slot in placed.items() if slot == s]
        locked_here = [m for m in locked if m.slot == s]
        taken_tables = {m.table for m in locked_here}
        booths_used = Counter()
        shared_used = 0
        for r in here:
            a, b = problem.participants[r.a], problem.participants[r.b]
            booth = a.table if a.table is not None else b.table
            if booth is None:
                shared_used += 1
            else:
                booths_used[booth] += 1
        if shared_used > len(shared - taken_tables):
            return False
        if any(n > 1 or t in taken_tables for t, n in booths_used.items()):
            return False
        free = {
            i
            for i, row in problem.interpreters.items()
            if s in row.available and i not in {m.interpreter for m in locked_here}
        }
        needers = [
            r for r in here if not problem.participants[r.a].languages & problem.participants[r.b].languages
        ]
        if not _interpreters_ok(problem, needers, frozenset(free)):
            return False
    return True


def brute_force(problem: Problem) -> tuple[int, int]:
    """(best weight, fewest idle gaps at that weight), locked meetings included."""
    free_reqs = [r for r in problem.requests if r.locked is None]
    choices = []
    for r in free_reqs:
        a, b = problem.participants[r.a], problem.participants[r.b]
        choices.append([None, *[s for s in problem.slots if s in a.available and s in b.available]])
    locked = [r.locked for r in problem.requests if r.locked is not None]
    base = sum(r.weight for r in problem.requests if r.locked is not None)
    best = (-1, 0)
    for combo in itertools.product(*choices):
        placed = {r.id: s for r, s in zip(free_reqs, combo, strict=True) if s is not None}
        weight = base + sum(r.weight for r, s in zip(free_reqs, combo, strict=True) if s is not None)
        if weight < best[0]:
            continue
        if not feasible(problem, placed):
            continue
        meetings = locked + [Meeting(rid, s, 0) for rid, s in placed.items()]
        gaps = idle_gaps(problem, meetings)
        if (weight, -gaps) > (best[0], -best[1]):
            best = (weight, gaps)
    return best
