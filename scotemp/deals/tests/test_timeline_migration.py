"""Migration 0003 moves the deal timeline into the audit log, and back when reversed: a timeline read
before, taken back to DealEvent rows and forward again, reads the same."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from scotemp.deals import actions
from scotemp.deals.queries import timeline_of
from scotemp.deals.tests.helpers import open_deal, walk

BEFORE = [("deals", "0002_rfq_submission_key")]


def latest():
    """Every app's latest migration: going back in deals also unapplied the apps that depend on it
    (logistics), so forward again means every leaf, not the deals' last one."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def readable(deal):
    return [
        (e.kind, e.at, e.actor, e.actor_org, e.action, e.from_status, e.to_status, e.reason, e.terms_version)
        for e in timeline_of(deal)
    ]


@pytest.mark.django_db(transaction=True)
def test_timeline_round_trip_through_deal_events(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    values = {f: getattr(deal.current_terms, f) for f in deal.current_terms.TERM_FIELDS}
    proposal = actions.propose_terms(aigerim, deal, {**values, "inspection": "SGS at loading"})
    actions.decide_terms(li_wei, proposal, accept=False, reason="Bulk only")
    deal = walk(deal, li_wei, aigerim, "signed")
    deal = actions.transition_deal(li_wei, deal, "cancel", reason="Rail gauge strike")
    before = readable(deal)
    assert [e[0] for e in before] == [
        "opened",
        "terms_proposed",
        "terms_rejected",
        "terms_confirmed",
        "terms_confirmed",
        "transition",
        "signature_confirmed",
        "signature_confirmed",
        "transition",
        "transition",
    ]
    try:
        old_apps = migrate(BEFORE)
        events = old_apps.get_model("deals", "DealEvent").objects.filter(deal_id=deal.pk).order_by("at", "id")
        assert [e.kind for e in events] == [e[0] for e in before if not e[0].endswith("_confirmed")]
        last = events.last()
        assert (last.from_status, last.to_status, last.action) == ("signed", "cancelled", "cancel")
    finally:
        migrate(latest())  # the confirmations' entries stay in the audit log throughout
    assert readable(deal) == before
