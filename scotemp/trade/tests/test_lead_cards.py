"""The search results' cards are remembered per process, keyed by everything they show: a changed
lead, organization or verification, or another language, is another card."""

import pytest
from django.utils import translation

from scotemp.directory.models import OrganizationProfile
from scotemp.trade.models import Lead
from scotemp.trade.queries import is_verified, text_in
from scotemp.trade.search.engine import PAGE_RELATED
from scotemp.trade.templatetags.lead_cards import lead_card

from .lead_data import make_lead, wheat_offer

pytestmark = pytest.mark.django_db


def card(lead_id) -> str:
    lead = Lead.objects.select_related(*PAGE_RELATED).get(pk=lead_id)
    return str(
        lead_card(
            {"lead": lead, "title": text_in(lead, "title")[0], "verified": is_verified(lead.organization)}
        )
    )


def test_a_card_follows_the_lead_and_its_organization(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, wheat_offer(price="235", currency="USD", title="Пшеница 3 класса"))
    with translation.override("ru"):
        first = card(lead.pk)
        assert (
            "Пшеница 3 класса" in first and "ТОО «Астык Экспорт»" in first and "badge-verified" not in first
        )
        assert card(lead.pk) == first  # remembered: the same values give the same card

        Lead.objects.filter(pk=lead.pk).update(title_ru="Пшеница 4 класса", price="240")
        changed = card(lead.pk)
        assert "Пшеница 4 класса" in changed and "Пшеница 3 класса" not in changed
        assert "240" in changed and "235" not in changed

        type(kz_org).objects.filter(pk=kz_org.pk).update(name="ТОО «Астык Зерно»")
        assert "ТОО «Астык Зерно»" in card(lead.pk)

        OrganizationProfile.objects.update_or_create(
            organization=kz_org, defaults={"verification_status": "verified"}
        )
        assert "badge-verified" in card(lead.pk)


def test_cards_differ_by_language(aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, wheat_offer())
    with translation.override("ru"):
        russian = card(lead.pk)
    with translation.override("zh-hans"):
        chinese = card(lead.pk)
    with translation.override("en"):
        english = card(lead.pk)
    assert len({russian, chinese, english}) == 3
    assert "Offer" in english or "offer" in english.lower()
    assert "valid until" in english and "valid until" not in russian and "valid until" not in chinese


def test_the_search_page_shows_a_changed_lead_at_once(client, aigerim, kz_org):
    lead = make_lead(aigerim, kz_org, wheat_offer(title="Пшеница 3 класса"))
    client.force_login(aigerim)
    assert "Пшеница 3 класса" in client.get("/leads/").content.decode()
    Lead.objects.filter(pk=lead.pk).update(title_ru="Пшеница 4 класса")
    page = client.get("/leads/").content.decode()
    assert "Пшеница 4 класса" in page and "Пшеница 3 класса" not in page
