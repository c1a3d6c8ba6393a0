"""The database side of ``bench/writes.py``: the throw-away database and its clients, then what the
run stored (every acknowledged message exactly once) and what the worker delivered."""

import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path


def setup_database(reuse: str | None) -> tuple[str, Path, callable]:
    """Point Django at a throw-away database and migrate it (or at the SQLite database of a run kept
    with ``--keep``); returns a label, the directory and the cleanup."""
    tmp = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="scotemp-bench-writes-"))
    if not reuse:
        (tmp / "secret").write_text(secrets.token_urlsafe(48))
    os.environ.update(
        SCOTEMP_MODE="production",
        SECRET_KEY=(tmp / "secret").read_text(),
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
    postgres, db = url.startswith("postgres"), f"{name.split('?')[0]}_writes"

    def admin(sql):
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    if postgres and reuse:
        raise SystemExit("--reuse works with SQLite only")
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

    if not reuse:
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

    return label, tmp, cleanup


def make_clients(n: int) -> list[dict]:
    """``n`` users in ``n // 2`` buyer–seller pairs, each pair with one thread; a session, a CSRF
    secret and a write token for each."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from scotemp.accounts.actions import create_api_token
    from scotemp.accounts.models import Membership, Organization, TokenScope, User
    from scotemp.deals import actions
    from scotemp.deals.tests.helpers import rfq_values
    from scotemp.reference.models import Country

    kz, cn = Country.objects.get(iso2="KZ"), Country.objects.get(iso2="CN")
    clients = []
    for pair in range((n + 1) // 2):
        people = []
        for side, country in (("buyer", cn), ("seller", kz)):
            org = Organization.objects.create(name=f"Bench {side} {pair}", country=country, type="trader")
            user = User.objects.create_user(
                email=f"{side}{pair}@bench.test",
                password=secrets.token_urlsafe(12),
                full_name=f"{side} {pair}",
            )
            Membership.objects.create(user=user, organization=org, role="owner")
            people.append((user, org))
        (buyer, buyer_org), (_seller, seller_org) = people
        rfq = actions.send_rfq(buyer, buyer_org, rfq_values(), [seller_org.public_id])
        inquiry = rfq.inquiries.get()
        for user, org in people:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session["active_organization"] = org.pk
            session.create()
            _row, token = create_api_token(user, org.public_id, "bench", scope=TokenScope.WRITE)
            clients.append(
                {
                    "inquiry": str(inquiry.public_id),
                    "session": session.session_key,
                    "csrf": _get_new_csrf_string(),
                    "token": token,
                }
            )
    return clients[:n]


def wait_for_delivery(since, timeout: float = 120) -> dict:
    """Wait until no e-mail queued since ``since`` is left to send; how many were queued, sent, left."""
    from django.db import connections

    from scotemp.notifications.models import OutboxEmail, OutboxStatus

    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        connections.close_all()
        rows = OutboxEmail.objects.filter(created_at__gte=since)
        queued = rows.count()
        sent = rows.filter(status=OutboxStatus.SENT).count()
        if sent == queued or time.monotonic() > deadline:
            return {
                "queued": queued,
                "sent": sent,
                "left": queued - sent,
                "waited_s": time.monotonic() - started,
            }
        time.sleep(0.5)


def delivery_tasks(since) -> int | None:
    """Delivery tasks enqueued since ``since`` (database queue only; None on RQ)."""
    if os.environ.get("REDIS_URL"):
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        enqueued_at__gte=since, task_path__endswith="deliver_outbox_task"
    ).count()


def verify(run_id: str, via: str, acked_dir: Path, ok: int, connections: int) -> dict:
    from django.db.models import Count

    from scotemp.deals.models import Message

    stored = Message.objects.filter(body__startswith=f"wrk-{run_id}-")
    total = stored.count()
    twice = stored.values("body").annotate(n=Count("pk")).filter(n__gt=1).count()
    result = {"stored": total, "stored_twice": twice}
    if via == "api":
        acked = []
        for f in acked_dir.glob("acked-*.txt"):
            acked += [line for line in f.read_text().split() if line]
        bodies = set(stored.values_list("body", flat=True))
        result["acked"] = len(acked)
        result["acked_missing"] = sum(1 for m in acked if m not in bodies)
        result["unacked_stored"] = len(bodies - set(acked))
        result["ok"] = result["acked_missing"] == 0 and twice == 0 and len(acked) == ok
    else:
        result["acked"] = ok
        result["unacked_stored"] = total - ok
        result["ok"] = twice == 0 and ok <= total <= ok + connections
    return result
