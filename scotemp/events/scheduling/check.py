"""An independent check of any :class:`~.problem.Solution` against its :class:`~.problem.Problem`:
every rule of the schedule, the figures it reports. Used by the tests and the benchmark; it shares
nothing with the solver but the two small predicates of :mod:`.instance`."""

from collections import Counter, defaultdict

from .instance import can_interpret, shared_language
from .problem import Problem, Solution, Unscheduled

REASONS = {
    Unscheduled.NO_COMMON_SLOT,
    Unscheduled.CAP_REACHED,
    Unscheduled.NO_INTERPRETER,
    Unscheduled.NO_TABLE,
    Unscheduled.BUSY,
}


def idle_gaps(problem: Problem, meetings) -> int:
    """Empty slots between each participant's first and last meeting, summed."""
    order = {s: i for i, s in enumerate(problem.slots)}
    requests = {r.id: r for r in problem.requests}
    taken: dict[int, list[int]] = defaultdict(list)
    for m in meetings:
        r = requests[m.request]
        taken[r.a].append(order[m.slot])
        taken[r.b].append(order[m.slot])
    return sum(max(ix) - min(ix) + 1 - len(ix) for ix in taken.values())


def violations(problem: Problem, solution: Solution) -> list[str]:
    """What is wrong with ``solution`` (an empty list: it is a valid schedule with true figures)."""
    out: list[str] = []
    requests = {r.id: r for r in problem.requests}
    seen = Counter(m.request for m in solution.meetings)
    for rid, n in seen.items():
        if rid not in requests:
            out.append(f"meeting for unknown request {rid}")
        elif n > 1:
            out.append(f"request {rid} scheduled {n} times")
    if out:
        return out
    met: Counter = Counter()
    person_slot: Counter = Counter()
    table_slot: Counter = Counter()
    interp_slot: Counter = Counter()
    for m in solution.meetings:
        r = requests[m.request]
        a, b = problem.participants[r.a], problem.participants[r.b]
        where = f"request {r.id} in slot {m.slot}"
        if m.slot not in problem.slots:
            out.append(f"{where}: unknown slot")
            continue
        if r.locked is not None:
            if r.locked != m:
                out.append(f"{where}: locked meeting moved")
        else:
            if m.slot not in a.available or m.slot not in b.available:
                out.append(f"{where}: a side is not free")
            if m.interpreter is not None and m.slot not in problem.interpreters[m.interpreter].available:
                out.append(f"{where}: interpreter {m.interpreter} not free")
        table = problem.tables.get(m.table)
        if table is None:
            out.append(f"{where}: unknown table {m.table}")
        else:
            booths = {t for t in (a.table, b.table) if t is not None}
            if booths and r.locked is None and m.table not in booths:
                out.append(f"{where}: a booth owner meets away from their booth")
            if table.booth_of is not None and table.booth_of not in (r.a, r.b):
                out.append(f"{where}: held at another participant's booth")
        needs = not shared_language(problem, r)
        if needs and m.interpreter is None:
            out.append(f"{where}: no interpreter though the sides share no language")
        if not needs and m.interpreter is not None:
            out.append(f"{where}: an interpreter though the sides share a language")
        if m.interpreter is not None:
            if m.interpreter not in problem.interpreters:
                out.append(f"{where}: unknown interpreter")
            elif not can_interpret(problem, r, m.interpreter):
                out.append(f"{where}: interpreter {m.interpreter} lacks the pair")
            interp_slot[(m.interpreter, m.slot)] += 1
        met[r.a] += 1
        met[r.b] += 1
        person_slot[(r.a, m.slot)] += 1
        person_slot[(r.b, m.slot)] += 1
        table_slot[(m.table, m.slot)] += 1
    out += [f"participant {p} has {n} meetings in slot {s}" for (p, s), n in person_slot.items() if n > 1]
    out += [f"table {t} has {n} meetings in slot {s}" for (t, s), n in table_slot.items() if n > 1]
    out += [f"interpreter {i} is in {n} meetings in slot {s}" for (i, s), n in interp_slot.items() if n > 1]
    out += [
        f"participant {p} has {n} meetings, cap {problem.participants[p].cap}"
        for p, n in met.items()
        if n > problem.participants[p].cap
    ]
    objective = sum(requests[m.request].weight for m in solution.meetings)
    if objective != solution.objective:
        out.append(f"objective {solution.objective} but the meetings weigh {objective}")
    if solution.bound + 1e-6 < objective:
        out.append(f"bound {solution.bound} below the objective {objective}")
    left = set(requests) - set(seen)
    if set(solution.unscheduled) != left:
        out.append("the unscheduled list is not exactly the requests left out")
    out += [f"request {r}: unknown reason {v!r}" for r, v in solution.unscheduled.items() if v not in REASONS]
    gaps = idle_gaps(problem, solution.meetings)
    if gaps != solution.idle_gaps:
        out.append(f"idle gaps {solution.idle_gaps} reported, {gaps} counted")
    return out
