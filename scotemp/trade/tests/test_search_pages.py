"""The lead search page (trade:list) without JavaScript: results, facets, errors, saving a search."""

import pytest
from django.urls import reverse

from scotemp.trade.models import SavedSearch
from scotemp.trade.search import hs_match

from .search_fixtures import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def wheat(kz_org):
    return make_lead(kz_org, "Пшеница 3 класса", language="ru")


def test_page_lists_open_leads_for_anonymous_visitors(client, wheat, django_assert_max_num_queries):
    hs_match("wheat")  # the process's HS vocabulary is built once, by whichever search comes first
    with django_assert_max_num_queries(20):
        response = client.get(reverse("trade:list"), {"q": "wheat"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Пшеница 3 класса" in html
    assert "1 lead found" in html
    assert 'data-facet="origin"' in html
    assert 'data-testid="save-search"' not in html


def test_nav_links_to_the_search(client):
    assert f'href="{reverse("trade:list")}"' in client.get("/").content.decode()


def test_empty_state_and_field_error(client, wheat):
    response = client.get(reverse("trade:list"), {"q": "cotton", "price_min": "10"})
    html = response.content.decode()
    assert 'data-testid="no-results"' in html
    assert "Choose the currency of the price range." in html


def test_save_this_search_and_delete(client, outsider, wheat):
    client.force_login(outsider)
    html = client.get(reverse("trade:list"), {"q": "wheat", "origin": "KZ"}).content.decode()
    assert 'data-testid="save-search"' in html
    response = client.post(
        reverse("trade:saved_search_create"),
        {"name": "Wheat KZ", "query": "q=wheat&origin=KZ", "email_digest": "1"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=outsider)
    assert search.params == {"q": "wheat", "origin": "KZ"} and search.email_digest
    assert "Wheat KZ" in client.get(reverse("trade:saved_searches")).content.decode()
    client.post(reverse("trade:saved_search_delete", args=[search.public_id]))
    assert not SavedSearch.objects.exists()


def test_saved_searches_are_private(client, outsider, aigerim):
    search = SavedSearch.objects.create(user=aigerim, name="Mine", params={"q": "wheat"})
    client.force_login(outsider)
    assert "Mine" not in client.get(reverse("trade:saved_searches")).content.decode()
    assert client.post(reverse("trade:saved_search_delete", args=[search.public_id])).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()
    client.logout()
    assert client.get(reverse("trade:saved_searches")).status_code == 302
