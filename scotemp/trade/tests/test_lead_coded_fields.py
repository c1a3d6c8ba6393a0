"""The lead form keeps what was typed: unit, currency, Incoterm, place and countries are chosen from
lists labelled in the reader's language or typed as names, never cut to a maximum length."""

import re

from django.urls import reverse

from scotemp.trade.models import Lead

from .lead_data import wheat_offer
from .test_leads_views import post_data


def _input(html: str, name: str) -> str:
    match = re.search(rf'<(input|select)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_names_in_russian_round_trip_without_truncation(client, aigerim, kz_org):
    client.force_login(aigerim)
    page = client.get(reverse("trade:lead_new"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    for name in ("unit", "price_unit", "currency", "incoterm", "origin_country", "countries"):
        assert _input(page, name).startswith("<select"), name
    place = _input(page, "incoterm_place")
    assert "maxlength" not in place and 'data-place-picker="/api/v1/reference/locations"' in place
    assert "place-picker.js" in page and '<option value="TNE">тонна (метрическая)</option>' in page

    typed = wheat_offer(
        unit="тонна",
        price_unit="тонна",
        currency="Доллар США",
        incoterm_place="Костанай",
        origin_country="Казахстан",
        countries=["Китай"],
    )
    response = client.post(reverse("trade:lead_new"), post_data(typed), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302, response.context["form"].errors
    lead = Lead.objects.get()
    assert (lead.unit_id, lead.price_unit_id, lead.currency_id) == ("TNE", "TNE", "USD")
    assert (lead.incoterm_place_id, lead.origin_country_id) == ("KZKSN", "KZ")
    assert [c.iso2 for c in lead.countries.all()] == ["CN"]

    edit = client.get(reverse("trade:lead_edit", args=[lead.public_id]), HTTP_ACCEPT_LANGUAGE="ru")
    html = edit.content.decode()
    assert 'value="Костанай, Казахстан (KZKSN)"' in _input(html, "incoterm_place")
    assert '<option value="TNE" selected>тонна (метрическая)</option>' in html


def test_an_unknown_place_keeps_the_text_and_suggests_places(client, aigerim, kz_org):
    client.force_login(aigerim)
    data = post_data(wheat_offer(incoterm_place="Коста", unit="тон"))
    response = client.post(reverse("trade:lead_new"), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200 and not Lead.objects.exists()
    errors = response.context["form"].errors
    assert errors["incoterm_place"][0].startswith("Указанное место: место «Коста» не найдено.")
    assert "Костанай, Казахстан (KZKSN)" in errors["incoterm_place"][0]
    assert "тонна (метрическая)" in errors["unit"][0]
    assert 'value="Коста"' in _input(response.content.decode(), "incoterm_place")  # not cut, not lost


def test_chinese_reader_sees_chinese_labels_and_pinyin_order(client, li_wei, cn_org):
    client.force_login(li_wei)
    html = client.get(reverse("trade:lead_new"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<option value="TNE">吨</option>' in html
    assert '<option value="FCA">FCA — 货交承运人</option>' in html
    origin = html[html.index('name="origin_country"') :]
    origin = origin[: origin.index("</select>")]
    positions = [origin.index(name) for name in ("阿富汗", "巴基斯坦", "哈萨克斯坦", "中国")]
    assert positions == sorted(positions)
