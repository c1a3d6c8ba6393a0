"""The deals report: grouping by committee, country pair and month, values converted at the rate of the
day of agreement (expected sums computed here from the stored rates), deals cancelled after agreement
counted apart, deals without a rate listed, a bounded number of queries, and the operator-only page."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from scotemp.committees.models import Committee
from scotemp.deals import actions
from scotemp.deals.choices import DealStatus
from scotemp.deals.models import Deal
from scotemp.deals.reporting import deal_report
from scotemp.reference import fx
from scotemp.reference.models import Country, Currency, FxRate, HSCode
from tests.factories import MembershipFactory, OrganizationFactory

from .helpers import quotation_values, send_rfq, walk

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")
# (date, base, quote, rate, is_demo): USD/CNY published rates, invented USD/KZT ones.
RATES = [
    (datetime.date(2026, 3, 1), "USD", "CNY", "7.1000", False),
    (datetime.date(2026, 4, 1), "USD", "CNY", "7.2000", False),
    (datetime.date(2026, 3, 1), "USD", "KZT", "500.00", True),
    (datetime.date(2026, 4, 15), "USD", "KZT", "510.00", True),
]


@pytest.fixture
def rates(db):
    for day, base, quote, rate, demo in RATES:
        FxRate.objects.create(date=day, base_id=base, quote_id=quote, rate=Decimal(rate), is_demo=demo)


def _rate(base, quote, day) -> Decimal:
    return FxRate.objects.filter(base=base, quote=quote, date__lte=day).order_by("-date").first().rate


def expected_value(amount: Decimal, currency: str, day: datetime.date) -> tuple[Decimal, Decimal]:
    """USD and CNY of ``amount`` worked out here from the stored rows (KZT crosses through USD)."""
    to_usd = {"USD": Decimal(1), "CNY": Decimal(1) / _rate("USD", "CNY", day)}.get(currency)
    if to_usd is None:
        to_usd = Decimal(1) / _rate("USD", currency, day)
    usd_cny = _rate("USD", "CNY", day)
    to_cny = Decimal(1) if currency == "CNY" else to_usd * usd_cny
    return (amount * to_usd).quantize(CENT, ROUND_HALF_UP), (amount * to_cny).quantize(CENT, ROUND_HALF_UP)


def make_deal(buyer, seller, until, agreed_on, currency="USD", price="245.50", qty="500", hs="100199"):
    """A deal built through the actions, walked to ``until``, agreed (backdated) on ``agreed_on``."""
    (buyer_user, buyer_org), (seller_user, seller_org) = buyer, seller
    rfq = send_rfq(buyer_user, buyer_org, seller_org, hs_code=HSCode.objects.get(code=hs))
    inquiry = rfq.inquiries.get()
    quotation = actions.send_quotation(
        seller_user,
        inquiry,
        quotation_values(
            currency=Currency.objects.get(code=currency), unit_price=Decimal(price), quantity=Decimal(qty)
        ),
    )
    deal = actions.accept_quotation(buyer_user, quotation)
    cancel = until == DealStatus.CANCELLED
    deal = walk(deal, buyer_user, seller_user, DealStatus.AGREED if cancel else until)
    if cancel:
        deal = actions.transition_deal(buyer_user, deal, "cancel", reason="Buyer's plans changed")
    if deal.agreed_at is not None:
        at = datetime.datetime.combine(agreed_on, datetime.time(23, 30), tzinfo=LOCAL)  # late local evening
        Deal.objects.filter(pk=deal.pk).update(agreed_at=at)
    deal.refresh_from_db()
    return deal


def party(country_code, name):
    org = OrganizationFactory(name=name, country=Country.objects.get(iso2=country_code))
    return MembershipFactory(organization=org, role="owner").user, org


@pytest.fixture
def parties(li_wei, cn_org, aigerim, kz_org):
    return {
        "cn": (li_wei, cn_org),
        "kz": (aigerim, kz_org),
        "uz": party("UZ", "Uzbek Cotton Export"),
        "ru": party("RU", "Sayan Aluminium Trading"),
    }


def test_report_groups_and_converts_at_the_rate_of_the_day(parties, rates):
    p = parties
    wheat_usd = make_deal(p["cn"], p["kz"], DealStatus.AGREED, datetime.date(2026, 3, 10))
    wheat_kzt = make_deal(
        p["cn"], p["kz"], DealStatus.COMPLETED, datetime.date(2026, 4, 20), currency="KZT", price="118000"
    )
    aluminium = make_deal(
        p["cn"], p["ru"], DealStatus.CONTRACT_SIGNED, datetime.date(2026, 4, 5), price="2350", qty="200",
        hs="760110",
    )  # fmt: skip
    trucks_cny = make_deal(
        p["ru"], p["uz"], DealStatus.IN_FULFILMENT, datetime.date(2026, 3, 31), currency="CNY",
        price="128000", qty="10", hs="870421",
    )  # fmt: skip
    cancelled = make_deal(p["cn"], p["kz"], DealStatus.CANCELLED, datetime.date(2026, 3, 20), price="999")
    assert cancelled.status == DealStatus.CANCELLED and cancelled.agreed_at is not None
    no_rate = make_deal(p["cn"], p["uz"], DealStatus.AGREED, datetime.date(2026, 4, 10), currency="EUR")
    make_deal(p["cn"], p["kz"], DealStatus.NEGOTIATING, None)  # never agreed: not in the report

    valued = [wheat_usd, wheat_kzt, aluminium, trucks_cny]
    expected = {}
    for deal in valued:
        terms = deal.agreed_terms
        day = deal.agreed_at.astimezone(LOCAL).date()
        expected[deal.pk] = expected_value(terms.unit_price * terms.quantity, terms.currency_id, day)
        # The same figure fx.convert gives (the report must not have its own arithmetic).
        assert (
            fx.convert(terms.unit_price * terms.quantity, terms.currency_id, "USD", day).amount
            == (expected[deal.pk][0])
        )

    report = deal_report()

    def usd(*deals):
        return sum((expected[d.pk][0] for d in deals), Decimal("0.00"))

    def cny(*deals):
        return sum((expected[d.pk][1] for d in deals), Decimal("0.00"))

    assert (report.totals.deals, report.totals.cancelled, report.totals.unconverted) == (5, 1, 1)
    assert (report.totals.value_usd, report.totals.value_cny) == (usd(*valued), cny(*valued))
    assert report.uses_demo_rates  # the KZT deal rests on the invented USD/KZT rate
    assert [(u.public_id, u.currency) for u in report.unconverted] == [(no_rate.public_id, "EUR")]

    pairs = {row.key: row for row in report.by_country_pair}
    assert set(pairs) == {("KZ", "CN"), ("RU", "CN"), ("UZ", "RU"), ("UZ", "CN")}
    kz_cn = pairs[("KZ", "CN")]
    assert (kz_cn.deals, kz_cn.cancelled) == (2, 1)  # the cancelled one counted apart, not in value
    assert (kz_cn.value_usd, kz_cn.value_cny) == (usd(wheat_usd, wheat_kzt), cny(wheat_usd, wheat_kzt))
    assert pairs[("UZ", "RU")].value_cny == Decimal("1280000.00")
    assert (pairs[("UZ", "CN")].deals, pairs[("UZ", "CN")].value_usd) == (1, 0)

    # Deals agreed late in the local evening of 31 March belong to March (local day, not UTC).
    months = [(row.key, row.deals, row.cancelled, row.value_usd) for row in report.by_month]
    assert months == [
        (datetime.date(2026, 3, 1), 2, 1, usd(wheat_usd, trucks_cny)),
        (datetime.date(2026, 4, 1), 3, 0, usd(wheat_kzt, aluminium)),
    ]

    committees = {row.key: row for row in report.by_committee}
    aluminium_committee = Committee.objects.get(slug="aluminium")
    assert committees[aluminium_committee.pk].value_usd == usd(aluminium)
    assert committees[None].deals == 1  # trucks (HS 8704) belong to no committee
    assert sum(row.value_cny for row in report.by_committee) == report.totals.value_cny

    april = deal_report(date_from=datetime.date(2026, 4, 1), committee=aluminium_committee)
    assert (april.totals.deals, april.totals.value_usd) == (1, usd(aluminium))
    assert not april.uses_demo_rates  # USD/CNY only
    march = deal_report(date_to=datetime.date(2026, 3, 31))
    assert (march.totals.deals, march.totals.cancelled) == (2, 1)


def test_report_of_30_deals_runs_a_bounded_number_of_queries(parties, rates, django_assert_max_num_queries):
    p = parties
    sellers, currencies = ["kz", "uz", "ru"], ["USD", "KZT", "CNY"]
    for i in range(30):
        seller = sellers[i % 3]
        make_deal(
            p["ru"] if i % 4 == 0 and seller != "ru" else p["cn"],
            p[seller],
            DealStatus.AGREED,
            datetime.date(2026, 2, 20) + datetime.timedelta(days=3 * i),
            currency=currencies[(i // 3) % 3],
            price=str(100 + i),
        )
    with django_assert_max_num_queries(6):
        report = deal_report()
    assert report.totals.deals == 30
    assert len(report.by_month) == 4  # February to May
    # Deals agreed before the first stored rate (20, 23 and 26 February) have no rate to CNY.
    assert len(report.unconverted) == 3 and report.totals.unconverted == 3


def test_report_page_is_for_operators_only(client, parties, rates, operator, outsider):
    make_deal(parties["cn"], parties["kz"], DealStatus.AGREED, datetime.date(2026, 3, 10))
    make_deal(parties["cn"], parties["kz"], DealStatus.AGREED, datetime.date(2026, 4, 20), currency="KZT")
    url = reverse("deals:report")
    for user in (parties["cn"][0], outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)
    client.force_login(operator)
    response = client.get(url, {"date_from": "2026-04-01", "date_to": "2026-04-30"})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.totals.deals == 1 and report.uses_demo_rates
    body = response.content.decode()
    assert 'data-testid="demo-rates"' in body
    assert 'data-testid="month-chart"' in body
    assert "Kazakhstan → China" in body
    invalid = client.get(url, {"date_from": "not a date"})
    assert invalid.status_code == 200 and invalid.context["form"].errors
