"""``scotemp.core.prepared``: a query compiled once answers every later call exactly as the ORM
would, for each kind of result and slot, for every kind of reader of the permission filter, and
falls back to the ORM where a stand-in cannot take the value's place."""

import uuid

import pytest
from django.db.models import Count, F

from scotemp.core.permissions import bind_organization
from scotemp.core.prepared import USER, PreparedQuery
from scotemp.deals.models import Inquiry, Rfq
from scotemp.deals.tests.helpers import open_deal, send_rfq
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _counted(build):
    """``build`` and a list that grows by one each time it is called."""
    calls = []

    def counted(**values):
        calls.append(values)
        return build(**values)

    return counted, calls


@pytest.fixture
def trade(li_wei, cn_org, aigerim, kz_org):
    """Two RFQs of the Chinese buyer: one to the Kazakh seller (with a deal), one to another seller."""
    other = MembershipFactory(role="owner")
    first = open_deal(li_wei, cn_org, aigerim, kz_org).inquiry.rfq
    second = send_rfq(li_wei, cn_org, other.organization, goods="Barley")
    return {"first": first, "second": second, "other": other.user}


def test_model_rows_with_related_rows_for_every_reader(trade, li_wei, aigerim, outsider, operator):
    build, calls = _counted(
        lambda user, public_id: (
            Inquiry.objects.visible_to(user)
            .select_related("rfq__unit", "seller__country", "deal")
            .filter(rfq__public_id=public_id)
        )
    )
    query = PreparedQuery(build, user=USER, public_id=uuid.UUID)
    members = 0
    for user in (li_wei, aigerim, trade["other"], outsider, operator):
        for rfq in (trade["first"], trade["second"]):
            got = query(user=user, public_id=rfq.public_id)
            expected = query.orm(user=user, public_id=rfq.public_id)
            assert [r.pk for r in got] == [r.pk for r in expected]
            for mine, theirs in zip(got, expected, strict=True):
                assert mine.__dict__.keys() == theirs.__dict__.keys()
                assert {k: v for k, v in mine.__dict__.items() if k != "_state"} == {
                    k: v for k, v in theirs.__dict__.items() if k != "_state"
                }
                assert mine.seller.country.name == theirs.seller.country.name
                assert mine.rfq.unit == theirs.rfq.unit
                assert getattr(mine, "deal", None) == getattr(theirs, "deal", None)  # reverse one-to-one
            members += len(got)
    assert members == 4  # the buyer sees both, each seller its own: the filter really filtered
    # compiled once for the members; the operator's two reads and every .orm() built the queryset
    assert len(calls) == 1 + 2 + 2 * 5


def test_values_rows_and_uuid_and_string_slots(trade, li_wei):
    query = PreparedQuery(
        lambda rfq_id, status: (
            Inquiry.objects.filter(rfq_id=rfq_id, status=status)
            .order_by("pk")
            .values("pk", "public_id", "seller__name", "deal__public_id", "created_at")
        ),
        rfq_id=int,
        status=str,
    )
    for rfq in (trade["first"], trade["second"]):
        for status in ("open", "accepted", "quoted", "no such status"):
            assert query(rfq_id=rfq.pk, status=status) == query.orm(rfq_id=rfq.pk, status=status)
    statuses = {row["pk"]: row for row in query(rfq_id=trade["first"].pk, status="accepted")}
    assert statuses and all(isinstance(row["public_id"], uuid.UUID) for row in statuses.values())


def test_grouped_values_list_flat_values_and_a_list_slot(trade, li_wei):
    counts = PreparedQuery(
        lambda user: (
            Rfq.objects.visible_to(user)
            .order_by()
            .values_list("buyer_id")
            .annotate(n=Count("pk"))
            .values_list("buyer_id", "n")
        ),
        user=USER,
    )
    assert counts(user=li_wei) == counts.orm(user=li_wei) == [(trade["first"].buyer_id, 2)]
    public_ids = PreparedQuery(
        lambda ids: Rfq.objects.filter(pk__in=ids).order_by("-pk").values_list("public_id", flat=True),
        ids=list[int],
    )
    both = [trade["first"].pk, trade["second"].pk]
    for ids in (both, both[:1], [*both, 10**9]):
        assert public_ids(ids=ids) == public_ids.orm(ids=ids)
    assert len(public_ids(ids=both)) == 2


def test_one_query_per_call(trade, li_wei, django_assert_num_queries):
    query = PreparedQuery(
        lambda user, rfq_id: Inquiry.objects.visible_to(user).filter(rfq_id=rfq_id).select_related("seller"),
        user=USER,
        rfq_id=int,
    )
    query(user=li_wei, rfq_id=trade["first"].pk)  # compiled here
    li_wei.memberships.first()  # (the stand-in never touches the real user's cache)
    with django_assert_num_queries(1):
        rows = query(user=li_wei, rfq_id=trade["second"].pk)
    with django_assert_num_queries(0):
        assert rows[0].seller.name  # the related row came with it


def test_values_a_stand_in_cannot_take_go_through_the_orm(trade, li_wei, cn_org, operator):
    build, calls = _counted(
        lambda user, ids: Rfq.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    query = PreparedQuery(build, user=USER, ids=list[int])
    rfq = trade["first"]
    # operators' filter differs in shape
    assert query(user=operator, ids=[rfq.pk]) == query.orm(user=operator, ids=[rfq.pk])
    assert query(user=li_wei, ids=[]) == []  # an empty IN list is no statement at all
    assert len(calls) == 3
    assert query(user=li_wei, ids=[rfq.pk]) == [rfq.pk]  # compiled now
    assert len(calls) == 4
    bind_organization(li_wei, OrganizationFactory().pk)  # a token of another organization
    assert query(user=li_wei, ids=[rfq.pk]) == []
    assert len(calls) == 5 and all(c["user"] in (operator, li_wei) for c in calls if c["user"].pk > 0)


def test_a_transformed_slot_is_refused():
    query = PreparedQuery(lambda name: Rfq.objects.filter(goods__icontains=name), name=str)
    with pytest.raises(ValueError, match="not found among the compiled parameters"):
        query(name="wheat")


def test_postgresql_plans_each_statement_once_per_connection(trade, li_wei):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("server-side prepared statements are PostgreSQL's")
    query = PreparedQuery(
        lambda user, rfq_id: (
            Inquiry.objects.visible_to(user).filter(rfq_id=rfq_id).annotate(plan_probe=F("rfq_id"))
        ),
        user=USER,
        rfq_id=int,
    )
    for rfq in (trade["first"], trade["second"], trade["first"]):
        assert [i.plan_probe for i in query(user=li_wei, rfq_id=rfq.pk)] == [rfq.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"plan_probe"%'],
        )
        [(generic, custom)] = cursor.fetchall()
    assert generic == 3 and custom == 0  # one plan, reused; no per-call planning


def test_visitors_get_a_statement_of_their_own(aigerim, kz_org, li_wei):
    from django.contrib.auth.models import AnonymousUser

    from scotemp.trade.models import Lead
    from scotemp.trade.tests.lead_data import make_lead

    published = make_lead(aigerim, kz_org)
    draft = make_lead(aigerim, kz_org, publish=False)
    build, calls = _counted(lambda user, ids: Lead.objects.visible_to(user).filter(pk__in=ids).order_by("pk"))
    query = PreparedQuery(build, user=USER, ids=list[int])
    both = [published.pk, draft.pk]
    for user in (AnonymousUser(), None, aigerim, li_wei, AnonymousUser()):
        assert query(user=user, ids=both) == query.orm(user=user, ids=both)
    assert query(user=AnonymousUser(), ids=both) == [published]
    assert query(user=aigerim, ids=both) == [published, draft]  # the owner's members read the draft too
    assert len(calls) == 2 + 5  # one statement for visitors, one for members; .orm() every time


def test_a_build_that_reads_the_database_is_refused(li_wei):
    from scotemp.core.permissions import member_org_ids

    # member_org_ids reads the stand-in's memberships (none): an answer that would be compiled in.
    query = PreparedQuery(
        lambda user: Rfq.objects.filter(buyer_id__in=list(member_org_ids(user)) or [0]), user=USER
    )
    with pytest.raises(RuntimeError, match="ran a query"):
        query(user=li_wei)


def test_a_list_of_text_and_the_first_row_or_404(trade):
    from django.http import Http404

    statuses = PreparedQuery(
        lambda rfq_id, statuses: Inquiry.objects.filter(rfq_id=rfq_id, status__in=statuses).values_list(
            "status", flat=True
        ),
        rfq_id=int,
        statuses=list[str],
    )
    rfq = trade["first"].pk
    for chosen in (["accepted"], ["open", "accepted", "quoted"], ["open"], ["no such status"]):
        assert statuses(rfq_id=rfq, statuses=chosen) == statuses.orm(rfq_id=rfq, statuses=chosen)
    assert statuses(rfq_id=rfq, statuses=["accepted", "open"]) == ["accepted"]
    assert statuses.first(rfq_id=rfq, statuses=["open"]) is None
    with pytest.raises(Http404):
        statuses.get_or_404(rfq_id=rfq, statuses=["open"])
    assert statuses.get_or_404(rfq_id=rfq, statuses=["accepted"]) == "accepted"
