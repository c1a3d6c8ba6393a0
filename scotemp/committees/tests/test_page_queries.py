"""The committee page (what the load benchmark drives, ``bench/load.py --only committee``) runs the
same number of queries whatever the committee's size, for a visitor and for its secretary, with the
KPI cache empty (the worst case)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scotemp.committees import actions
from scotemp.committees.models import CommitteeMembership
from scotemp.events.models import Event
from scotemp.trade.models import Lead
from scotemp.trade.tests.lead_data import make_lead, wheat_request
from tests.factories import MembershipFactory, OrganizationFactory

from .conftest import SLUG


def _grow(committee, secretary, n: int) -> None:
    """``n`` more of everything the page lists: members, open leads, upcoming events, plan items and
    published news posts."""
    today = timezone.localdate()
    for i in range(n):
        org = OrganizationFactory()
        CommitteeMembership.objects.create(committee=committee, organization=org, status="approved")
        user = MembershipFactory(organization=org, role="owner").user
        lead = make_lead(user, org, wheat_request())
        Lead.objects.filter(pk=lead.pk).update(committee=committee)
        starts = timezone.now() + datetime.timedelta(days=10 + i)
        Event.objects.create(
            kind="forum",
            status="published",
            title=f"Форум {i}",
            committee=committee,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
        )
        actions.save_plan_item(
            secretary, SLUG, {"title": f"Пункт плана {i}", "due_date": today + datetime.timedelta(days=30)}
        )


def _count(client, url) -> int:
    cache.clear()  # KPIs computed, nothing served from a cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "secretary"])
def test_committee_page_queries_do_not_grow_with_the_committee(client, committee, secretary, who):
    if who == "secretary":
        client.force_login(secretary)
    url = reverse("committees:detail", args=[SLUG])
    counts = []
    for n in (1, 8):
        _grow(committee, secretary, n)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
    assert counts[1] <= BUDGET[who], counts


BUDGET = {"anonymous": 25, "secretary": 29}  # 23 and 27 today (anonymous visitors get the page cache)
