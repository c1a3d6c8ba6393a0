"""KPIs: correct values from the platform's data, a fixed number of queries at two data sizes, the
cache, and cooperation projects tracked (agreements signed this year; see scotemp/projects/tests)."""

import datetime
import time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scotemp.committees import actions
from scotemp.committees.models import CommitteeMembership
from scotemp.committees.queries.kpis import committee_kpis, compute_kpis
from scotemp.deals.models import Rfq
from scotemp.deals.tests.helpers import open_deal, walk
from scotemp.directory.models import OrganizationProfile
from scotemp.events.models import Event
from scotemp.reference.models import FxRate
from scotemp.trade.models import Lead, Match
from scotemp.trade.tests.lead_data import make_lead, wheat_request
from tests.factories import MembershipFactory, OrganizationFactory

from .conftest import SLUG


def _members(committee, n, verified=0):
    for i in range(n):
        org = OrganizationFactory()
        CommitteeMembership.objects.create(committee=committee, organization=org, status="approved")
        if i < verified:
            OrganizationProfile.objects.update_or_create(
                organization=org, defaults={"verification_status": "verified"}
            )


def _event(committee, days_ago, status="published"):
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    return Event.objects.create(
        kind="forum",
        status=status,
        title="Форум",
        committee=committee,
        starts_at=ends - datetime.timedelta(hours=3),
        ends_at=ends,
    )


@pytest.fixture
def traded(committee, aigerim, kz_org, li_wei, cn_org):
    """Two leads and a match in the committee's scope, an RFQ, and an agreed deal of 500 t × 245.50 USD."""
    offer = make_lead(aigerim, kz_org)
    request = make_lead(li_wei, cn_org, wheat_request())
    Lead.objects.filter(pk__in=[offer.pk, request.pk]).update(committee=committee)
    Match.objects.all().delete()
    Match.objects.create(sell_lead=offer, buy_lead=request, score=80.0, parts=[])
    deal = walk(open_deal(li_wei, cn_org, aigerim, kz_org), li_wei, aigerim, "agreed")
    deal.__class__.objects.filter(pk=deal.pk).update(committee=committee)
    Rfq.objects.filter(pk=deal.inquiry.rfq_id).update(committee=committee)
    FxRate.objects.update_or_create(
        base_id="USD",
        quote_id="CNY",
        date=timezone.localdate(),
        defaults={"rate": Decimal("7.1"), "source": "test"},
    )
    return deal


def test_values(committee, secretary, traded):
    _members(committee, 3, verified=2)
    _event(committee, days_ago=1)
    _event(committee, days_ago=1, status="draft")  # never held
    actions.set_kpi_targets(
        secretary, SLUG, timezone.localdate().year, {"members": "6", "deal_value_usd": "245500"}
    )
    report = compute_kpis(committee, timezone.localdate().year)
    values = {row.metric: row.actual for row in report.rows}
    assert values["members"] == 3 and values["verified_members"] == 2
    assert values["leads"] == 2 and values["matches"] == 1 and values["rfqs"] == 1
    assert values["deals"] == 1 and values["deal_value_usd"] == Decimal("122750.00")
    assert report.deal_value_cny == Decimal("871525.00")
    assert values["events"] == 1 and values["meetings"] == 0
    assert values["projects"] == 0 and report.get("projects").tracked
    assert report.get("members").percent == 50
    assert report.get("deal_value_usd").percent == 50
    last_year = compute_kpis(committee, timezone.localdate().year - 1)
    assert last_year.get("deals").actual == 0 and last_year.get("leads").actual == 0


def test_fixed_number_of_queries_at_two_sizes(committee, traded, aigerim, kz_org):
    counts = []
    for extra in (1, 12):
        _members(committee, extra, verified=extra // 2)
        for _ in range(extra):
            _event(committee, days_ago=2)
        for _ in range(extra):
            org = OrganizationFactory()
            user = MembershipFactory(organization=org, role="owner").user
            lead = make_lead(user, org, wheat_request())
            Lead.objects.filter(pk=lead.pk).update(committee=committee)
        with CaptureQueriesContext(connection) as ctx:
            compute_kpis(committee, timezone.localdate().year)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 12  # 12 since cooperation projects are counted


def test_cached_briefly(committee, django_assert_num_queries):
    committee_kpis(committee)
    with django_assert_num_queries(0):
        committee_kpis(committee)


def test_committee_page_within_a_fixed_budget(client, committee, traded, django_assert_max_num_queries):
    _members(committee, 10, verified=3)
    # 25 today: KPIs computed (cache empty), the events, the cooperation projects and the delegations
    # (upcoming and past) listed
    with django_assert_max_num_queries(25):
        response = client.get(reverse("committees:detail", args=[SLUG]))
    body = response.content.decode()
    assert 'data-metric="deals"' in body and 'data-metric="projects"' in body


def test_matches_of_either_side(committee, traded, aigerim, kz_org, li_wei, cn_org):
    """A match counts once when either of its leads is the committee's, never when neither is."""
    outside = [make_lead(aigerim, kz_org), make_lead(li_wei, cn_org, wheat_request())]
    Lead.objects.filter(pk__in=[lead.pk for lead in outside]).update(committee=None)
    own_offer = Lead.objects.filter(committee=committee, kind="sell").first()
    own_request = Lead.objects.filter(committee=committee, kind="buy").first()
    Match.objects.create(sell_lead=own_offer, buy_lead=outside[1], score=70.0, parts=[])
    Match.objects.create(sell_lead=outside[0], buy_lead=own_request, score=60.0, parts=[])
    Match.objects.create(sell_lead=outside[0], buy_lead=outside[1], score=50.0, parts=[])
    report = compute_kpis(committee, timezone.localdate().year)
    assert report.get("matches").actual == 3  # the fixture's match of both own leads, and one per side


def test_a_due_report_is_shown_while_one_request_computes_the_next(
    committee, monkeypatch, django_assert_num_queries
):
    from django.core.cache import cache

    from scotemp.committees.queries import kpis

    first = committee_kpis(committee)
    _members(committee, 2)
    later = time.time() + kpis.KPI_CACHE_SECONDS + 1
    monkeypatch.setattr(kpis, "time", SimpleNamespace(time=lambda: later))  # two minutes later
    key = kpis._key(committee.pk, timezone.localdate().year)
    assert cache.add(f"{key}:computing", 1, 60)  # another request is computing them
    with django_assert_num_queries(0):
        assert committee_kpis(committee) is not None
    assert committee_kpis(committee).get("members").actual == first.get("members").actual
    cache.delete(f"{key}:computing")
    assert committee_kpis(committee).get("members").actual == first.get("members").actual + 2
    with django_assert_num_queries(0):  # fresh again, and nobody left computing
        committee_kpis(committee)
    assert cache.get(f"{key}:computing") is None


def test_forgotten_figures_are_computed_at_once(committee):
    from scotemp.committees.queries.kpis import forget_kpis

    first = committee_kpis(committee)
    _members(committee, 1)
    assert committee_kpis(committee).get("members").actual == first.get("members").actual  # cached
    forget_kpis(committee.pk, timezone.localdate().year)
    assert committee_kpis(committee).get("members").actual == first.get("members").actual + 1
