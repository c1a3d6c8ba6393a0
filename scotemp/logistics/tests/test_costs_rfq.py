"""The RFQ comparison on delivered cost: quotations on different Incoterms rules and currencies brought
to the buyer's place in the buyer's currency; a cheaper EXW quotation can rank below a dearer DAP one
once carriage, insurance, duty and VAT are added."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from scotemp.deals import actions
from scotemp.deals.tests.helpers import quotation_values, send_rfq
from scotemp.logistics.queries import routes
from scotemp.logistics.queries.costs.rfq import delivered_costs
from scotemp.reference.models import Country, Currency, HSCode, Incoterm, Location
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .costs_data import make_rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoted(li_wei, cn_org, aigerim, kz_org):
    make_rates(demo=True)
    other = OrganizationFactory(name="Almaty Metals", country=Country.objects.get(iso2="KZ"))
    other_user = UserFactory(language="ru")
    MembershipFactory(organization=other, user=other_user)
    rfq = send_rfq(
        li_wei, cn_org, kz_org, other,
        hs_code=HSCode.objects.get(code="760110"),
        incoterm=Incoterm.objects.get(code="DAP"),
        incoterm_place=Location.objects.get(locode="CNAKL"),
    )  # fmt: skip
    # Cheaper ex works in Almaty, in dollars …
    exw = actions.send_quotation(
        aigerim,
        rfq.inquiries.get(seller=kz_org),
        quotation_values(unit_price=Decimal("2300"), incoterm=Incoterm.objects.get(code="EXW")),
    )
    # … dearer delivered at Alashankou, in yuan.
    dap = actions.send_quotation(
        other_user,
        rfq.inquiries.get(seller=other),
        quotation_values(
            unit_price=Decimal("16800"),  # 2,400 USD at 7.0
            currency=Currency.objects.get(code="CNY"),
            incoterm=Incoterm.objects.get(code="DAP"),
            incoterm_place=Location.objects.get(locode="CNAKL"),
        ),
    )
    return rfq, exw, dap


def test_cheaper_exw_ranks_below_dearer_dap_once_freight_is_added(client, li_wei, quoted, monkeypatch):
    rfq, exw, dap = quoted
    estimate = routes.FreightEstimate(
        Decimal(60000), Decimal(80000), "USD", "indicative", "test figure", "2026"
    )
    monkeypatch.setattr(routes, "freight_estimate", lambda *a, **k: estimate)
    client.force_login(li_wei)
    response = client.get(reverse("deals:rfq", args=[rfq.public_id]))
    assert response.status_code == 200
    rows = response.context["comparison"].rows
    assert [r.quotation.pk for r in rows] == [dap.pk, exw.pk]
    assert rows[1].total < rows[0].total  # on the quoted price alone EXW is cheaper
    entries = {e["row"].quotation.pk: e["delivered"].cost for e in response.context["entries"]}
    assert entries[exw.pk].complete and entries[exw.pk].total > entries[dap.pk].total
    assert entries[exw.pk].line("freight").estimate and entries[dap.pk].line("freight").included
    assert entries[dap.pk].currency == "CNY"
    html = response.content.decode()
    with translation.override("zh-hans"):  # Li Wei reads Chinese
        assert "delivered-details" in html and gettext("Lowest delivered cost") in html

    # The price ranking is still there on demand.
    by_price = client.get(reverse("deals:rfq", args=[rfq.public_id]), {"basis": "price"})
    assert [r.quotation.pk for r in by_price.context["comparison"].rows] == [exw.pk, dap.pk]


def test_without_a_freight_figure_the_exw_total_is_incomplete(client, li_wei, quoted):
    rfq, exw, dap = quoted
    client.force_login(li_wei)
    response = client.get(reverse("deals:rfq", args=[rfq.public_id]))
    entries = {e["row"].quotation.pk: e["delivered"].cost for e in response.context["entries"]}
    assert not entries[exw.pk].complete and entries[exw.pk].line("freight").amount is None
    # Its known part is a lower bound: it ranks by it, and no quotation is called the lowest while the
    # missing freight could change the order.
    assert [r.quotation.pk for r in response.context["comparison"].rows] == [exw.pk, dap.pk]
    assert response.context["best_delivered"] is None


def test_schedules_and_rates_are_read_once_per_rfq(quoted, django_assert_max_num_queries):
    rfq, exw, dap = quoted
    pairs = [(q, q.inquiry.seller) for q in (exw, dap)] * 10  # twenty quotations
    with django_assert_max_num_queries(7):
        result = delivered_costs(rfq, pairs, "CNY")
    assert len(result) == 2 and all(d.cost is not None for d in result.values())
