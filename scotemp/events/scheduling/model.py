"""The CP-SAT model of the schedule (see :mod:`.solver`): one boolean per (request, slot) option,
the constraints of the problem, the weight to maximize, the idle-gap expression of phase 2."""

import itertools
from collections import defaultdict

from ortools.sat.python import cp_model

from .instance import FREE, Instance, Option

MAX_UNIONS = 256  # per slot; beyond, interpreters get explicit assignment variables


def unions(sets: list[frozenset]) -> list[frozenset] | None:
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


class Model:
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
        closed = unions(list(by_set))
        if closed is not None:
            for n in closed:
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
