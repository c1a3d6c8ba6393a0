"""The checklist of an HS code: the most specific entry of each kind applies, broader ones are listed
too, and a code without entries says so; the API and the checklist page give the same."""

import datetime

import pytest
from django.urls import reverse

from scotemp.imports.models import ImportRequirement
from scotemp.imports.queries import requirements_for

pytestmark = pytest.mark.django_db


def _row(scope, kind, key, **extra):
    return ImportRequirement.objects.create(
        key=key,
        hs_scope=scope,
        kind=kind,
        authority="gacc",
        summary_en=f"{key} in English",
        summary_zh_hans=f"{key} 中文",
        summary_ru=f"{key} по-русски",
        **extra,
    )


def test_starter_set_is_loaded_for_the_goods_of_the_brief():
    for code in ("100199", "081310", "080620", "440321", "440711", "120510", "020130", "760110", "520100"):
        assert requirements_for(code).recorded, code


def test_most_specific_first_and_broader_rows_listed():
    _row("100199", "quarantine", "wheat-other-quarantine")
    checklist = requirements_for("1001 99")
    scopes = [item.scope for item in checklist.items]
    assert checklist.scopes == ["100199", "1001", "10"]
    assert scopes == sorted(scopes, key=len, reverse=True), "most specific first"
    by_key = {item.requirement.key: item for item in checklist.items}
    assert by_key["wheat-other-quarantine"].applies
    assert not by_key["1001-quarantine"].applies, "the heading's quarantine row is superseded"
    assert by_key["1001-tariff-quota"].applies, "another kind at the heading still applies"
    assert by_key["10-gacc-registration"].applies, "the chapter's registration applies"
    assert [i.requirement.key for i in checklist.broader] == ["1001-quarantine"]


def test_a_code_without_entries_says_so(client):
    checklist = requirements_for("9701")
    assert not checklist.recorded and checklist.items == []
    body = client.get("/api/v1/imports/requirements?hs=9701").json()
    assert body["recorded"] is False
    assert "does not mean there are none" in body["note"]
    page = client.get(reverse("imports:checklist") + "?hs=9701")
    assert b"does not mean there are none" in page.content


def test_api_lists_the_checklist_in_order():
    from django.test import Client

    body = Client().get("/api/v1/imports/requirements?hs=1001").json()
    assert body["recorded"] is True
    assert [r["hs_scope"] for r in body["requirements"]] == ["1001", "1001", "10"]
    quota = next(r for r in body["requirements"] if r["kind"] == "tariff_quota")
    assert quota["confidence"] == "verified" and quota["source_url"].startswith("http")
    assert quota["checked_on"] == "2026-12-04"


@pytest.mark.parametrize("value", ["", "1", "100", "10019x", "1001999"])
def test_api_refuses_a_bad_code_naming_the_parameter(client, value):
    response = client.get(f"/api/v1/imports/requirements?hs={value}")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["hs"]


def test_checklist_in_the_readers_language(client):
    client.cookies["scotemp_language"] = "ru"
    page = client.get(reverse("imports:checklist") + "?hs=1001", HTTP_ACCEPT_LANGUAGE="ru")
    assert "тарифной квоты" in page.content.decode()


def test_lead_page_shows_the_checklist_for_offers_to_china(client, aigerim, kz_org):
    from scotemp.imports.tests.helpers import offer

    to_china = offer(aigerim, kz_org)
    to_russia = offer(aigerim, kz_org, countries=["RU"])
    page = client.get(reverse("trade:lead_detail", args=[to_china.public_id])).content.decode()
    assert 'data-testid="import-checklist-card"' in page and "1001-" not in page
    assert 'data-kind="tariff_quota"' in page
    other = client.get(reverse("trade:lead_detail", args=[to_russia.public_id])).content.decode()
    assert 'data-testid="import-checklist-card"' not in other


def test_operator_adds_and_edits_a_requirement(client, operator):
    client.force_login(operator)
    data = {
        "key": "0806-quarantine",
        "hs_scope": "0806",
        "kind": "quarantine",
        "authority": "gacc",
        "summary_en": "Grapes need a phytosanitary certificate.",
        "summary_zh_hans": "葡萄须附植物检疫证书。",
        "summary_ru": "Для винограда нужен фитосанитарный сертификат.",
        "confidence": "unverified",
    }
    response = client.post(reverse("imports:requirement_new"), data)
    assert response.status_code == 302
    row = ImportRequirement.objects.get(key="0806-quarantine")
    assert row.operator_edited and row.summary_ru.startswith("Для винограда")
    from scotemp.core.models import AuditEntry

    assert AuditEntry.objects.filter(verb="imports.requirement_created", subject_id=row.pk).exists()
    # A verified row without its source is refused, naming the field.
    data.update(confidence="verified")
    response = client.post(reverse("imports:requirement_edit", args=[row.pk]), data)
    assert response.status_code == 400 and "confidence" in response.context["form"].errors
    data.update(source_url="https://example.org/rule", checked_on=datetime.date(2026, 12, 1).isoformat())
    assert client.post(reverse("imports:requirement_edit", args=[row.pk]), data).status_code == 302
    row.refresh_from_db()
    assert row.is_verified and row.checked_on == datetime.date(2026, 12, 1)


def test_others_cannot_edit(client, aigerim):
    client.force_login(aigerim)
    response = client.post(reverse("imports:requirement_new"), {"key": "x", "hs_scope": "10"})
    assert response.status_code == 404
    assert not ImportRequirement.objects.filter(key="x").exists()


def test_lead_page_shows_the_checklist_for_buy_requests_of_chinese_buyers(client, li_wei, cn_org):
    from scotemp.imports.tests.helpers import member_of, request

    chinese = request(li_wei, cn_org)
    page = client.get(reverse("trade:lead_detail", args=[chinese.public_id])).content.decode()
    assert 'data-testid="import-checklist-card"' in page
    foreign = request(*member_of("RU", "Moscow Buyer"))
    page = client.get(reverse("trade:lead_detail", args=[foreign.public_id])).content.decode()
    assert 'data-testid="import-checklist-card"' not in page


def test_lead_page_says_when_nothing_is_recorded(client, aigerim, kz_org):
    from scotemp.imports.tests.helpers import offer

    lead = offer(aigerim, kz_org, hs_code="970121", title="Картина маслом")
    page = client.get(reverse("trade:lead_detail", args=[lead.public_id])).content.decode()
    assert 'data-testid="import-checklist-none"' in page
