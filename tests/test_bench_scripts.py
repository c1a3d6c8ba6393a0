"""Every benchmark in ``bench/`` still runs and its own checks still pass.

The benchmarks prove the speed targets; one that no longer starts, or whose check of its own results
went stale, proves nothing. Each runs here as its docstring says, at its smallest size, in a
throw-away data directory, and must exit 0 and print the line of the check it makes (identical to
the brute force, every message stored once, a valid schedule, …). Times are not judged here: a test
machine is not a benchmark machine.

On SQLite every script runs on SQLite. On PostgreSQL + Redis (``DATABASE_URL``, ``REDIS_URL``) the
scripts whose PostgreSQL mode uses a throw-away database named after ``DATABASE_URL``'s run on the
server, with a Redis database of their own; the others keep fixed database names on the server
(kept between runs, as a benchmark machine wants), so they are left to the SQLite run.

``bench/load.py`` needs ``wrk``: without it that test is skipped with a notice, unless
``SCOTEMP_REQUIRE_BROWSER=1`` (CI, which installs it), which makes the missing tool a failure."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
POSTGRES = connection.vendor == "postgresql"
REQUIRED = os.environ.get("SCOTEMP_REQUIRE_BROWSER", "").strip() not in {"", "0", "false", "no"}
LEADS = "2000"

# (script and arguments, what its own check prints); in order: the lead benchmarks reuse the dataset
# that leads_dataset.py loads first.
ON_SQLITE = [
    ("deals.py --quick", r"now (agreed|cancelled): one move: OK"),
    ("documents.py --quick", r"cached \(key \+ shared cache read\) median"),
    ("landed_cost.py --repeat 1", r"20 quotations, \d+ complete totals"),
    ("scheduler.py --small-only --time-limit 5", r"validity check: OK"),
    (f"leads_dataset.py --leads {LEADS} --check 50", r"check: the index of 50 random leads .* identical"),
    # the Chinese query finds leads (the fifth column: matches)
    (f"lead_search.py --leads {LEADS} --queries 2", r"q=小麦 \(2-char Chinese\)(\s+[\d.]+){3}\s+[1-9]"),
    (
        f"matching.py --leads {LEADS} --samples 2 --brute-samples 1",
        r"identical top 20 \(ids, scores, order\)",
    ),
    (f"my_matches.py --leads {LEADS} --runs 1", r"many: GET /leads/matches/"),
    (f"matching_stream.py --leads {LEADS} --new 3", r"engine == brute force for 3 leads"),
    ("directory_search.py --orgs 300 --queries 200", r"registry id"),
    ("hs_picker.py --queries 2 --rounds 1", r"p95 of the whole request"),
    ("routes.py --pairs 5 --places 500", r"snap \+ plan_between"),
    ("writes.py --clients 4 --seconds 2", r"check: OK"),
    ("events.py --batches 1 --size 5 --clients 2", r"stored: 10 \(expected 10\); errors: 0"),
]
ON_POSTGRES = [
    ("deals.py --quick", r"now (agreed|cancelled): one move: OK"),
    ("landed_cost.py --repeat 1", r"20 quotations, \d+ complete totals"),
    ("writes.py --clients 4 --seconds 2", r"check: OK"),
    ("events.py --batches 1 --size 5 --clients 2", r"stored: 10 \(expected 10\); errors: 0"),
]
# Read the reference tables of the database the environment configures (run load_reference first).
NEED_REFERENCE = {"hs_picker.py", "routes.py"}


@pytest.fixture(scope="module")
def bench_env(tmp_path_factory):
    """The environment a developer runs a benchmark in: demo settings, a data directory of its own."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SQLITE_PATH"}}
    env.update(
        SCOTEMP_MODE="demo", SCOTEMP_VAR_DIR=str(tmp_path_factory.mktemp("bench")), LOG_LEVEL="WARNING"
    )
    if POSTGRES:
        env["REDIS_URL"] = re.sub(r"/\d+$", "", settings.REDIS_URL) + "/13"
        subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "FLUSHDB"], check=True, capture_output=True)
    else:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="module")
def reference_db(bench_env):
    """The configured (SQLite) database with the reference data, as the HS picker and route
    benchmarks expect it."""
    for command in (["migrate"], ["createcachetable"], ["load_reference", "--curated-places-only"]):
        _run([sys.executable, "manage.py", *command, "-v", "0"], bench_env)
    return bench_env


def _run(command: list[str], env: dict, timeout: float = 600) -> str:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    out = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{out[-3000:]}"
    return out


SCRIPTS = ON_POSTGRES if POSTGRES else ON_SQLITE


@pytest.mark.parametrize("script, check", SCRIPTS, ids=[script.split()[0] for script, _check in SCRIPTS])
def test_benchmark_runs_and_its_check_passes(script, check, bench_env, request):
    name, *args = script.split()
    env = request.getfixturevalue("reference_db") if name in NEED_REFERENCE else bench_env
    out = _run([sys.executable, f"bench/{name}", *args], env)
    assert re.search(check, out), f"bench/{name} printed no line matching {check!r}:\n{out[-3000:]}"
    assert "FAILED" not in out and "Traceback" not in out, out[-3000:]
    if POSTGRES:  # it ran on the server, not on a SQLite file of its own
        assert "PostgreSQL" in out, out[-3000:]


def test_load_benchmark_serves_every_kind_of_endpoint(bench_env, tmp_path):
    """``bench/load.py`` at its smallest: the demo data and 500 leads, gunicorn as production runs it,
    a second of wrk per endpoint; every reply has the status the endpoint expects."""
    if POSTGRES:
        pytest.skip("the load benchmark keeps a fixed database name on the server; it runs on SQLite")
    if not shutil.which("wrk"):
        if REQUIRED:
            pytest.fail("wrk is not installed (apt-get install wrk)", pytrace=False)
        pytest.skip("wrk is not installed (apt-get install wrk)")
    only = "home,lead list zh,API leads,matches (importer),RFQ"
    command = ["bench/load.py", "--leads", "500", "--duration", "1", "--warmup", "0", "--only", only]
    out = _run([sys.executable, *command, "--var-dir", str(tmp_path / "load")], bench_env, timeout=900)
    measured = re.findall(r"^(home, anonymous|home, signed in|lead list zh|API leads|my matches \(importer\)"
                          r"|RFQ comparison)\s+[\d.]+\s", out, re.M)  # fmt: skip
    assert len(set(measured)) == 6, out[-3000:]
    assert " replies " not in out, out[-3000:]  # a reply with a status other than the one expected
    assert (tmp_path / "load" / "results.json").exists()
