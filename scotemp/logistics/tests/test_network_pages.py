"""Pages of the network: the logistics index, the corridors and the route planner, in three languages."""

import re

import pytest
from django.urls import reverse

from scotemp.logistics.actions.network import network_changed
from scotemp.logistics.queries.routes import graph
from tests.english import english_in_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_network():
    graph.forget()
    network_changed()
    yield
    graph.forget()


def get(client, name, language, params=None):
    response = client.get(reverse(name), params or {}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_pages_hold_no_english(client, language):
    for name, params in (
        ("logistics:index", None),
        ("logistics:corridors", None),
        ("logistics:routes", None),
        (
            "logistics:routes",
            {"origin": "KZALA", "destination": "CNCKG", "hs_code": "1001", "weight_kg": "60000"},
        ),
        ("logistics:routes", {"origin": "CNCKG", "destination": "QQQQQ"}),
    ):
        html = get(client, name, language, params)
        assert english_in_html(html) == [], (name, params)


def test_index_links_only_to_pages_that_exist(client, kz_org):
    from tests.factories import MembershipFactory, UserFactory

    html = get(client, "logistics:index", "en")
    for name in ("corridors", "routes", "landed_cost", "freight_providers", "freight_requests", "shipments"):
        assert reverse(f"logistics:{name}") in html, name
    hrefs = [h for h in re.findall(r'href="(/[^"]*)"', html) if h.startswith("/logistics/")]
    # A visitor opens the public pages and is asked to sign in for the others; a member opens all.
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200 or response.url.startswith(reverse("account_login")), href
    member = UserFactory()
    MembershipFactory(user=member, organization=kz_org)
    client.force_login(member)
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_corridors_page_lists_the_thirteen_with_confidence(client):
    html = get(client, "logistics:corridors", "ru")
    assert html.count('class="card corridor"') == 13
    assert "Чунцин — Дуйсбург" in html and "confidence-proxy" in html and "confidence-unverified" in html


def test_planner_shows_options_on_the_map_with_labels(client):
    html = get(
        client, "logistics:routes", "zh-hans", {"origin": "CNCKG", "destination": "RUMOW", "hs_code": "1001"}
    )
    assert html.count('class="card route-option') >= 2
    assert "route-option-chosen" in html and "map-leg-chosen" in html
    assert "后贝加尔斯克" in html  # Zabaikalsk, on the gauge change
    assert "<svg" in html and "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    chosen = get(client, "logistics:routes", "en", {"origin": "CNCKG", "destination": "RUMOW", "option": "1"})
    assert 'id="option-2"' in chosen


def test_planner_form_errors_name_the_field(client):
    html = get(
        client, "logistics:routes", "ru", {"origin": "CNCKG", "destination": "CNCKG", "weight_kg": "-5"}
    )
    assert 'data-field="weight_kg"' in html and "has-error" in html
