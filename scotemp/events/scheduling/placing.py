"""Concrete placement: who is busy when, which table and interpreter each meeting gets.

:class:`Board` holds what is taken; :func:`greedy` fills it request by request (the solver's warm
start, and the fallback when it finds nothing); :func:`assign` gives the solver's chosen
(request, slot) pairs their tables and interpreters (a maximum bipartite matching per slot, which the
solver's Hall constraints guarantee to be perfect); :func:`fill` then adds any request that still
fits, so a time-limited run never leaves a free place unused."""

from collections import defaultdict

import networkx as nx

from .instance import FREE, Instance, Option
from .problem import Meeting


class Board:
    def __init__(self, inst: Instance):
        self.inst = inst
        self.busy: dict[int, set[int]] = defaultdict(set)  # participant -> slots
        self.count: dict[int, int] = defaultdict(int)
        self.tables: dict[int, set[int]] = defaultdict(set)  # slot -> tables taken
        self.interpreters: dict[int, set[int]] = defaultdict(set)  # slot -> interpreters taken
        self.meetings: dict[int, Meeting] = {}  # request -> meeting (not the locked ones)

    def free_table(self, opt: Option) -> int | None:
        if opt.booth is not FREE:
            return None if opt.booth in self.tables[opt.slot] else opt.booth
        taken = self.tables[opt.slot]
        return next((t for t in self.inst.free_tables[opt.slot] if t not in taken), None)

    def free_interpreter(self, opt: Option) -> int | None:
        taken = self.interpreters[opt.slot]
        free = [i for i in opt.interpreters if i not in taken]
        if not free:
            return None
        # The interpreter with the fewest pairs first: the versatile ones stay free for others.
        pairs = self.inst.problem.interpreters
        return min(free, key=lambda i: (len(pairs[i].pairs), i))

    def fits(self, opt: Option) -> tuple[int, int | None] | None:
        r = opt.request
        if r.id in self.meetings:
            return None
        cap = self.inst.cap_left
        if self.count[r.a] >= cap[r.a] or self.count[r.b] >= cap[r.b]:
            return None
        if opt.slot in self.busy[r.a] or opt.slot in self.busy[r.b]:
            return None
        table = self.free_table(opt)
        if table is None:
            return None
        interpreter = None
        if opt.interpreters is not None:
            interpreter = self.free_interpreter(opt)
            if interpreter is None:
                return None
        return table, interpreter

    def place(self, opt: Option, table: int, interpreter: int | None) -> None:
        r = opt.request
        self.meetings[r.id] = Meeting(r.id, opt.slot, table, interpreter)
        for p in (r.a, r.b):
            self.busy[p].add(opt.slot)
            self.count[p] += 1
        self.tables[opt.slot].add(table)
        if interpreter is not None:
            self.interpreters[opt.slot].add(interpreter)

    def adjacency(self, opt: Option) -> int:
        """How many of the two sides' meetings sit next to this slot (fewer idle gaps)."""
        ix = self.inst.slot_index
        order = self.inst.problem.slots
        i = ix[opt.slot]
        near = {order[j] for j in (i - 1, i + 1) if 0 <= j < len(order)}
        r = opt.request
        return len(near & self.busy[r.a]) + len(near & self.busy[r.b])


def _try_all(board: Board, requests) -> None:
    for r in requests:
        best = None
        for opt in board.inst.by_request.get(r.id, ()):
            got = board.fits(opt)
            if got is None:
                continue
            key = (board.adjacency(opt), len(board.inst.free_tables[opt.slot]) - len(board.tables[opt.slot]))
            if best is None or key > best[0]:
                best = (key, opt, got)
        if best is not None:
            board.place(best[1], *best[2])


def greedy(inst: Instance, only: set[int] | None = None) -> Board:
    """Heaviest requests first, among equals the one with the fewest possible slots (``only``: just
    these requests)."""
    requests = [
        r for r in inst.problem.requests if inst.by_request.get(r.id) and (only is None or r.id in only)
    ]
    requests.sort(key=lambda r: (-r.weight, len(inst.by_request[r.id]), r.id))
    board = Board(inst)
    _try_all(board, requests)
    return board


def fill(board: Board) -> None:
    inst = board.inst
    left = [r for r in inst.problem.requests if r.locked is None and r.id not in board.meetings]
    left.sort(key=lambda r: (-r.weight, len(inst.by_request.get(r.id, ())), r.id))
    _try_all(board, left)


def assign(inst: Instance, chosen: list[Option]) -> Board:
    board = Board(inst)
    per_slot: dict[int, list[Option]] = defaultdict(list)
    for opt in chosen:
        per_slot[opt.slot].append(opt)
    for slot, opts in per_slot.items():
        tables = iter(inst.free_tables[slot])
        need = [o for o in opts if o.interpreters is not None]
        match: dict[int, int] = {}
        if need:
            g = nx.Graph()
            left = [("r", o.request.id) for o in need]
            g.add_nodes_from(left)
            for o in need:
                for i in o.interpreters:
                    g.add_edge(("r", o.request.id), ("i", i))
            m = nx.bipartite.hopcroft_karp_matching(g, top_nodes=left)
            match = {node[1]: m[node][1] for node in left if node in m}
        for o in sorted(opts, key=lambda o: o.request.id):
            interpreter = match.get(o.request.id) if o.interpreters is not None else None
            if o.interpreters is not None and interpreter is None:
                continue  # cannot happen when the Hall constraints hold; never place it unserved
            if o.booth is not FREE:
                table = o.booth
            else:
                table = next(tables, None)
                if table is None:
                    continue
            board.place(o, table, interpreter)
    return board


def _gaps_of(order: dict[int, int], slots: set[int]) -> int:
    if not slots:
        return 0
    ix = [order[s] for s in slots]
    return max(ix) - min(ix) + 1 - len(ix)


def improve_gaps(board: Board, deadline: float) -> int:
    """Move single meetings to another of their slots while that closes idle gaps (both sides free,
    a table and, when needed, an interpreter free there); stops at ``deadline`` (``time.monotonic``)
    or when no move helps. Returns the number of moves. The weight never changes."""
    import time

    inst = board.inst
    order = inst.slot_index
    locked = inst.locked_busy
    moves = 0
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for rid in list(board.meetings):
            if time.monotonic() >= deadline:
                break
            m = board.meetings[rid]
            opts = inst.by_request.get(rid, ())
            if len(opts) < 2:
                continue
            r = opts[0].request
            busy_a = board.busy[r.a] | locked.get(r.a, set())
            busy_b = board.busy[r.b] | locked.get(r.b, set())
            now = _gaps_of(order, busy_a) + _gaps_of(order, busy_b)
            best = None
            for o in opts:
                if o.slot == m.slot or o.slot in busy_a or o.slot in busy_b:
                    continue
                after = _gaps_of(order, (busy_a - {m.slot}) | {o.slot}) + _gaps_of(
                    order, (busy_b - {m.slot}) | {o.slot}
                )
                if after < now and (best is None or after < best[0]):
                    table = board.free_table(o)
                    interpreter = board.free_interpreter(o) if o.interpreters is not None else None
                    if table is None or (o.interpreters is not None and interpreter is None):
                        continue
                    best = (after, o, table, interpreter)
            if best is None:
                continue
            _after, o, table, interpreter = best
            # Release the old places, take the new ones.
            for p in (r.a, r.b):
                board.busy[p].discard(m.slot)
                board.count[p] -= 1
            board.tables[m.slot].discard(m.table)
            if m.interpreter is not None:
                board.interpreters[m.slot].discard(m.interpreter)
            del board.meetings[rid]
            board.place(o, table, interpreter)
            moves += 1
            improved = True
    return moves


def _release(board: Board, rid: int) -> None:
    m = board.meetings.pop(rid)
    r = board.inst.by_request[rid][0].request
    for p in (r.a, r.b):
        board.busy[p].discard(m.slot)
        board.count[p] -= 1
    board.tables[m.slot].discard(m.table)
    if m.interpreter is not None:
        board.interpreters[m.slot].discard(m.interpreter)


def _option(inst: Instance, rid: int, slot: int) -> Option | None:
    return next((o for o in inst.by_request.get(rid, ()) if o.slot == slot), None)


def swap_gaps(board: Board, deadline: float) -> int:
    """Swap the slots of two meetings at shared tables (each takes the other's table; interpreters
    re-chosen among those free) while that closes idle gaps; stops at ``deadline``. Returns the
    number of swaps. Both meetings stay, so the weight never changes."""
    import time

    inst = board.inst
    order = inst.slot_index
    locked = inst.locked_busy
    sides = {rid: (opts[0].request.a, opts[0].request.b) for rid, opts in inst.by_request.items() if opts}

    def busy(p):
        return board.busy[p] | locked.get(p, set())

    swaps = 0
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        at: dict[int, list[int]] = defaultdict(list)
        for rid, m in board.meetings.items():
            at[m.slot].append(rid)
        for r1 in list(board.meetings):
            if time.monotonic() >= deadline:
                return swaps
            m1 = board.meetings.get(r1)
            if m1 is None or _option(inst, r1, m1.slot).booth is not FREE:
                continue
            a1, b1 = sides[r1]
            if _gaps_of(order, busy(a1)) + _gaps_of(order, busy(b1)) == 0:
                continue
            done = False
            for o1 in inst.by_request[r1]:
                if done or o1.slot == m1.slot:
                    continue
                s1, s2 = m1.slot, o1.slot
                for r2 in at.get(s2, ()):
                    m2 = board.meetings.get(r2)
                    o2 = _option(inst, r2, s1)
                    if m2 is None or m2.slot != s2 or o2 is None or o2.booth is not FREE:
                        continue
                    people = {a1, b1, *sides[r2]}
                    before = sum(_gaps_of(order, busy(p)) for p in people)
                    after, ok = 0, True
                    for p in people:
                        new = set(busy(p))
                        in1, in2 = p in sides[r1], p in sides[r2]
                        if in1 and not in2:
                            new.discard(s1)
                            if s2 in new:
                                ok = False
                                break
                            new.add(s2)
                        elif in2 and not in1:
                            new.discard(s2)
                            if s1 in new:
                                ok = False
                                break
                            new.add(s1)
                        after += _gaps_of(order, new)
                    if not ok or after >= before:
                        continue
                    i1 = _pick(board, o1, m2.interpreter)
                    i2 = _pick(board, o2, m1.interpreter)
                    if i1 is False or i2 is False:
                        continue
                    _release(board, r1)
                    _release(board, r2)
                    board.place(o1, m2.table, i1)
                    board.place(o2, m1.table, i2)
                    at[s1].remove(r1)
                    at[s2].remove(r2)
                    at[s2].append(r1)
                    at[s1].append(r2)
                    swaps += 1
                    improved = done = True
                    break
    return swaps


def _pick(board: Board, opt: Option, vacated: int | None):
    """An interpreter for ``opt`` (``None`` when none is needed), among those free in its slot and the
    one the other meeting leaves there; ``False`` when there is none."""
    if opt.interpreters is None:
        return None
    taken = board.interpreters[opt.slot] - ({vacated} if vacated is not None else set())
    free = [i for i in opt.interpreters if i not in taken]
    if not free:
        return False
    pairs = board.inst.problem.interpreters
    return min(free, key=lambda i: (len(pairs[i].pairs), i))
