"""The calculator page: the form, the breakdown with its sources and labels, in Russian and Chinese."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.english import english_in_html

from .costs_data import make_rates

pytestmark = pytest.mark.django_db
QUERY = {
    "hs_code": "760110",
    "origin": "KZALA",
    "destination": "CNCKG",
    "incoterm": "FCA",
    "goods_value": "100000",
    "currency": "USD",
    "quantity": "40",
    "unit": "TNE",
    "freight_amount": "6000",
    "freight_currency": "USD",
}


@pytest.fixture(autouse=True)
def rates():
    make_rates(demo=True)


def test_empty_form(client):
    response = client.get(reverse("logistics:landed_cost"))
    assert response.status_code == 200 and b'name="hs_code"' in response.content


def test_breakdown_with_sources_and_labels(client):
    response = client.get(reverse("logistics:landed_cost"), QUERY)
    html = response.content.decode()
    assert response.status_code == 200
    for kind in ("goods", "freight", "insurance", "duty", "vat"):
        assert f'data-line="{kind}"' in html
    assert "htshub.com" in html  # the duty's source
    assert "Demo rates" in html and "estimate" in html  # the insurance assumption
    assert 'class="seg seg-duty"' in html  # the stacked bar


def test_unknown_rate_is_shown_as_unknown(client):
    html = client.get(reverse("logistics:landed_cost"), {**QUERY, "hs_code": "100199"}).content.decode()
    assert "No duty rate known for this jurisdiction" in html and "incomplete" in html


def test_bad_input_names_the_field(client):
    response = client.get(reverse("logistics:landed_cost"), {**QUERY, "quantity": "-1", "origin": "Atlantis"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-field="quantity"' in html and "has-error" in html


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_page_in_russian_and_chinese(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("logistics:landed_cost"), QUERY, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert english_in_html(response.content.decode()) == []
