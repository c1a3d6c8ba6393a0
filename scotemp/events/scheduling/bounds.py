"""A quick proven upper bound on the scheduled weight, from counting alone: it lets the solver stop
at once when its greedy start already reaches it (then the schedule is optimal), and it tightens
CP-SAT's own bound when the time runs out. The least of three relaxations:

- every request that has a possible slot is met;
- tables: the meetings at shared tables are at most the shared table-slots left free, so at most
  the heaviest that many of those requests; a booth hosts at most one meeting per slot;
- caps: every meeting counts at both its sides, so the weight is at most half the sum, over the
  participants, of the weights of each one's ``cap`` heaviest requests."""

from collections import defaultdict

from .instance import FREE, Instance


def _top(weights, k) -> int:
    return sum(sorted(weights, reverse=True)[: max(0, k)])


def counting_bound(inst: Instance) -> int:
    """An upper bound on the weight of the unlocked requests that can still be met."""
    open_requests = [r for r in inst.problem.requests if inst.by_request.get(r.id)]
    everything = sum(r.weight for r in open_requests)
    shared, booths = [], defaultdict(list)
    for r in open_requests:
        booth = inst.by_request[r.id][0].booth
        (shared if booth is FREE else booths[booth]).append(r.weight)
    places = sum(len(inst.free_tables[s]) for s in inst.problem.slots)
    tables = _top(shared, places) + sum(_top(ws, len(inst.problem.slots)) for ws in booths.values())
    per_person = defaultdict(list)
    for r in open_requests:
        per_person[r.a].append(r.weight)
        per_person[r.b].append(r.weight)
    caps = sum(_top(ws, inst.cap_left[p]) for p, ws in per_person.items()) // 2
    return min(everything, tables, caps)
