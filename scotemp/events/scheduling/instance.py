"""What the solver and its helpers derive from a :class:`~.problem.Problem` before optimizing: which
slots each request can use (both sides free, a table kind, an interpreter when the two sides share no
language), and what the locked meetings already occupy. Locked meetings are taken out of the model:
they are kept as given and reduce what is left (a side's slot and cap, a table, an interpreter)."""

from collections import defaultdict
from dataclasses import dataclass, field

from .problem import Problem, Request

FREE = None  # the table "kind" of a meeting held at one of the shared (non-booth) tables


def shared_language(problem: Problem, request: Request) -> bool:
    a, b = problem.participants[request.a], problem.participants[request.b]
    return bool(a.languages & b.languages)


def can_interpret(problem: Problem, request: Request, interpreter_id: int) -> bool:
    """The interpreter has a pair with one language of each side."""
    a, b = problem.participants[request.a], problem.participants[request.b]
    for pair in problem.interpreters[interpreter_id].pairs:
        x, y = tuple(pair) if len(pair) == 2 else (None, None)
        if x is None:
            continue
        if (x in a.languages and y in b.languages) or (y in a.languages and x in b.languages):
            return True
    return False


def booth_of_request(problem: Problem, request: Request) -> int | None:
    """The booth a meeting is held at: side ``a``'s when they have one, else side ``b``'s, else none."""
    a, b = problem.participants[request.a], problem.participants[request.b]
    return a.table if a.table is not None else b.table


@dataclass
class Option:
    """Request ``request`` held in slot ``slot``; ``booth`` is the booth it uses (``FREE``: a shared
    table); ``interpreters`` the eligible interpreters free in that slot (``None``: none needed)."""

    request: Request
    slot: int
    booth: int | None
    interpreters: frozenset[int] | None


@dataclass
class Instance:
    problem: Problem
    slot_index: dict[int, int]
    free_tables: dict[int, list[int]]  # slot -> shared tables not taken by a locked meeting
    locked_busy: dict[int, set[int]]  # participant -> slots taken by their locked meetings
    locked_tables: dict[int, set[int]]  # slot -> tables taken by locked meetings
    locked_interpreters: dict[int, set[int]]  # slot -> interpreters taken by locked meetings
    cap_left: dict[int, int]
    options: list[Option] = field(default_factory=list)
    by_request: dict[int, list[Option]] = field(default_factory=dict)
    common: dict[int, list[int]] = field(default_factory=dict)  # request -> common free slots
    eligible: dict[int, frozenset[int] | None] = field(default_factory=dict)  # request -> interpreters


def build(problem: Problem) -> Instance:
    slot_index = {s: i for i, s in enumerate(problem.slots)}
    locked_busy: dict[int, set[int]] = defaultdict(set)
    locked_tables: dict[int, set[int]] = defaultdict(set)
    locked_interpreters: dict[int, set[int]] = defaultdict(set)
    locked_count: dict[int, int] = defaultdict(int)
    for r in problem.requests:
        if r.locked is None:
            continue
        m = r.locked
        for p in (r.a, r.b):
            locked_busy[p].add(m.slot)
            locked_count[p] += 1
        locked_tables[m.slot].add(m.table)
        if m.interpreter is not None:
            locked_interpreters[m.slot].add(m.interpreter)
    shared = [t.id for t in problem.tables.values() if t.booth_of is None]
    free_tables = {s: [t for t in shared if t not in locked_tables[s]] for s in problem.slots}
    cap_left = {p.id: max(0, p.cap - locked_count[p.id]) for p in problem.participants.values()}
    inst = Instance(
        problem, slot_index, free_tables, locked_busy, locked_tables, locked_interpreters, cap_left
    )
    for r in problem.requests:
        if r.locked is not None:
            continue
        a, b = problem.participants[r.a], problem.participants[r.b]
        common = [s for s in problem.slots if s in a.available and s in b.available]
        inst.common[r.id] = common
        if shared_language(problem, r):
            eligible = None
        else:
            eligible = frozenset(i for i in problem.interpreters if can_interpret(problem, r, i))
        inst.eligible[r.id] = eligible
        booth = booth_of_request(problem, r)
        opts = []
        for s in common:
            if s in locked_busy[r.a] or s in locked_busy[r.b]:
                continue
            if booth is not None and booth in locked_tables[s]:
                continue
            if booth is None and not free_tables[s]:
                continue
            interpreters = None
            if eligible is not None:
                interpreters = frozenset(
                    i
                    for i in eligible
                    if s in problem.interpreters[i].available and i not in locked_interpreters[s]
                )
                if not interpreters:
                    continue
            opts.append(Option(r, s, booth, interpreters))
        if cap_left[r.a] == 0 or cap_left[r.b] == 0:
            opts = []
        inst.by_request[r.id] = opts
        inst.options.extend(opts)
    return inst


def locked_meetings(problem: Problem):
    return [r.locked for r in problem.requests if r.locked is not None]
