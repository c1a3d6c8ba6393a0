"""The data side of ``bench/load.py``, run by it in a subprocess with the server's environment.

    python bench/load_data.py prepare --leads N   # migrate, reference, static, demo, N generated leads
    python bench/load_data.py targets OUT.json    # request paths and signed-in sessions for the load

``prepare`` is idempotent: it records what it built in ``$SCOTEMP_VAR_DIR/load-state.json`` (one
prepared database per directory), so a second run with the same ``--leads`` only checks. The
generated leads come from ``bench/leads_dataset.py``'s ``load_leads`` (bulk: organizations, leads and
their search index, identical to what ``reindex_all`` writes); the directory index and the stored
matches are built with the production code (``directory.search.reindex_all``, ``rematch_all``).
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PERSONAS = {
    "aigerim": "aigerim@demo.scotemp.org",  # exporter, Almaty, Russian
    "liwei": "liwei@demo.scotemp.org",  # importer, Chongqing, Chinese
    "dmitry": "dmitry@demo.scotemp.org",  # forwarder, Novosibirsk, Russian
    "zhangmin": "zhangmin@demo.scotemp.org",  # secretary of the aluminium committee, Chinese
}


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _state_path() -> Path:
    return Path(os.environ["SCOTEMP_VAR_DIR"]) / "load-state.json"


def _progress(label):
    started = time.monotonic()

    def report(done, total):
        rate = done / max(time.monotonic() - started, 1e-6)
        end = "\n" if done >= total else "\r"
        print(f"  {label}: {done:>9,}/{total:,} ({rate:,.0f}/s)", end=end, flush=True)

    return report


def prepare(leads: int) -> None:
    _django()
    from django.core.management import call_command
    from django.db import connection

    from scotemp.trade.models import Lead

    state_path = _state_path()
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    if state and state.get("leads") != leads:
        sys.exit(f"{state_path} was prepared for {state.get('leads')} generated leads: use another --var-dir")
    # Always: the code measured may bring migrations and static files of its own.
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    if state.get("complete"):
        print(f"reusing the prepared database ({Lead.objects.count():,} leads)")
        return
    step = time.monotonic()
    call_command("createcachetable", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("seed_demo", verbosity=0)
    print(f"demo data: {Lead.objects.count():,} leads ({time.monotonic() - step:.0f} s)")
    if leads:
        import leads_dataset

        from scotemp.directory.search import reindex_all as reindex_directory
        from scotemp.trade.matching.store import rematch_all

        step = time.monotonic()
        leads_dataset.load_leads(leads)  # organizations, leads, countries, search index (bulk)
        reindex_directory(progress=_progress("directory index"))
        rematch_all(notify=False, progress=_progress("matches"))
        with connection.cursor() as cursor:
            # PostgreSQL: VACUUM too, as autovacuum does after such a load in production (a server may
            # run without it): the visibility map lets counts read the 1.7 M match rows' indexes alone.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"{leads:,} generated leads indexed and matched ({time.monotonic() - step:.0f} s)")
    state_path.write_text(json.dumps({"leads": leads, "complete": True}))


def _session_cookie(email: str) -> str:
    from django.conf import settings
    from django.test import Client

    from scotemp.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def targets(out: str) -> None:
    """Paths and sessions for the load: random open leads, the busiest RFQ of the Chinese importer."""
    _django()
    from django.db.models import Count

    from scotemp.deals.models import Rfq
    from scotemp.trade.models import Lead

    rng = random.Random(5)
    ids = list(Lead.objects.filter(status="published").values_list("public_id", flat=True)[:20_000])
    leads = [f"/leads/{public_id}/" for public_id in rng.sample(ids, min(300, len(ids)))]
    liwei = PERSONAS["liwei"]
    rfq = (
        Rfq.objects.filter(buyer__memberships__user__email=liwei)
        .annotate(n=Count("inquiries__quotations"))
        .order_by("-n")
        .first()
    )
    data = {
        "lead_details": leads,
        "rfq": f"/deals/rfq/{rfq.public_id}/" if rfq else None,
        "rfq_quotations": rfq.n if rfq else 0,
        "sessions": {name: _session_cookie(email) for name, email in PERSONAS.items()},
        "leads": Lead.objects.count(),
    }
    Path(out).write_text(json.dumps(data, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--leads", type=int, default=0)
    t = sub.add_parser("targets")
    t.add_argument("out")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.leads)
    else:
        targets(args.out)


if __name__ == "__main__":
    main()
