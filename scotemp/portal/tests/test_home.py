import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scotemp.committees.models import Committee, CommitteeMembership
from scotemp.portal.queries import HOME_CACHE_VERSION, bar_chart, home_page
from scotemp.reference.models import Country
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

SCO_MEMBERS = {"BY", "CN", "IN", "IR", "KG", "KZ", "PK", "RU", "TJ", "UZ"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_home_lists_ten_member_states_and_seventeen_partners(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    members, partners = response.context["members"], response.context["partners"]
    assert {s.country.iso2 for s in members} == SCO_MEMBERS
    assert len(partners) == 17
    assert not SCO_MEMBERS & {s.country.iso2 for s in partners}
    content = response.content.decode()
    assert content.count('class="country"') == 27
    assert "Kazakhstan" in content
    assert '<span class="iso-code" aria-hidden="true">KZ</span>' in content


def test_home_shows_the_committees_with_links(client):
    committees = list(Committee.objects.all())
    assert len(committees) == 12, "the committees are loaded with the reference data"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    for committee in committees:
        assert committee.name_en in content
    assert response.context["figures"]["committees"] == 12


def test_home_speaks_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")

    assert html_lang(response) == "ru"
    content = response.content.decode()
    assert Country.objects.get(iso2="KZ").name_ru in content
    assert 'data-lang="ru"' in content and 'aria-current="true" data-lang="ru"' in content

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert html_lang(response) == "zh-hans"
    assert "哈萨克斯坦" in response.content.decode()


def test_home_figures_count_organizations_users_countries_and_committee_members(client, li_wei, aigerim):
    extra = OrganizationFactory(country=Country.objects.get(iso2="KZ"))
    committee = Committee.objects.order_by("position").first()
    CommitteeMembership.objects.create(committee=committee, organization=extra, status="approved")
    CommitteeMembership.objects.create(
        committee=committee, organization=li_wei.organizations.get(), status="pending"
    )

    figures = client.get("/").context["figures"]

    assert figures == {
        "organizations": 3,
        "users": 2,
        "countries": 2,
        "committees": 12,
        "committee_members": 1,
    }


def test_chart_ranks_countries_by_organizations(client, cn_org):
    kz = Country.objects.get(iso2="KZ")
    for _ in range(3):
        OrganizationFactory(country=kz)

    chart = client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["chart"]

    assert [(bar.label, bar.value) for bar in chart.bars] == [("Kazakhstan", 3), ("China", 1)]
    assert chart.bars[0].width > chart.bars[1].width > 0


def test_home_runs_a_fixed_number_of_queries(
    client, li_wei, django_assert_num_queries, django_assert_max_num_queries
):
    # The page itself: SCO statuses (two), committees, four counts, the chart, the latest committee
    # news (committees' home include, cached for a minute); then from the cache.
    with django_assert_num_queries(9):
        client.get("/")
    with django_assert_num_queries(0):
        client.get("/")

    # Signed in, the count does not grow with the user's organizations (the page's values computed
    # each time: the cache is emptied before each measure).
    client.force_login(li_wei)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/")

    countries = list(Country.objects.all()[:40])
    for i in range(40):
        org = OrganizationFactory(country=countries[i % len(countries)])
        MembershipFactory(organization=org, user=UserFactory())
        MembershipFactory(organization=org, user=li_wei)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)

    # Plus session, user, active organization, the account menu's memberships and the header's
    # count of unread messages in the organization's inbox; then the page's values come cached.
    cache.clear()
    with django_assert_max_num_queries(14):
        client.get("/")
    with django_assert_max_num_queries(6):
        client.get("/")


def test_a_second_request_runs_no_count_and_the_figures_are_renewed_with_the_cache(client, li_wei):
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert first.context["figures"]["organizations"] == 1

    with CaptureQueriesContext(connection) as second:
        again = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert [q["sql"] for q in second] == []
    assert again.context["stamp"] == first.context["stamp"]

    OrganizationFactory(name="Late Arrival", country=Country.objects.get(iso2="KZ"))
    # Up to HOME_CACHE_SECONDS the figures are those of the cache (the same on every web process) …
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["figures"]["organizations"] == 1
    # … then they are counted again, and the page shows them (not an older rendering).
    cache.delete(f"portal:home:v{HOME_CACHE_VERSION}:en:{timezone.localdate().isoformat()}")
    renewed = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert renewed.context["figures"]["organizations"] == 2
    assert "Kazakhstan: 1" in renewed.content.decode()
    # Another language is cached apart, its names translated.
    assert "Казахстан: 1" in client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_sco_status_follows_the_date(client):
    before_2017 = home_page(today=datetime.date(2016, 1, 1))
    assert "IN" not in {s.country.iso2 for s in before_2017["members"]}
    assert "IN" in {s.country.iso2 for s in home_page(today=datetime.date(2018, 1, 1))["members"]}


def test_bar_chart_geometry():
    chart = bar_chart([("A", 10), ("B", 5), ("C", 0)], width=400, label_width=100)
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 400 - 100 - 60
    assert widths[1] == widths[0] / 2
    assert widths[2] == 0
    assert [bar.bar_y for bar in chart.bars] == [5, 35, 65]
    assert bar_chart([]).bars == []


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_member_since_dates_are_written_the_locales_way(client, language):
    from django.utils import translation

    from scotemp.core.formatting import format_date

    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)

    with translation.override(language):
        founded = format_date(datetime.date(2001, 6, 15))
    assert founded in response.content.decode()
    assert "2001-06-15" not in response.content.decode()


def test_partners_show_when_they_first_joined_the_sco(client):
    from scotemp.core.formatting import format_date

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    mongolia = next(s for s in response.context["partners"] if s.country.iso2 == "MN")
    assert mongolia.joined < mongolia.since  # an observer long before the partner status
    content = response.content.decode()
    item = re.search(r'<li class="country" data-iso2="MN">(.*?)</li>', content, re.S).group(1)
    assert format_date(mongolia.joined) in item
