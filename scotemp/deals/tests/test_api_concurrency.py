"""The 50-conflicting-transitions race over HTTP: 50 clients, buyer or seller, post "agree" or
"cancel" expecting "negotiating" at the same moment; exactly one gets 200, the 49 others 409, and the
timeline records one transition. SQLite (BEGIN IMMEDIATE) and PostgreSQL (row lock)."""

import threading

import pytest
from django.db import connections
from django.test import Client

from scotemp.deals import actions
from scotemp.deals.choices import DealStatus

from .helpers import open_deal, status_changes

N = 50


def _try(barrier, outcomes, client, path, body):
    try:
        barrier.wait()
        response = client.post(path, body, content_type="application/json")
        outcomes.append((response.status_code, body["action"], response.json().get("detail", "")))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_fifty_conflicting_http_transitions_one_wins(li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    # The seller confirmed the terms already: the buyer's "agree" moves the deal, racing the cancels.
    actions.transition_deal(aigerim, deal, "agree")
    path = f"/api/v1/deals/{deal.public_id}/transitions"
    clients, bodies = [], []
    for i in range(N):
        action = "agree" if i % 3 else "cancel"
        client = Client()
        # sessions made up front, not inside the race
        client.force_login(li_wei if i % 2 or action == "agree" else aigerim)
        clients.append(client)
        bodies.append({"action": action, "expected_status": "negotiating", "reason": "changed our mind"})
    connections.close_all()
    barrier = threading.Barrier(N)
    outcomes = []
    threads = [
        threading.Thread(target=_try, args=(barrier, outcomes, clients[i], path, bodies[i])) for i in range(N)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == N
    statuses = sorted(status for status, _action, _detail in outcomes)
    assert statuses == [200] + [409] * (N - 1), outcomes
    [winner] = [action for status, action, _detail in outcomes if status == 200]
    deal.refresh_from_db()
    assert deal.status == (DealStatus.AGREED if winner == "agree" else DealStatus.CANCELLED)
    assert status_changes(deal).count() == 1
