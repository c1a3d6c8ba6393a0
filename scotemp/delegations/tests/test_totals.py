"""The operator's totals: delegations by year, direction and country, outcomes by kind, in the same
number of queries for two delegations as for twenty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scotemp.delegations.models import Outcome
from scotemp.delegations.queries import totals

from .data import make_delegation

pytestmark = pytest.mark.django_db


def _grow(committee, n):
    for i in range(n):
        delegation = make_delegation(
            committee=committee,
            country_id=("UZ", "KZ")[i % 2],
            direction=("inbound", "outbound")[i % 2],
            starts_on=datetime.date(2026 + i % 2, 3, 1),
            ends_on=datetime.date(2026 + i % 2, 3, 4),
        )
        Outcome.objects.create(delegation=delegation, kind=("mou", "rfq")[i % 2])


def _queries():
    with CaptureQueriesContext(connection) as captured:
        result = totals()
    return len(captured), result


def test_totals_in_a_fixed_number_of_queries(committee):
    _grow(committee, 2)
    small, result = _queries()
    assert {(r["year"], r["direction"], r["country_id"], r["count"]) for r in result["delegations"]} == {
        (2026, "inbound", "UZ", 1),
        (2027, "outbound", "KZ", 1),
    }
    _grow(committee, 18)
    large, result = _queries()
    assert small == large == 2
    assert sum(r["count"] for r in result["delegations"]) == 20
    assert {(r["kind"], r["count"]) for r in result["outcomes"] if r["year"] == 2026} == {("mou", 10)}


def test_cancelled_delegations_do_not_count(committee):
    make_delegation(committee=committee, status="cancelled")
    assert totals()["delegations"] == []
