"""The benchmark dataset's bulk loader (``bench/leads_dataset.py``, ``bench/dataset``): the rows are
the same for the same seed, the search index is the production code's, and the schema (indexes,
match index triggers) is back after the load, so the application works on a loaded database."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from scotemp.trade.models import Lead, LeadSearchToken, MatchIndexChange

ROOT = Path(__file__).resolve().parents[1]


def _dataset_module():
    spec = importlib.util.spec_from_file_location("leads_dataset", ROOT / "bench" / "leads_dataset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(tables) -> set:
    """(table, name) of every index and trigger on ``tables``."""
    marks = ", ".join(["%s"] * len(tables))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT tbl_name, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                f"AND tbl_name IN ({marks})",
                list(tables),
            )
            return set(cursor.fetchall())
        cursor.execute(
            f"SELECT tablename, indexname FROM pg_indexes WHERE tablename IN ({marks})", list(tables)
        )
        rows = set(cursor.fetchall())
        cursor.execute(
            f"SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            f"WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND c.relname IN ({marks})",
            list(tables),
        )
        return rows | set(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_bulk_load_writes_the_production_index_and_restores_indexes_and_triggers(capsys):
    ds = _dataset_module()
    before = _schema(ds.bulk.TABLES)
    assert any("trade_miv_lead" in name for _table, name in before)

    ids = ds.load_leads(400, rebuild_indexes=True, analyze=False)

    assert _schema(ds.bulk.TABLES) == before  # every index and trigger dropped for the load is back
    assert Lead.objects.filter(pk__in=ids, status="published").count() == 400
    assert LeadSearchToken.objects.filter(lead_id__in=ids).count() > 400 * 5
    ds.check(80)  # the stored index equals reindex_leads' output (exits on a difference)
    assert "identical to reindex_leads" in capsys.readouterr().out

    # the match index triggers fire again on an ordinary write
    Lead.objects.filter(pk=ids[0]).update(status="closed")
    assert MatchIndexChange.objects.filter(lead_id=ids[0]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_holding_groups_reloads_them_after_a_bulk_load_and_then_applies_changes():
    """The load bypasses the triggers but marks every key it filled: a worker that held a group
    before reads it afresh; one that read it after the load applies later changes without reloading."""
    from scotemp.trade.matching import cache, engine

    ds = _dataset_module()
    first = ds.load_leads(300, analyze=False)
    probe = Lead.objects.filter(pk__in=first, hs_chapter="10", kind="buy").first()
    assert probe is not None  # wheat and barley: the dataset's biggest chapter
    cache.clear()
    assert engine.top_matches(probe.pk) == engine.brute_force_top_matches(probe.pk)

    second = ds.load_leads(300, seed=ds.SEED + 1, analyze=False)
    assert Lead.objects.filter(pk__in=second, hs_chapter="10", kind="sell").exists()
    loads = cache.stats["loads"]
    assert engine.top_matches(probe.pk) == engine.brute_force_top_matches(probe.pk)
    assert cache.stats["loads"] > loads  # the held group was read again, the new offers with it

    loads = cache.stats["loads"]
    offer = Lead.objects.filter(pk__in=second, hs_chapter="10", kind="sell").first()
    Lead.objects.filter(pk=offer.pk).update(quantity=offer.quantity + 1)
    assert engine.top_matches(probe.pk) == engine.brute_force_top_matches(probe.pk)
    assert cache.stats["loads"] == loads  # applied from the log, not reloaded


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_rows():
    ds = _dataset_module()
    generate, universe = ds.generate, ds.Universe(__import__("random").Random(ds.SEED))
    now, today = timezone.now(), timezone.localdate()
    orgs = [generate.organizations(50, 1, 7) for _ in range(2)]
    assert orgs[0].rows == orgs[1].rows
    assert len({row["public_id"] for row in orgs[0].rows}) == 50
    leads = [
        generate.leads(
            300, (7, 0), universe, orgs[0], generate.Texts(universe), now, today, connection.vendor
        )
        for _ in range(2)
    ]
    assert leads[0].columns == leads[1].columns
    assert leads[0].keys.tolist() == leads[1].keys.tolist()
    other = generate.leads(300, (7, 1), universe, orgs[0], generate.Texts(universe), now, today, "sqlite")
    assert other.columns["public_id"] != leads[0].columns["public_id"]


def teardown_module():
    sys.modules.pop("leads_dataset", None)
