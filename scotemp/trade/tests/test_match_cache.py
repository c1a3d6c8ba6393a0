"""The match index cache applies changed rows instead of reloading a group, stays identical to a fresh
load and to the brute force, ignores writes to columns it does not read, and lives across jobs."""

import datetime

import pytest
from rq.worker import SimpleWorker

from scotemp.demo.management.commands.run_demo import worker_command
from scotemp.directory.models import OrganizationProfile
from scotemp.trade.matching import cache, engine, index
from scotemp.trade.matching.records import verified_all
from scotemp.trade.models import Lead, MatchIndexChange, MatchIndexVersion
from scotemp.trade.tasks.matching import rematch_lead
from scotemp.trade.tasks.worker import Worker
from tests.factories import OrganizationFactory

from .test_matching import lead

pytestmark = pytest.mark.django_db


def _same_as_fresh(kind: str, chapter: str) -> None:
    g = cache.group(kind, chapter)
    fresh = index.load_group(kind, chapter, verified=verified_all())
    assert [g.record(i) for i in range(len(g))] == [fresh.record(i) for i in range(len(fresh))]
    assert list(g.verified) == list(fresh.verified) and list(g.origin) == list(fresh.origin)


def test_a_changed_row_is_applied_without_reloading_the_group():
    cache.clear()
    seller, buyer = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    buy = lead(buyer, "buy", quantity=1000)
    sells = [lead(seller, "sell", quantity=q) for q in (400, 1000, 3000)]

    def fast():
        return engine.top_matches(buy.pk)

    assert fast() == engine.brute_force_top_matches(buy.pk)
    loads = cache.stats["loads"]
    patches = cache.stats["patches"]
    writes = [
        lambda: Lead.objects.filter(pk=sells[0].pk).update(quantity=900),  # no action, no save()
        lambda: sells[1].countries.set(["RU"]),
        lambda: lead(OrganizationFactory(country_id="RU"), "sell", quantity=1000),
        lambda: Lead.objects.filter(pk=sells[2].pk).update(status="paused"),
        lambda: OrganizationProfile.objects.update_or_create(
            organization=seller, defaults={"verification_status": "verified"}
        ),
        lambda: type(seller).objects.filter(pk=seller.pk).update(country_id="UZ"),
        lambda: Lead.objects.filter(pk=sells[0].pk).update(hs_code_id="100390", hs_chapter="10"),
    ]
    for write in writes:
        write()
        assert fast() == engine.brute_force_top_matches(buy.pk)
        _same_as_fresh("sell", "10")
    assert cache.stats["loads"] == loads  # every change was applied, none reloaded the group
    assert cache.stats["patches"] >= patches + len(writes)


def test_a_group_read_in_a_rolled_back_transaction_is_loaded_again():
    from django.db import transaction

    cache.clear()
    seller, buyer = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    buy = lead(buyer, "buy")
    lead(seller, "sell")
    with pytest.raises(RuntimeError), transaction.atomic():
        ghost = lead(OrganizationFactory(country_id="RU"), "sell")
        assert ghost.pk in [c for _t, c, _p in engine.top_matches(buy.pk)]
        raise RuntimeError
    assert engine.top_matches(buy.pk) == engine.brute_force_top_matches(buy.pk)
    _same_as_fresh("sell", "10")


def test_writes_to_columns_the_index_does_not_read_change_nothing():
    """On both databases (PostgreSQL's triggers used to fire on any column): a directory reindex or a
    reminder stamp on a profile, or a lead's title, bumps no version and logs no change."""
    org = OrganizationFactory(country_id="KZ")
    profile, _ = OrganizationProfile.objects.get_or_create(organization=org)
    offer = lead(org, "sell")
    before = (list(MatchIndexVersion.objects.values_list("key", "version")), MatchIndexChange.objects.count())
    OrganizationProfile.objects.filter(pk=profile.pk).update(search_text="reindexed", contact_person="A")
    OrganizationProfile.objects.filter(pk=profile.pk).update(
        expiry_reminder_sent_at=datetime.datetime.now(datetime.UTC)
    )
    Lead.objects.filter(pk=offer.pk).update(title_en="renamed")
    type(org).objects.filter(pk=org.pk).update(country_id="KZ")  # same value
    after = (list(MatchIndexVersion.objects.values_list("key", "version")), MatchIndexChange.objects.count())
    assert after == before
    OrganizationProfile.objects.filter(pk=profile.pk).update(verification_status="verified")
    change = MatchIndexChange.objects.latest("id")
    assert (change.key, change.org_id) == ("*", org.pk)
    Lead.objects.filter(pk=offer.pk).update(quantity=5)
    assert MatchIndexChange.objects.latest("id").lead_id == offer.pk


def test_the_index_lives_across_jobs_of_one_process():
    """The production workers run jobs in their own process (no fork per job): a second job of the
    same chapter loads nothing."""
    assert issubclass(Worker, SimpleWorker)
    cache.clear()
    seller, buyer = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    offer = lead(seller, "sell")
    first, second = lead(buyer, "buy"), lead(buyer, "buy", quantity=500)
    rematch_lead.call(first.pk)
    loads = cache.stats["loads"]
    rematch_lead.call(second.pk)
    assert cache.stats["loads"] == loads
    assert offer.pk in [c for _t, c, _p in engine.top_matches(second.pk)]


def test_the_demo_runs_the_readme_worker(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    command = worker_command()
    assert command[command.index("--worker-class") + 1] == "scotemp.trade.tasks.worker.Worker"
    assert command[-2:] == ["default", "mail"]  # matching first, then e-mail delivery
    settings.REDIS_URL = None
    command = worker_command()
    assert command[command.index("--queue-name") + 1] == "default,mail"


def test_the_memory_budget_drops_the_least_recently_used_group(settings):
    cache.clear()
    org, other = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    lead(org, "sell", hs="100199")
    lead(org, "sell", hs="270900")
    first, second = lead(other, "buy", hs="100199"), lead(other, "buy", hs="270900")
    settings.MATCH_INDEX_MAX_MB = 0  # every group is over budget: only the latest one stays
    engine.top_matches(first.pk)
    engine.top_matches(second.pk)
    assert [key[1:] for key in cache._groups] == [("sell", "27")]
    assert engine.top_matches(first.pk) == engine.brute_force_top_matches(first.pk)


def test_a_worker_behind_the_pruned_log_loads_its_groups_afresh():
    """The hourly prune deletes the change rows a worker has not applied yet: that worker must read
    its groups again rather than miss the changes."""
    from django.core.management import call_command

    cache.clear()
    seller, buyer = OrganizationFactory(country_id="KZ"), OrganizationFactory(country_id="CN")
    buy = lead(buyer, "buy", quantity=1000)
    offers = [lead(seller, "sell", quantity=q) for q in (400, 1000)]
    assert engine.top_matches(buy.pk) == engine.brute_force_top_matches(buy.pk)
    for quantity in (900, 950, 980):  # changes this worker has not seen, then pruned away
        Lead.objects.filter(pk=offers[0].pk).update(quantity=quantity)
    Lead.objects.filter(pk=offers[1].pk).update(status="paused")
    assert cache.prune(keep=1) > 0
    call_command("prune_match_changes", verbosity=0)  # the cron job runs and keeps the latest rows
    assert engine.top_matches(buy.pk) == engine.brute_force_top_matches(buy.pk)
    _same_as_fresh("sell", "10")
