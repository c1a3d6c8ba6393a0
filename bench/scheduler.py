"""B2B meeting scheduler benchmark (not a test): generated instances, the schedule's weight against
CP-SAT's proven upper bound, the time, and an independent validity check.

    .venv/bin/python bench/scheduler.py [--participants 500] [--requests 10000] [--slots 16]
                                        [--tables 60] [--interpreters 10] [--booths 0]
                                        [--time-limit 55] [--workers 2] [--seed 13] [--small-only]

Generated (seeded) like a Chongqing forum: participants from China (Chinese, a third also English),
Russia, Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan (Russian, some English or Chinese), India and
Pakistan (English); 70 % of requests go across China ⇄ the SCO region, so a realistic share of the
pairs (≈ 40 %) share no language and need an interpreter. Caps 8–12; each participant is free in
70–100 % of the slots (none marked by a third of them: all slots); one request in four is "must meet"
(weight 3), the others "would like to meet" (weight 1). Interpreters: zh–ru (5, two of them also
zh–en), zh–en (3), ru–en (2), each free in 75–100 % of the slots.

Then a small instance (12 participants, 30 requests, 4 slots, 3 tables, 2 interpreters) solved to
proven optimality (status "optimal": objective == bound).
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scotemp.events.scheduling.check import violations
from scotemp.events.scheduling.problem import Interpreter, Participant, Problem, Request, Table
from scotemp.events.scheduling.solver import solve

ORIGINS = [  # (share, languages and their chances)
    (0.40, [({"zh"}, 0.45), ({"zh", "en"}, 0.40), ({"zh", "ru"}, 0.15)]),
    (0.45, [({"ru"}, 0.45), ({"ru", "en"}, 0.35), ({"ru", "zh"}, 0.20)]),
    (0.15, [({"en"}, 0.9), ({"en", "ru"}, 0.1)]),
]
PAIRS = [
    ({frozenset({"zh", "ru"})}, 3),
    ({frozenset({"zh", "ru"}), frozenset({"zh", "en"})}, 2),
    ({frozenset({"zh", "en"})}, 3),
    ({frozenset({"ru", "en"})}, 2),
]


def generate(
    participants=500,
    requests=10000,
    slots=16,
    tables=60,
    interpreters=10,
    booths=0,
    seed=13,
    time_limit=55.0,
    workers=2,
) -> Problem:
    rnd = random.Random(seed)
    slot_ids = tuple(range(1, slots + 1))
    people = {}
    groups: dict[int, list[int]] = {0: [], 1: [], 2: []}
    table_rows = {t: Table(t) for t in range(1, tables + 1)}
    for pid in range(1, participants + 1):
        g = rnd.choices(range(3), weights=[o[0] for o in ORIGINS])[0]
        langs = rnd.choices([lg for lg, _ in ORIGINS[g][1]], weights=[w for _, w in ORIGINS[g][1]])[0]
        if rnd.random() < 1 / 3:
            avail = frozenset(slot_ids)
        else:
            k = max(1, round(slots * rnd.uniform(0.7, 1.0)))
            avail = frozenset(rnd.sample(slot_ids, k))
        booth = None
        if pid <= booths:
            booth = 1000 + pid
            table_rows[booth] = Table(booth, booth_of=pid)
        people[pid] = Participant(pid, frozenset(langs), avail, rnd.randint(8, 12), booth)
        groups[g].append(pid)
    chosen: set[tuple[int, int]] = set()
    reqs = []
    ids = list(people)
    while len(reqs) < requests:
        a = rnd.choice(ids)
        ga = next(g for g, members in groups.items() if a in members)
        if rnd.random() < 0.7:
            other = [g for g in groups if g != ga and groups[g]]
            b = rnd.choice(groups[rnd.choice(other)])
        else:
            b = rnd.choice(ids)
        if a == b or (a, b) in chosen or (b, a) in chosen:
            continue
        chosen.add((a, b))
        reqs.append(Request(len(reqs) + 1, a, b, 3 if rnd.random() < 0.25 else 1))
    interp = {}
    kinds = [pairs for pairs, n in PAIRS for _ in range(n)]
    for iid in range(1, interpreters + 1):
        pairs = kinds[(iid - 1) % len(kinds)]
        k = max(1, round(slots * rnd.uniform(0.75, 1.0)))
        interp[iid] = Interpreter(iid, frozenset(pairs), frozenset(rnd.sample(slot_ids, k)))
    return Problem(slot_ids, people, table_rows, interp, tuple(reqs), time_limit=time_limit, workers=workers)


def report(title: str, problem: Problem) -> bool:
    needing = sum(
        1
        for r in problem.requests
        if not problem.participants[r.a].languages & problem.participants[r.b].languages
    )
    print(f"== {title}")
    print(
        f"   {len(problem.participants)} participants, {len(problem.requests)} requests "
        f"({needing} need an interpreter), {len(problem.slots)} slots, {len(problem.tables)} tables, "
        f"{len(problem.interpreters)} interpreters; "
        f"limit {problem.time_limit:.0f} s on {problem.workers} workers"
    )
    t0 = time.monotonic()
    sol = solve(problem)
    wall = time.monotonic() - t0
    bad = violations(problem, sol)
    ratio = sol.objective / sol.bound if sol.bound else 1.0
    interpreted = sum(1 for m in sol.meetings if m.interpreter is not None)
    reasons: dict[str, int] = {}
    for v in sol.unscheduled.values():
        reasons[v] = reasons.get(v, 0) + 1
    print(
        f"   scheduled weight {sol.objective}, proven bound {sol.bound:.1f}: "
        f"{100 * ratio:.2f} % ({sol.status})"
    )
    print(
        f"   time {wall:.1f} s (phase 1 {sol.stats['phase1_seconds']:.1f} s, "
        f"gaps {sol.stats['gaps_status']}), "
        f"greedy start {sol.stats['greedy']}, {sol.stats['variables']} variables"
    )
    print(
        f"   {len(sol.meetings)} meetings ({interpreted} interpreted), must-meets placed "
        f"{sol.stats['must_meet_placed']}/{sol.stats['must_meet']}, idle gaps {sol.idle_gaps}"
    )
    print(f"   unscheduled: {dict(sorted(reasons.items()))}")
    print(f"   validity check: {'OK' if not bad else bad[:5]}")
    return not bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=500)
    ap.add_argument("--requests", type=int, default=10000)
    ap.add_argument("--slots", type=int, default=16)
    ap.add_argument("--tables", type=int, default=60)
    ap.add_argument("--interpreters", type=int, default=10)
    ap.add_argument("--booths", type=int, default=0)
    ap.add_argument("--time-limit", type=float, default=55.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--small-only", action="store_true")
    args = ap.parse_args()
    ok = True
    if not args.small_only:
        big = generate(
            args.participants,
            args.requests,
            args.slots,
            args.tables,
            args.interpreters,
            args.booths,
            args.seed,
            args.time_limit,
            args.workers,
        )
        ok &= report("issue 13 instance", big)
    small = generate(12, 30, 4, 3, 2, 0, args.seed, 30.0, args.workers)
    ok &= report("small instance (proven optimum)", small)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
