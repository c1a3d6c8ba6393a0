"""50 concurrent requests try conflicting transitions of the same deal: exactly one succeeds, the
others are refused as conflicts and change nothing. Runs on SQLite (BEGIN IMMEDIATE serializes the
writers) and on PostgreSQL (row lock)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from scotemp.deals import actions
from scotemp.deals.choices import DealStatus
from scotemp.deals.models import Deal

from .helpers import open_deal, status_changes

N = 50


def _try(barrier, outcomes, user, deal_id, action):
    try:
        deal = Deal.objects.get(pk=deal_id)
        barrier.wait()
        actions.transition_deal(user, deal, action, reason="changed our mind", expected_status="negotiating")
        outcomes.append(("ok", action))
    except ValidationError as exc:
        outcomes.append((exc.code, action))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_fifty_conflicting_transitions_one_wins(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    # The seller confirmed the terms already: the buyer's "agree" moves the deal, racing the cancels.
    actions.transition_deal(aigerim, deal, "agree")
    barrier = threading.Barrier(N)
    outcomes = []
    threads = []
    for i in range(N):
        action = "agree" if i % 3 else "cancel"
        user = li_wei if i % 2 or action == "agree" else aigerim
        threads.append(threading.Thread(target=_try, args=(barrier, outcomes, user, deal.pk, action)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [action for result, action in outcomes if result == "ok"]
    assert len(outcomes) == N
    assert len(winners) == 1, outcomes
    assert all(result == "conflict" for result, _a in outcomes if result != "ok")
    deal.refresh_from_db()
    expected = DealStatus.AGREED if winners[0] == "agree" else DealStatus.CANCELLED
    assert deal.status == expected
    assert status_changes(deal).count() == 1
