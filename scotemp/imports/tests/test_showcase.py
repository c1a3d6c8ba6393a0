"""The SCO import showcase: which offers it shows, how it groups them, its filters, and a fixed number
of queries whatever the number of offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scotemp.imports.queries import showcase

from .helpers import member_of, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def sellers(aigerim, kz_org):
    uz = member_of("UZ", "Samarkand Dried Fruit")
    ru = member_of("RU", "Sibirsky Les")
    return {"KZ": (aigerim, kz_org), "UZ": uz, "RU": ru}


def test_only_open_sco_offers_that_serve_china(sellers, li_wei, cn_org):
    kz_user, kz = sellers["KZ"]
    shown = offer(kz_user, kz)  # destination CN
    anywhere = offer(*sellers["UZ"], hs_code="081310", title="Курага", countries=[])
    offer(*sellers["RU"], countries=["KZ"], hs_code="440711", title="Пиломатериалы")  # not to China
    offer(li_wei, cn_org, language="zh-hans", title="出口小麦", countries=[])  # China's own offer
    draft_user, draft_org = member_of("KG", "Draft Co")
    from scotemp.trade.tests.lead_data import make_lead, wheat_offer

    make_lead(draft_user, draft_org, wheat_offer(), publish=False)  # not published
    result = showcase()
    ids = {lead.pk for g in result.groups for lead in g.leads}
    assert ids == {shown.pk, anywhere.pk}
    assert result.total == 2
    assert {(g.country.pk, g.chapter_code) for g in result.groups} == {("KZ", "10"), ("UZ", "08")}


def test_groups_carry_their_checklist_and_filters_work(sellers):
    offer(*sellers["KZ"])
    offer(*sellers["UZ"], hs_code="080620", title="Изюм", countries=[])
    offer(*sellers["RU"], hs_code="440321", title="Кругляк", countries=["CN"])
    result = showcase(country="uz")
    assert [(g.country.pk, g.chapter_code) for g in result.groups] == [("UZ", "08")]
    keys = {item.requirement.key for item in result.groups[0].checklist.items}
    assert {"080620-gacc-registration", "08-quarantine", "08-labelling"} <= keys
    assert {c.pk for c, _n in result.countries} == {"KZ", "UZ", "RU"}, "filter options before filtering"
    timber = showcase(chapter="44").groups
    assert [g.country.pk for g in timber] == ["RU"]
    assert "4403-quarantine" in {i.requirement.key for i in timber[0].checklist.items}


def _count_queries(**filters) -> int:
    with CaptureQueriesContext(connection) as queries:
        showcase(**filters)
    return len(queries)


def test_fixed_number_of_queries_at_two_sizes(sellers, django_assert_max_num_queries):
    offer(*sellers["KZ"])
    offer(*sellers["UZ"], hs_code="081310", title="Курага")
    small = _count_queries()
    for i in range(12):
        offer(*sellers["RU"], hs_code="440711" if i % 2 else "440321", title=f"Лес {i}")
        offer(*sellers["UZ"], hs_code="080620", title=f"Изюм {i}")
    large = _count_queries()
    assert small == large
    with django_assert_max_num_queries(8):
        result = showcase()
    assert result.total == 26
    assert all(len(g.leads) <= 6 for g in result.groups)
    raisins = next(g for g in result.groups if g.chapter_code == "08")
    assert raisins.count == 13 and len(raisins.leads) == 6


def test_page_lists_groups_and_links_to_the_leads(client, sellers):
    lead = offer(*sellers["KZ"])
    page = client.get(reverse("imports:showcase")).content.decode()
    assert reverse("trade:lead_detail", args=[lead.public_id]) in page
    assert 'data-country="KZ"' in page and 'data-chapter="10"' in page
    empty = client.get(reverse("imports:showcase") + "?country=IN").content.decode()
    assert 'data-testid="showcase-empty"' in empty
    # A bad filter is ignored, not a server error.
    assert client.get(reverse("imports:showcase") + "?country=KAZ&chapter=x").status_code == 200


def test_api_showcase(client, sellers):
    offer(*sellers["KZ"])
    body = client.get("/api/v1/imports/showcase?country=KZ").json()
    assert body["total"] == 1 and body["groups"][0]["chapter"] == "10"
    assert body["groups"][0]["checklist"]["recorded"] is True
    response = client.get("/api/v1/imports/showcase?country=KAZ")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["country"]
