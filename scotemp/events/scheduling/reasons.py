"""Why each request was left out, most specific first: the two sides have no common free slot; no
interpreter of a fitting pair is free in any common slot; a side reached their cap; every table was
taken in each common slot where both sides were free; otherwise the slots went to other meetings."""

from .instance import FREE, Instance, booth_of_request
from .placing import Board
from .problem import Unscheduled


def reasons(inst: Instance, board: Board, left) -> dict[int, str]:
    problem = inst.problem
    out = {}
    for r in left:
        common = inst.common.get(r.id)
        if common is None:  # a locked request is never left out; keep the contract total anyway
            common = []
        eligible = inst.eligible.get(r.id)
        if not common:
            out[r.id] = Unscheduled.NO_COMMON_SLOT
            continue
        if eligible is not None and not any(
            s in problem.interpreters[i].available for s in common for i in eligible
        ):
            out[r.id] = Unscheduled.NO_INTERPRETER
            continue
        if board.count[r.a] >= inst.cap_left[r.a] or board.count[r.b] >= inst.cap_left[r.b]:
            out[r.id] = Unscheduled.CAP_REACHED
            continue
        both_free = [
            s
            for s in common
            if not (
                {s}
                & (
                    board.busy[r.a]
                    | board.busy[r.b]
                    | inst.locked_busy.get(r.a, set())
                    | inst.locked_busy.get(r.b, set())
                )
            )
        ]
        booth = booth_of_request(problem, r)
        with_table = [s for s in both_free if _table_free(inst, board, booth, s)]
        if both_free and not with_table:
            out[r.id] = Unscheduled.NO_TABLE
        elif (
            with_table
            and eligible is not None
            and not any(
                s in problem.interpreters[i].available
                and i not in board.interpreters[s]
                and i not in inst.locked_interpreters.get(s, ())
                for s in with_table
                for i in eligible
            )
        ):
            out[r.id] = Unscheduled.NO_INTERPRETER
        else:
            out[r.id] = Unscheduled.BUSY
    return out


def _table_free(inst: Instance, board: Board, booth, slot) -> bool:
    if booth is not FREE:
        return booth not in board.tables[slot] and booth not in inst.locked_tables.get(slot, ())
    return any(t not in board.tables[slot] for t in inst.free_tables[slot])
