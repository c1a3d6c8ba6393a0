"""Writes under concurrency (not a test): clients posting messages to negotiation threads, served the
way production runs it, and a check that every acknowledged message is stored exactly once.

    .venv/bin/python bench/writes.py [--clients 50] [--seconds 20] [--via page|api] [--workers 2]
                                   [--no-worker]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scotemp REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/writes.py

1. A throw-away database: SQLite in a temporary directory (no ``REDIS_URL``: the cache and the task
   queue are tables of that same file, as the README's single-machine setup has them), or with
   ``DATABASE_URL`` the database ``<its name>_writes`` on that server (dropped at the end).
   ``migrate``, ``createcachetable``, the curated reference data; then ``--clients / 2`` buyer and as
   many seller organizations with one member each, and one request for quotation from each buyer to
   its seller (through the actions): one thread per pair of clients.
2. gunicorn as the README runs it in production (``SCOTEMP_MODE=production``, a random 64-character
   ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``--workers 2``, sync workers); plain HTTP on 127.0.0.1, so
   ``SECURE_SSL_REDIRECT=0``. Next to it the README's task worker (``db_worker --interval 0.2`` on
   SQLite, the RQ worker with ``REDIS_URL``; ``--no-worker`` leaves it out), which delivers the
   e-mails the posts queue; they go to Django's dummy mail backend (``EMAIL_BACKEND``), so delivery
   costs what the outbox costs and no SMTP conversation.
3. wrk drives ``--clients`` connections for ``--seconds``. ``--via page`` (default): the thread's
   form, ``POST /deals/inquiry/<id>/messages/`` with the session cookie and CSRF token of a signed-in
   user (a success is the 302 back to the thread). ``--via api``: ``POST /api/v1/inquiries/<id>/messages``
   with a write token (``Authorization: Bearer``); the 201 echoes the message, and its marker is
   logged. Every body carries a unique marker.
4. Verify in the database: no marker stored twice; in API mode every acknowledged marker stored
   exactly once; in page mode stored messages = acknowledged + at most one in flight per connection
   when wrk stopped.
   With the worker: once wrk has stopped, wait (up to 120 s) until every e-mail the run queued is
   sent, and print how many were queued, sent, left, and how many delivery tasks were enqueued.
5. Reference in the same run: ``GET /favicon.ico`` through the whole middleware (no database), 50
   connections, 5 s. Prints writes/s, p50/p95/p99, errors, the ratio, and the load average.
"""

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
CODE = ROOT  # the checkout gunicorn and the worker run (--code: another one, e.g. main, same database)

from writes_data import delivery_tasks, make_clients, setup_database, verify, wait_for_delivery  # noqa: E402
from writes_wrk import LUA_API, LUA_COMMON, LUA_GET, LUA_PAGE  # noqa: E402


def lua_table(clients: list[dict]) -> str:
    rows = []
    for c in clients:
        fields = ", ".join(f'{k} = "{v}"' for k, v in c.items())
        rows.append("{" + fields + "}")
    return "CLIENTS = {\n" + ",\n".join(rows) + "\n}\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "2048",
    ]
    process = subprocess.Popen(
        command, cwd=CODE, env=os.environ.copy(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(600):  # until a worker answers (each worker loads the app on start)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/favicon.ico")
            if conn.getresponse().status == 301:
                conn.close()
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {log}")


def start_worker(log: Path) -> subprocess.Popen:
    """The README's task worker for this database: RQ with ``REDIS_URL``, else the database queue."""
    manage = [str(VENV_BIN / "python"), "manage.py"]
    if os.environ.get("REDIS_URL"):
        command = [
            *manage,
            "rqworker",
            "--worker-class",
            "scotemp.trade.tasks.worker.Worker",
            "--job-class",
            "django_tasks_rq.Job",
            "default",
        ]
    else:
        command = [*manage, "db_worker", "--interval", "0.2"]
    return subprocess.Popen(
        command, cwd=CODE, env=os.environ.copy(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def server_cpu(master: int) -> float:
    """CPU seconds used so far by the gunicorn master's worker processes (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_wrk(url: str, script: str, connections: int, seconds: int, logdir: Path, master: int) -> dict:
    logdir.mkdir(parents=True, exist_ok=True)
    cpu = server_cpu(master)
    (logdir / "script.lua").write_text(f'LOGDIR = "{logdir}"\n' + script)
    threads = 2
    subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(logdir / "script.lua"),
            url,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    result = json.loads((logdir / "summary.json").read_text())
    result["rate"] = result["ok"] / (result["duration_us"] / 1e6)
    result["cpu_ms"] = (server_cpu(master) - cpu) * 1000 / max(result["requests"], 1)
    result["errors"] = (
        result["other"]
        + result["connect_errors"]
        + result["read_errors"]
        + result["write_errors"]
        + result["timeouts"]
    )
    return result


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--via", choices=("page", "api"), default="page")
    parser.add_argument("--no-worker", action="store_true", help="run without the task worker")
    parser.add_argument(
        "--code",
        metavar="DIR",
        help="serve from another checkout of the project (same virtualenv), e.g. to compare with main",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--reuse", metavar="DIR", help="run again on the SQLite database a --keep run left")
    args = parser.parse_args()
    global CODE
    CODE = Path(args.code).resolve() if args.code else ROOT

    label, tmp, cleanup = setup_database(args.reuse)
    print(f"database: {label}; code: {CODE}", flush=True)
    if args.reuse:
        clients = json.loads((tmp / "clients.json").read_text())[: args.clients]
    else:
        clients = make_clients(args.clients)
        (tmp / "clients.json").write_text(json.dumps(clients))
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = start_gunicorn(port, args.workers, tmp / "gunicorn.log")
    worker = None if args.no_worker else start_worker(tmp / "worker.log")
    run_id = secrets.token_hex(4)
    delivery = None
    try:
        base = f"http://127.0.0.1:{port}"
        header = f'RUN = "{run_id}"\nNTHREADS = 2\n'
        if args.via == "page":
            rows = [{"path": f"/deals/inquiry/{c['inquiry']}/messages/", **c} for c in clients]
            post = LUA_PAGE
        else:
            rows = [{"path": f"/api/v1/inquiries/{c['inquiry']}/messages", **c} for c in clients]
            post = LUA_API
        warm = run_wrk(
            base + "/favicon.ico", header + LUA_COMMON + LUA_GET, args.clients, 2, tmp / "warm", server.pid
        )  # fork-warm the workers and their connections
        reference = run_wrk(
            base + "/favicon.ico", header + LUA_COMMON + LUA_GET, args.clients, 5, tmp / "ref", server.pid
        )
        load_before = os.getloadavg()
        from django.utils import timezone

        since = timezone.now()
        writes = run_wrk(
            base,
            header + lua_table(rows) + LUA_COMMON + post,
            args.clients,
            args.seconds,
            tmp / "wrk",
            server.pid,
        )
        load_after = os.getloadavg()
        if worker is not None:
            delivery = wait_for_delivery(since)
            delivery["tasks"] = delivery_tasks(since)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
    del warm
    check = verify(run_id, args.via, tmp / "wrk", writes["ok"], args.clients)

    print(
        f"{args.clients} clients, {args.seconds} s, gunicorn --workers {args.workers} (sync), "
        f"{'no task worker' if args.no_worker else 'with the task worker'}, via {args.via}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    print(
        f"{'':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'server CPU ms/req':>18}"
    )
    for name, r in (("GET /favicon.ico (no database)", reference), ("POST message", writes)):
        print(
            f"{name:32} {r['rate']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f} "
            f"{r['errors']:7d} {r['cpu_ms']:18.1f}"
        )
    print(f"writes / reference: {writes['rate'] / reference['rate']:.1%}")
    print(
        "stored: {stored}, acknowledged: {acked}, stored twice: {stored_twice}, "
        "stored without acknowledgement (in flight at stop): {unacked_stored}".format(**check)
        + (f", acknowledged but missing: {check['acked_missing']}" if "acked_missing" in check else "")
    )
    if delivery is not None:
        print(
            "e-mails queued during the run: {queued}, sent: {sent}, left after {waited_s:.0f} s: {left}; "
            "delivery tasks enqueued: {tasks}".format(**delivery)
        )
        check["ok"] = check["ok"] and delivery["left"] == 0
    print("check:", "OK" if check["ok"] else "FAILED")
    if not (args.keep or args.reuse):
        cleanup()
    else:
        print(f"kept: {tmp}")
    sys.exit(0 if check["ok"] else 1)


if __name__ == "__main__":
    main()
