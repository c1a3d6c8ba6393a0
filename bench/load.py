"""Load benchmark: the platform served as production runs it, under 32 concurrent connections.

    .venv/bin/python bench/load.py [--database sqlite|postgres] [--leads 100000] [--duration 10]
                                   [--connections 32] [--workers 2] [--only home,leads-api,...]

It prepares a database of its own (demo data plus ``--leads`` generated leads, their search index and
stored matches; kept for the next run), starts gunicorn as the README's production commands do
(``SCOTEMP_MODE=production``, DEBUG off, collected static files, behind a TLS proxy: every request
says ``X-Forwarded-Proto: https``), and drives each endpoint with wrk (Debian's ``wrk``) for
``--duration`` seconds, after a short warm-up. The reference is a request through the whole
middleware that reads no database (``/favicon.ico``, a redirect to the static file), measured at the
start and at the end of the same run; every line prints its throughput as a share of the mean of the
two, p50/p95/p99, the mean response size, and the verdict against the targets (≥ 25 % of the
reference's throughput, p95 ≤ 150 ms). A second reference, the same request signed in (session, user
and memberships read, as before every signed-in view), is measured next to it; signed-in pages also
print their share of that one and the verdict against it. Results are also written as JSON
(``var/bench/load/<database>-<leads>.json``, or ``results.json`` in the ``--var-dir`` given).

Visitors who are not signed in get pages and API pages from the anonymous page cache
(``scotemp/core/pagecache.py``, a minute per address and language): their endpoints act as a returning
visitor, who sends the language and CSRF cookies an earlier page set, except "home, first visit",
which sends no cookie (a new CSRF cookie on every reply). The lead list, search and detail also run
signed in, where every page is rendered for its user: what rendering costs without the cache.

SQLite runs without Redis (cache, sessions and task queue in the database: the embedded default);
PostgreSQL runs with Redis (``REDIS_URL``, database 15 of the local server, flushed first), as the
README's "Running on PostgreSQL + Redis" describes. PostgreSQL uses the database
``scotemp_bench_load_<leads>`` on the server of ``DATABASE_URL`` (default the local one).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(ROOT / "bench" / "load.lua")
REFERENCE = "no-database reference"
# The same request signed in: session, user and memberships read, as every signed-in page reads them
# before its view runs. Signed-in pages are also given as a share of it (ADR 0014, fifth round).
SIGNED_REFERENCE = "signed-in reference"
TARGET_SHARE = 0.25
TARGET_P95_MS = 150
FORWARDED = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front of the site says
# The CSRF cookie a returning visitor's browser holds (Django's 32-character secret).
CSRF_SECRET = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Endpoint:
    name: str
    paths: list[str]
    session: str | None = None  # a persona of bench/load_data.PERSONAS, or anonymous
    language: str = "en"
    status: int = 200
    headers: dict = field(default_factory=dict)
    # Without a session: a returning visitor sends the cookies an earlier page set (language and CSRF),
    # a first visit none (its language comes from Accept-Language).
    first_visit: bool = False


DIRECTORY_WORDS = ("铝业", "алюминий", "logistics")
COMMITTEE = "/committees/aluminium/"  # Zhang Min (zhangmin@demo.scotemp.org) is its secretary


def endpoints(targets: dict) -> list[Endpoint]:
    zh, ru, en = "zh-hans", "ru", "en"
    out = [
        Endpoint("home, anonymous", ["/"], language=zh),
        Endpoint("home, first visit", ["/"], language=zh, first_visit=True),
        Endpoint("home, signed in", ["/"], "liwei", zh),
        Endpoint("API leads", ["/api/v1/leads"]),
        Endpoint("API lead search", [f"/api/v1/leads?q={q}" for q in ("小麦", "пшеница", "wheat")]),
        Endpoint("lead list zh", ["/leads/"], language=zh),
        Endpoint("lead list ru", ["/leads/"], language=ru),
        Endpoint("lead list en", ["/leads/"], language=en),
        Endpoint("lead search zh 小麦", ["/leads/?q=小麦"], language=zh),
        Endpoint("lead search ru пшеница", ["/leads/?q=пшеница"], language=ru),
        Endpoint("lead search en wheat", ["/leads/?q=wheat"], language=en),
        Endpoint("lead detail", targets["lead_details"], language=ru),
        # Signed-in users get every page rendered for them: what rendering costs, uncached.
        Endpoint("lead list zh, signed in", ["/leads/"], "liwei", zh),
        Endpoint("lead search ru, signed in", ["/leads/?q=пшеница"], "aigerim", ru),
        Endpoint("lead detail ru, signed in", targets["lead_details"], "aigerim", ru),
        Endpoint("directory", ["/directory/"], language=zh),
        Endpoint("directory search", [f"/directory/?q={q}" for q in DIRECTORY_WORDS], language=ru),
        Endpoint("API organizations", ["/api/v1/organizations", "/api/v1/organizations?q=铝业&country=CN"]),
        Endpoint("my matches (importer)", ["/leads/matches/"], "liwei", zh),
        Endpoint("my matches (exporter)", ["/leads/matches/"], "aigerim", ru),
        Endpoint("deals pipeline", ["/deals/"], "liwei", zh),
        # The committee page: KPIs, work plan, news, leads, events; its secretary also sees the workspace.
        Endpoint("committee page", [COMMITTEE], language=ru),
        Endpoint("committee page, secretary", [COMMITTEE], "zhangmin", zh),
    ]
    if targets.get("rfq"):
        out.append(Endpoint("RFQ comparison", [targets["rfq"]], "liwei", zh))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(args, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SQLITE_PATH"}}
    env.update(
        SCOTEMP_MODE="production",
        SECRET_KEY=args.secret,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BEHIND_TLS_PROXY="1",
        SCOTEMP_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        DEBUG="0",
    )
    if args.database == "postgres":
        base = (os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres").rpartition(
            "/"
        )[0]
        name = f"scotemp_bench_load_{args.leads}"
        env["DATABASE_URL"] = f"{base}/{name}"
        env["REDIS_URL"] = args.redis
        _create_database(base, name)
    return env


def _create_database(base: str, name: str) -> None:
    check = ["psql", f"{base}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"]
    if subprocess.run(check, capture_output=True, text=True, check=True).stdout.strip() != "1":
        create = f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        create += " TEMPLATE template0"
        subprocess.run(["psql", f"{base}/postgres", "-qc", create], check=True)


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    # The README's web command; --workers as the machine allows (2 on the 2-core benchmark machine).
    command = [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    if not wait_idle(port, 120, server):
        server.kill()
        sys.exit("gunicorn did not answer within 120 s")
    return server


def probe(port: int, timeout: float) -> bool:
    """Whether a worker answers the reference request within ``timeout`` seconds."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/favicon.ico", headers=FORWARDED)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=timeout):
            return False
    except urllib.error.HTTPError as reply:
        return reply.code == 301
    except OSError:
        return False


def wait_idle(port: int, limit: float, server: subprocess.Popen) -> bool:
    """Wait until the workers have answered everything queued (a slow endpoint leaves requests in the
    listen queue after wrk stops), so that the next endpoint is measured on an idle server."""
    deadline = time.monotonic() + limit
    fast = 0
    while time.monotonic() < deadline and fast < 3:
        if server.poll() is not None:
            sys.exit("gunicorn exited")
        fast = fast + 1 if probe(port, 0.5) else 0
        time.sleep(0.1)
    return fast >= 3


def run_wrk(
    url: str, endpoint: Endpoint, sessions: dict, connections: int, duration: float, work: Path
) -> dict:
    paths_file = work / "paths.txt"
    paths_file.write_text("".join(quote(path, safe="/?=&") + "\n" for path in endpoint.paths))
    cookies = [f"scotemp_language={endpoint.language}"]
    if endpoint.session:
        cookies.append(sessions[endpoint.session])
    else:
        cookies.append(f"csrftoken={CSRF_SECRET}")
    headers = {
        **FORWARDED,
        "Accept-Language": endpoint.language,
        "Accept-Encoding": "gzip, deflate, br",
        **({} if endpoint.first_visit else {"Cookie": "; ".join(cookies)}),
        **endpoint.headers,
    }
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        LUA,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += [url, "--", str(paths_file), str(endpoint.status)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"wrk failed: {done.stderr or done.stdout}")
    out = done.stdout
    result = json.loads(out.strip().splitlines()[-1])
    if not result["requests"]:  # not one reply within the duration: slower than the run is long
        result.update(p50_us=float("inf"), p95_us=float("inf"), p99_us=float("inf"))
    seconds = result["duration_us"] / 1e6
    result["rps"] = result["requests"] / seconds
    result["mean_bytes"] = result["bytes"] / max(result["requests"], 1)
    return result


def met(r: dict, reference_rps: float) -> bool:
    share = r["rps"] / reference_rps
    return share >= TARGET_SHARE and r["p95_us"] / 1000 <= TARGET_P95_MS and not r["unexpected"]


def line(
    name: str, r: dict, reference_rps: float | None, signed_rps: float | None = None, verdict: bool = True
) -> str:
    """One endpoint: req/s, share of the no-database reference, latencies, size, the verdict; for a
    signed-in page also its share of the signed-in reference and the verdict against that."""
    share = r["rps"] / reference_rps if reference_rps else None
    verdict = "" if share is None or not verdict else ("met" if met(r, reference_rps) else "MISSED")
    bad = f" {r['unexpected']} replies {r['unexpected_status']}" if r["unexpected"] else ""
    signed = ""
    if signed_rps:
        signed = f"; {r['rps'] / signed_rps:.1%} of signed-in: " + ("met" if met(r, signed_rps) else "MISSED")
    return (
        f"{name:<26} {r['rps']:>8.1f} {'' if share is None else f'{share:>6.1%}':>7} "
        f"{r['p50_us'] / 1000:>7.1f} {r['p95_us'] / 1000:>7.1f} {r['p99_us'] / 1000:>7.1f} "
        f"{r['mean_bytes'] / 1024:>7.1f} {verdict}{signed}{bad}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--leads", type=int, default=0, help="generated leads on top of the demo data")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds per endpoint before measuring")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument(
        "--var-dir", help="where the prepared data lives (default var/bench/load/<db>-<leads>)"
    )
    parser.add_argument("--prepare-only", action="store_true", help="prepare the database, measure nothing")
    parser.add_argument("--only", help="comma-separated words: run only endpoints whose name contains one")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    label = f"{args.database}-{args.leads}"
    var_dir = Path(args.var_dir or ROOT / "var" / "bench" / "load" / label).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    secret_file = var_dir / "secret-key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(64))
    args.secret = secret_file.read_text().strip()
    env = environment(args, var_dir)
    if args.database == "postgres":
        subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, capture_output=True)

    print(f"preparing {label} in {var_dir} …", flush=True)
    subprocess.run(
        [PY, "bench/load_data.py", "prepare", "--leads", str(args.leads)], cwd=ROOT, env=env, check=True
    )
    if args.prepare_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(
            [PY, "bench/load_data.py", "targets", str(work / "t.json")], cwd=ROOT, env=env, check=True
        )
        targets = json.loads((work / "t.json").read_text())
        port = free_port()
        server = start_server(env, port, args.workers)
        try:
            results = measure(args, port, server, targets, work)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    out = var_dir / "results.json" if args.var_dir else ROOT / "var" / "bench" / "load" / f"{label}.json"
    out.write_text(
        json.dumps({"args": {k: v for k, v in vars(args).items() if k != "secret"}, **results}, indent=1)
    )
    print(f"written {out}")


def measure(args, port: int, server: subprocess.Popen, targets: dict, work: Path) -> dict:
    url = f"http://127.0.0.1:{port}"

    def run(endpoint: Endpoint, connections: int, duration: float) -> dict:
        if not wait_idle(port, 600, server):
            sys.exit("the server stayed busy for 10 minutes after the previous endpoint")
        return run_wrk(url, endpoint, sessions, connections, duration, work)

    selected = endpoints(targets)
    if args.only:
        words = args.only.split(",")
        selected = [e for e in selected if any(w in e.name for w in words)]
    reference = Endpoint(REFERENCE, ["/favicon.ico"], status=301)
    signed_reference = Endpoint(SIGNED_REFERENCE, ["/favicon.ico"], "liwei", "zh-hans", status=301)
    sessions = targets["sessions"]
    load = os.getloadavg()
    print(f"{targets['leads']:,} leads; RFQ with {targets['rfq_quotations']} quotations")
    print(f"{args.connections} connections, {args.duration:g} s per endpoint, {args.workers} workers")
    print(f"load average {load[0]:.2f}\n")
    print(f"{'endpoint':<26} {'req/s':>8} {'share':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'KiB':>7}")
    results = {}
    for endpoint in [reference, signed_reference, *selected]:  # warm every process: imports, caches
        run(endpoint, min(args.connections, 4), args.warmup)
    first = run(reference, args.connections, args.duration)
    print(line(REFERENCE + " (start)", first, None), flush=True)
    signed_first = run(signed_reference, args.connections, args.duration)
    print(line(SIGNED_REFERENCE + " (start)", signed_first, first["rps"], verdict=False), flush=True)
    measured = {}
    for endpoint in selected:
        measured[endpoint.name] = run(endpoint, args.connections, args.duration)
        print(line(endpoint.name, measured[endpoint.name], first["rps"]), flush=True)
    signed_last = run(signed_reference, args.connections, args.duration)
    last = run(reference, args.connections, args.duration)
    reference_rps = (first["rps"] + last["rps"]) / 2
    signed_rps = (signed_first["rps"] + signed_last["rps"]) / 2
    print(line(SIGNED_REFERENCE + " (end)", signed_last, last["rps"], verdict=False))
    print(line(REFERENCE + " (end)", last, None))
    print(
        f"\nshares against the mean references of the run, {reference_rps:.0f} req/s "
        f"(signed in: {signed_rps:.0f} req/s, {signed_rps / reference_rps:.1%} of it):"
    )
    missed = missed_signed = 0
    signed_names = {e.name for e in selected if e.session}
    for name, r in measured.items():
        signed = name in signed_names
        print(line(name, r, reference_rps, signed_rps if signed else None))
        missed += not met(r, reference_rps)
        missed_signed += not met(r, signed_rps if signed else reference_rps)
        results[name] = {**r, "signed_in": signed}
    load_after = os.getloadavg()
    print(f"\nload average {load[0]:.2f} before, {load_after[0]:.2f} after")
    print(f"{missed} of {len(measured)} endpoints missed the targets")
    print(f"{missed_signed} missed them with signed-in pages held to the signed-in reference")
    return {
        "reference": {"start": first, "end": last, "rps": reference_rps},
        "signed_in_reference": {"start": signed_first, "end": signed_last, "rps": signed_rps},
        "endpoints": results,
        "load_average": [load[0], load_after[0]],
        "leads": targets["leads"],
    }


if __name__ == "__main__":
    main()
