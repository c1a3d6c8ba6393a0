"""The public showcase: only published signed and running projects; values converted at the rate of
the day of signing, a project without a value or without a rate counted apart (never as zero); a
project counted in each of its countries; a fixed number of queries whatever the number of projects;
the page with its charts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scotemp.projects.models import Project, ProjectPartner
from scotemp.projects.queries.showcase import showcase
from scotemp.reference.models import Country, FxRate
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
D1, D2 = datetime.date(2026, 3, 2), datetime.date(2026, 8, 14)


@pytest.fixture
def rates():
    FxRate.objects.create(base_id="USD", quote_id="CNY", date=D1, rate=Decimal("7.0"), source="test")
    FxRate.objects.create(base_id="USD", quote_id="CNY", date=D2, rate=Decimal("7.2"), source="test")


def _project(owner, stage="implementing", value=None, currency=None, signed_on=D1, partners=(), **kw):
    project = Project.objects.create(
        owner=owner,
        title="P",
        title_en="P",
        field=kw.pop("field", "industry"),
        stage=stage,
        published=kw.pop("published", True),
        value=value,
        currency_id=currency,
        signed_on=signed_on,
        **kw,
    )
    for org in partners:
        ProjectPartner.objects.create(project=project, organization=org, status="accepted")
    return project


def test_totals_by_rate_of_the_day(rates, kz_org, cn_org):
    uz = OrganizationFactory(country=Country.objects.get(iso2="UZ"))
    _project(kz_org, value=Decimal("100000"), currency="USD", signed_on=D1, partners=[cn_org])
    _project(cn_org, value=Decimal("700000"), currency="CNY", signed_on=D2, partners=[uz], field="education")
    _project(kz_org, stage="completed", value=None, signed_on=D2)  # no value: counted apart
    _project(kz_org, stage="agreement_signed", value=Decimal("5000000"), currency="KZT", signed_on=D2)
    _project(kz_org, stage="negotiating", value=Decimal("1"), currency="USD", signed_on=None)  # not signed
    _project(kz_org, value=Decimal("9"), currency="USD", published=False)  # a draft
    report = showcase()
    total = report.total
    assert total.count == 4 and total.unpriced == 1 and total.unconverted == 1 and total.valued == 2
    assert total.usd == Decimal("100000") + Decimal("97222.22")
    assert total.cny == Decimal("700000.00") + Decimal("700000.00")
    countries = {row.key: row.total.count for row in report.by_country}
    assert countries == {"KZ": 3, "CN": 2, "UZ": 1}
    quarters = [(row.key, row.total.count) for row in report.by_quarter]
    assert quarters == [("2026-1", 1), ("2026-3", 3)]
    fields = {row.key: row.total.count for row in report.by_field}
    assert fields == {"industry": 3, "education": 1}
    stages = {row.key: row.total.count for row in report.by_stage}
    assert stages == {"implementing": 2, "completed": 1, "agreement_signed": 1}
    assert showcase(country="UZ").total.count == 1
    assert showcase(field_code="education").total.cny == Decimal("700000.00")


def _queries(**kw) -> int:
    with CaptureQueriesContext(connection) as ctx:
        showcase(**kw)
    return len(ctx.captured_queries)


def test_fixed_number_of_queries_at_two_sizes(rates, kz_org, cn_org):
    from scotemp.committees.models import Committee

    committees = list(Committee.objects.order_by("position")[:3])
    counts = []
    for size in (2, 20):
        for i in range(size):
            partner = OrganizationFactory(country=Country.objects.get(iso2=("UZ", "KG", "RU")[i % 3]))
            _project(
                kz_org,
                value=Decimal(1000 + i),
                currency=("USD", "CNY")[i % 2],
                signed_on=D1 + datetime.timedelta(days=i * 9),
                partners=[partner, cn_org],
                committee=committees[i % 3],
            )
        counts.append(_queries())
    assert counts[0] == counts[1] <= 8


def test_showcase_page(client, rates, kz_org, cn_org):
    _project(kz_org, value=Decimal("100000"), currency="USD", partners=[cn_org])
    for language in ("ru", "zh-hans"):
        response = client.get(reverse("projects:showcase"), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'data-testid="countries"' in body and 'data-testid="quarters"' in body
