"""The public directory page, the organization page and the search API."""

import pytest
from django.urls import reverse

from .search_data import build_directory


@pytest.fixture
def directory(db):
    return build_directory()


LIST = "/directory/"


def test_list_url_name_and_search_in_three_scripts(client, directory):
    assert reverse("directory:list") == LIST
    for query, expected in (
        ("铝业", "重庆铝业有限公司"),
        ("алюминий", "АО «Сибирский Алюминий»"),
        ("COTTON", "Ganga"),
    ):
        response = client.get(LIST, {"q": query})
        assert response.status_code == 200
        assert expected in response.text
    response = client.get(LIST, {"q": "铝业"})
    assert "Ganga Textiles" not in response.text
    assert response.text.count('data-testid="org-card"') == 2


def test_list_page_query_count(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"q": "aluminium", "sco": "member", "verified": "1"})
    assert response.status_code == 200
    assert "重庆铝业有限公司" in response.text
    with django_assert_max_num_queries(16):  # default order: verified page, their count, the others
        assert client.get(LIST).status_code == 200


def test_facet_links_filter_and_show_counts(client, directory):
    response = client.get(LIST, {"q": "aluminium"})
    facets = response.text.split('data-testid="facets"')[1].split("directory-results")[0]
    assert "?q=aluminium&amp;country=RU" in facets
    assert "?q=aluminium&amp;hs=76" in facets
    assert "?q=aluminium&amp;committee=test-aluminium" in facets
    assert "?q=aluminium&amp;activity=importer" in facets
    assert "?q=aluminium&amp;sco=partner" in facets
    followed = client.get(LIST, {"q": "aluminium", "country": "RU"})
    assert followed.text.count('data-testid="org-card"') == 1
    assert 'data-testid="remove-country"' in followed.text


def test_empty_result_suggests_how_to_widen(client, directory):
    response = client.get(LIST, {"q": "aluminium", "country": "KZ"})
    assert 'data-testid="empty-result"' in response.text
    page = response.text
    # one link per active filter, each dropping only that filter, with what it would give
    assert 'href="?country=KZ" data-testid="widen-q"' in page
    assert 'href="?q=aluminium" data-testid="widen-country"' in page
    assert "4 organizations" in page  # aluminium without the country
    assert "another script" in page


def test_invalid_parameters_are_reported_and_ignored(client, directory):
    response = client.get(LIST, {"hs": "7x", "country": "ZZ", "q": "cotton"})
    assert response.status_code == 200
    assert 'data-testid="search-errors"' in response.text
    assert "HS chapter (2 digits)" in response.text
    assert response.text.count('data-testid="org-card"') == 1


def test_pagination_links(client, db):
    from scotemp.accounts.models import Organization
    from scotemp.directory.search import reindex_all

    Organization.objects.bulk_create(
        [Organization(name=f"Paging Test {i:02d}", country_id="UZ", type="trader") for i in range(45)]
    )
    reindex_all()
    response = client.get(LIST, {"q": "paging", "sort": "name", "page": "2"})
    assert 'aria-current="page">2<' in response.text
    assert 'href="?q=paging&amp;sort=name&amp;page=3"' in response.text
    assert 'href="?q=paging&amp;sort=name"' in response.text  # page 1 without a page parameter
    assert "Paging Test 20" in response.text and "Paging Test 19" not in response.text


def test_htmx_request_gets_the_results_only(client, directory):
    response = client.get(LIST, {"q": "铝业"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert 'data-testid="org-card"' in response.text
    assert 'hx-swap-oob="true"' in response.text  # the search form's hidden filters follow


def test_organization_page_renders_profile_and_badge(client, directory):
    org = directory["cq_al"]
    response = client.get(reverse("directory:organization", args=[org.public_id]))
    assert response.status_code == 200
    assert 'data-testid="profile-body"' in response.text
    assert 'data-testid="header-verified"' in response.text
    assert 'data-testid="verified-date"' in response.text
    assert 'data-testid="contact-sign-in"' in response.text
    assert 'data-testid="contact-form"' not in response.text
    unverified = client.get(reverse("directory:organization", args=[directory["ru_al"].public_id]))
    assert 'data-testid="header-verified"' not in unverified.text


def test_unknown_organization_is_404(client, db):
    assert client.get("/directory/00000000-0000-0000-0000-000000000000/").status_code == 404


# --- API -----------------------------------------------------------------------------------------------

API = "/api/v1/organizations"


def test_api_search_public_fields_and_pagination(client, directory):
    body = client.get(API, {"q": "алюминий"}).json()
    assert (body["total"], body["total_is_exact"], body["next"]) == (1, True, None)
    result = body["results"][0]
    assert result["name"] == "АО «Сибирский Алюминий»"
    assert result["public_id"] == str(directory["ru_al"].public_id)
    assert set(result) >= {"country", "city_name", "activities", "verified", "url", "registry_id"}
    assert "contact_email" not in result and "search_text" not in result
    first = client.get(API, {"q": "aluminium", "limit": 3, "sort": "name"}).json()
    assert (first["total"], first["page"], len(first["results"]), first["previous"]) == (4, 1, 3, None)
    paged = client.get(first["next"]).json()
    assert (paged["total"], paged["page"], len(paged["results"]), paged["next"]) == (4, 2, 1, None)
    assert paged["previous"].endswith("page=1") and "sort=name" in paged["previous"]
    beyond = client.get(API, {"q": "aluminium", "limit": 3, "page": 9}).json()
    assert (beyond["total"], beyond["results"], beyond["next"]) == (4, [], None)


def test_api_facets(client, directory):
    def names(**params):
        return {r["public_id"] for r in client.get(API, params).json()["results"]}

    assert names(hs="7601", hs_direction="import") == {
        str(directory[k].public_id) for k in ("xa_al", "tr_metal")
    }
    assert names(country="kz", activity="exporter") == {str(directory["kz_grain"].public_id)}
    assert names(verified="true", sco="member", q="aluminium") == {str(directory["cq_al"].public_id)}
    assert names(committee="test-aluminium") == {str(directory["cq_al"].public_id)}


def test_api_rejects_bad_parameters(client, directory):
    response = client.get(API, {"sco": "friend"})
    assert response.status_code == 422
    assert "sco" in response.json()["errors"]
    response = client.get(API, {"country": "ZZ"})
    assert response.status_code == 422
    assert response.json()["errors"]["country"] == ["Country: unknown ISO code ZZ."]
    for bad in (
        {"sort": "random"},
        {"activity": "pirate"},
        {"hs": "7"},
        {"committee": "A B"},
        {"limit": 500},
    ):
        response = client.get(API, bad)
        assert response.status_code == 422, bad
        assert set(response.json()["errors"]) == set(bad), bad


def test_openapi_describes_the_search(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    search = schema["paths"]["/api/v1/organizations"]["get"]
    names = {p["name"] for p in search["parameters"]}
    assert {
        "q",
        "country",
        "sco",
        "committee",
        "hs",
        "activity",
        "verified",
        "sort",
        "page",
        "limit",
    } <= names
    assert "get" in schema["paths"]["/api/v1/organizations/{public_id}/inbox"]
    assert {} in search["security"]  # public: a token or a session is optional
    assert set(search["responses"]) == {"200", "422"}
    sort = next(p for p in search["parameters"] if p["name"] == "sort")
    assert "relevance" in str(sort["schema"])
