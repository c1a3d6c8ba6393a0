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
