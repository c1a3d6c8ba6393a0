"""Tracking event ingestion through the API (not a test): batches of 500 events posted to
``POST /api/v1/logistics/shipments/{id}/events``, served the way production runs it.

    .venv/bin/python bench/events.py [--batches 20] [--size 500] [--clients 1] [--port 18964]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scotemp_ship REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/events.py

1. A throw-away database, as ``bench/writes.py`` prepares it: SQLite in a temporary directory (cache
   and task queue in the same file), or with ``DATABASE_URL`` the database ``<its name>_bench`` on
   that server (dropped at the end). ``migrate``, ``createcachetable``, the curated reference data;
   then, per client, a shipper organization with one owner, a write API token and one shipment
   Almaty → Chongqing with three legs and a container (through the actions).
2. gunicorn as the README runs it in production (``SCOTEMP_MODE=production``, random ``SECRET_KEY``,
   ``--workers 2``, sync workers) on ``--port``; plain HTTP on 127.0.0.1.
3. Reference in the same run: 200 sequential ``GET /api/v1/logistics/shipments/{id}`` with the token
   (authentication, one shipment read through the access rules, its legs and equipment) and 200
   ``GET /favicon.ico`` (the middleware alone).
4. ``--clients`` threads, each with its own keep-alive connection and shipment, post ``--batches``
   batches of ``--size`` events: equipment events (LOAD, GTIN, GTOT, DISC …) with a provider event id,
   plus an arrival and a departure at one place per batch (so the arrival-before-departure check
   runs against the recorded timeline). Each answer must be 200 with every event ``created``.
5. The last batch of each client is sent again: it must answer 200 with every event ``duplicate``,
   and the database must hold exactly ``clients × batches × size`` events.

Prints events/s over the whole run (wall clock), p50/p95/max per batch, the resend's time, the
reference figures and the load average.
"""

import argparse
import datetime
import http.client
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
EQUIPMENT_EVENTS = ("LOAD", "GTIN", "GTOT", "DISC", "STUF", "STRP", "XBOR", "XGCH")
CONTAINER = "CSQU3054383"


def setup_database() -> tuple[str, callable]:
    tmp = Path(tempfile.mkdtemp(prefix="scotemp-bench-events-"))
    os.environ.update(
        SCOTEMP_MODE="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        SCOTEMP_VAR_DIR=str(tmp),
        MEDIA_ROOT=str(tmp / "private"),
        STATIC_ROOT=str(tmp / "static"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    url = os.environ.get("DATABASE_URL", "")
    base, _sep, name = url.rpartition("/")
    postgres, db = url.startswith("postgres"), f"{name.split('?')[0]}_bench"

    def admin(sql):
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    if postgres:
        admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        admin(
            f"CREATE DATABASE {db} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
        )
        os.environ["DATABASE_URL"] = f"{base}/{db}"
        label = f"PostgreSQL {db}, cache and queue: " + (
            "Redis" if os.environ.get("REDIS_URL") else "database"
        )
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("REDIS_URL", None)
        os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
        label = "SQLite (WAL), cache and task queue in the same database"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference", verbosity=0, curated_places_only=True)
    call_command("collectstatic", verbosity=0, interactive=False)

    def cleanup():
        from django.db import connections

        connections.close_all()
        if postgres:
            admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)

    return label, cleanup


def make_clients(n: int) -> list[dict]:
    from django.utils import timezone

    from scotemp.accounts.actions import create_api_token
    from scotemp.accounts.models import Membership, Organization, TokenScope, User
    from scotemp.logistics.actions import shipments as actions
    from scotemp.reference.models import Country

    kz = Country.objects.get(iso2="KZ")
    t0 = timezone.now() - datetime.timedelta(days=3)
    h = lambda n: t0 + datetime.timedelta(hours=n)  # noqa: E731
    clients = []
    for i in range(n):
        org = Organization.objects.create(name=f"Bench shipper {i}", country=kz, type="trader")
        user = User.objects.create_user(
            email=f"shipper{i}@bench.test", password=secrets.token_urlsafe(12), full_name=f"Shipper {i}"
        )
        Membership.objects.create(user=user, organization=org, role="owner")
        shipment = actions.create_shipment(
            user,
            shipper=org,
            origin="KZALA",
            destination="CNCKG",
            cargo_description="Wheat",
            legs=[
                {
                    "mode": "rail",
                    "from_code": "KZALA",
                    "to_code": "KZ-ALTYNKOL",
                    "planned_departure": h(0),
                    "planned_arrival": h(20),
                },
                {
                    "mode": "rail",
                    "from_code": "KZ-ALTYNKOL",
                    "to_code": "CNHRS",
                    "planned_departure": h(30),
                    "planned_arrival": h(32),
                },
                {
                    "mode": "rail",
                    "from_code": "CNHRS",
                    "to_code": "CNCKG",
                    "planned_departure": h(40),
                    "planned_arrival": h(120),
                },
            ],
            equipment=[{"equipment_type": "40GP", "number": CONTAINER}],
        )
        _row, token = create_api_token(user, org.public_id, "bench", scope=TokenScope.WRITE)
        clients.append({"shipment": str(shipment.public_id), "token": token, "client": i})
    return clients


def batch(client: int, number: int, size: int) -> list[dict]:
    """``size`` events with unique provider ids, spread over the last days (older batches first)."""
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2, hours=number)
    place = f"BENCH-{number}"
    events = [
        {"classifier": "ACT", "event_type": "ARRI", "event_at": start.isoformat(), "location_code": place},
        {
            "classifier": "ACT",
            "event_type": "DEPA",
            "event_at": (start + datetime.timedelta(minutes=50)).isoformat(),
            "location_code": place,
        },
    ]
    for i in range(size - len(events)):
        events.append(
            {
                "classifier": "ACT",
                "event_type": EQUIPMENT_EVENTS[i % len(EQUIPMENT_EVENTS)],
                "event_at": (start + datetime.timedelta(seconds=5 * i + 1)).isoformat(),
                "location_code": place,
                "equipment_reference": CONTAINER,
                "provider_event_id": f"c{client}-b{number}-e{i}",
            }
        )
    return events


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=os.environ.copy(), stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/favicon.ico")
            if conn.getresponse().status in (200, 301, 302, 404):
                conn.close()
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {log}")


def timed_gets(port: int, path: str, headers: dict, n: int = 200) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        times.append(time.perf_counter() - t)
        if response.status >= 400:
            raise SystemExit(f"GET {path}: {response.status}")
    conn.close()
    return times


def post_batches(port: int, client: dict, batches: int, size: int, out: dict) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {client['token']}", "Content-Type": "application/json"}
    path = f"/api/v1/logistics/shipments/{client['shipment']}/events"
    times, errors = [], []
    body = b""
    for number in range(batches):
        body = json.dumps({"events": batch(client["client"], number, size)}).encode()
        t = time.perf_counter()
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        times.append(time.perf_counter() - t)
        if response.status != 200 or json.loads(payload)["created"] != size:
            errors.append(f"batch {number}: {response.status} {payload[:300]!r}")
    finished = time.perf_counter()
    t = time.perf_counter()
    conn.request("POST", path, body=body, headers=headers)  # the last batch again
    response = conn.getresponse()
    payload = json.loads(response.read())
    out[client["client"]] = {
        "times": times,
        "finished": finished,
        "errors": errors,
        "resend_s": time.perf_counter() - t,
        "resend_ok": response.status == 200 and payload["duplicates"] == size and payload["created"] == 0,
    }
    conn.close()


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=18964)
    args = parser.parse_args()

    label, cleanup = setup_database()
    process = None
    try:
        clients = make_clients(args.clients)
        from django.db import connections

        connections.close_all()
        log = Path(tempfile.gettempdir()) / f"scotemp-bench-events-{args.port}.log"
        process = start_gunicorn(args.port, args.workers, log)
        auth = {"Authorization": f"Bearer {clients[0]['token']}"}
        one = timed_gets(args.port, f"/api/v1/logistics/shipments/{clients[0]['shipment']}", auth)
        favicon = timed_gets(args.port, "/favicon.ico", {})
        results: dict = {}
        threads = [
            threading.Thread(target=post_batches, args=(args.port, c, args.batches, args.size, results))
            for c in clients
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = max(r["finished"] for r in results.values()) - started
        from scotemp.logistics.models import TrackingEvent

        stored = TrackingEvent.objects.count()
        expected = args.clients * args.batches * args.size
        times = [x for r in results.values() for x in r["times"]]
        errors = [e for r in results.values() for e in r["errors"]]
        resend = [r["resend_s"] for r in results.values()]
        print(f"Database: {label}; gunicorn --workers {args.workers} on 127.0.0.1:{args.port}")
        print(f"{args.clients} client(s) × {args.batches} batches × {args.size} events = {expected} events")
        print(f"events/s: {expected / wall:,.0f} (wall clock of the batches, all clients; {wall:.1f} s)")
        print(
            f"per batch: p50 {statistics.median(times) * 1000:.0f} ms, p95 {pct(times, 0.95) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms"
        )
        print(
            f"resend of the last batch: {max(resend) * 1000:.0f} ms, all duplicates: "
            f"{all(r['resend_ok'] for r in results.values())}"
        )
        print(f"stored: {stored} (expected {expected}); errors: {len(errors)}")
        for e in errors[:5]:
            print("  ", e)
        print(
            f"reference GET one shipment: p50 {statistics.median(one) * 1000:.1f} ms, "
            f"p95 {pct(one, 0.95) * 1000:.1f} ms; "
            f"GET /favicon.ico p50 {statistics.median(favicon) * 1000:.1f} ms, "
            f"p95 {pct(favicon, 0.95) * 1000:.1f} ms"
        )
        print(f"load average: {os.getloadavg()[0]:.2f}")
        if stored != expected or errors:
            sys.exit(1)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        cleanup()


if __name__ == "__main__":
    main()
