"""Lead and match pages show whether the corridor network joins the two places, and how long it takes."""

import pytest
from django.urls import reverse

from scotemp.logistics.actions.network import network_changed
from scotemp.logistics.queries.routes import graph
from scotemp.trade.matching.store import recompute_matches
from scotemp.trade.models import Match
from scotemp.trade.tests.test_matching_pages import english, lead

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_network():
    graph.forget()
    network_changed()
    yield
    graph.forget()


def test_lead_detail_shows_the_route_to_chongqing_for_a_visitor(client, kz_org):
    offer = lead(kz_org, "sell", "100199", title_en="Milling wheat")  # FCA Almaty
    url = reverse("trade:lead_detail", args=[offer.public_id])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="route-summary"' in html
    # Almaty → Chongqing: the corridor via Khorgos publishes 8–11 days (a proxy figure).
    assert "8–11 days" in html
    assert "origin=KZALA&amp;destination=CNCKG" in html


def test_lead_detail_uses_the_viewers_city(client, kz_org, cn_org, li_wei):
    from scotemp.logistics.models import Leg

    cn_org.city_id = "CNCKG"
    cn_org.save()
    Leg.objects.filter(destination="LAVTE").delete()
    network_changed()
    offer = lead(kz_org, "sell", "100199", incoterm_place_id="LAVTE")
    client.force_login(english(li_wei))
    html = client.get(reverse("trade:lead_detail", args=[offer.public_id])).content.decode()
    assert "no route on the corridor network" in html


def test_match_row_shows_the_route_between_the_two_places(client, kz_org, cn_org, li_wei):
    offer = lead(kz_org, "sell", "100199", title_en="Milling wheat, class 3")  # KZALA
    lead(cn_org, "buy", "100199", title_en="Wheat for flour mills", incoterm_place_id="CNCKG")
    recompute_matches(offer.id, notify=False)
    assert Match.objects.count() == 1
    client.force_login(english(li_wei))
    html = client.get(reverse("trade:matches")).content.decode()
    assert 'class="match-route small"' in html and "8–11 days" in html
    ru = client.get(reverse("trade:matches"), HTTP_ACCEPT_LANGUAGE="ru")
    assert ru.status_code == 200


def test_lead_search_filters_by_places_reachable_within_n_days(client, kz_org):
    almaty = lead(kz_org, "sell", "100199", title_en="Wheat from Almaty")  # KZALA: 8–11 days (C05)
    vientiane = lead(
        kz_org, "sell", "100630", title_en="Rice from Vientiane", incoterm_place_id="LAVTE"
    )  # 4–5 days
    lead(kz_org, "sell", "100630", title_en="Rice from Tehran", incoterm_place_id="IRTHR")  # 14–15 days

    def found(**params):
        html = client.get(reverse("trade:list"), params, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        return {str(x.public_id) for x in (almaty, vientiane) if str(x.public_id) in html}, html

    ids, html = found(reach_from="CNCKG", reach_days="6")
    assert ids == {str(vientiane.public_id)} and "Tehran" not in html
    ids, html = found(reach_from="CNCKG", reach_days="12")
    assert ids == {str(almaty.public_id), str(vientiane.public_id)} and "Tehran" not in html
    _ids, html = found(reach_from="CNCKG", reach_days="20")
    assert "Rice from Tehran" in html


def test_lead_search_reach_filter_errors_name_the_parameter(client):
    from scotemp.trade.search.params import parse_params

    assert set(parse_params({"reach_from": "CNCKG"}).errors) == {"reach_days"}
    assert set(parse_params({"reach_days": "5"}).errors) == {"reach_from"}
    assert set(parse_params({"reach_from": "CNCKG", "reach_days": "0"}).errors) == {"reach_days"}
    assert set(parse_params({"reach_from": "CN-1", "reach_days": "3"}).errors) == {"reach_from"}
    assert client.get(reverse("trade:list"), {"reach_from": "CNCKG", "reach_days": "x"}).status_code == 200
