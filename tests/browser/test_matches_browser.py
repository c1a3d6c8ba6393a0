"""Issue 4 end to end: Aigerim (Kazakh exporter, Russian interface) publishes a wheat offer in Russian
through the lead form; Li Wei (Chongqing importer, Chinese interface), who has a published wheat
buy request, opens his matches page and finds the offer with its explanation.

Matching runs through the real task code: the test settings use django-tasks' immediate backend,
so the rematch queued on commit of the publication has run when the redirect arrives."""

import datetime
from decimal import Decimal

from django.utils import timezone

from scotemp.trade.tests.lead_data import wheat_offer
from tests.factories import DEFAULT_PASSWORD


def sign_in(page, site, user):
    page.goto(site["url"] + "/accounts/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator('main button[type="submit"]').first.click()


def fill(page, data: dict) -> None:
    """Fill the lead form by field name, whatever widget each field uses."""
    form = page.locator('form:has(button[name="publish"])')
    for name, value in data.items():
        field = form.locator(f'[name="{name}"]')
        if field.count() == 0 or value in ("", None, [], {}):
            continue
        kind = field.first.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        values = value if isinstance(value, list) else [str(value)]
        if kind.startswith("select"):
            field.first.select_option(values)
        elif kind.endswith(":checkbox") or kind.endswith(":radio"):
            for item in values:
                box = form.locator(f'[name="{name}"][value="{item}"]')
                (box if box.count() else field).first.check()
        elif kind.endswith(":hidden"):
            continue
        else:
            field.first.fill(values[0] if not isinstance(value, list) else ", ".join(values))


def test_kazakh_offer_reaches_the_chongqing_importer_in_chinese(site, page, screenshot_dir):
    from scotemp.trade.models import Lead

    today = timezone.localdate()
    request = Lead.objects.create(
        organization=site["cn_org"],
        author=site["li_wei"],
        kind="buy",
        status="published",
        language="zh-hans",
        title_zh_hans="求购优质小麦",
        hs_code_id="100199",
        quantity=Decimal("2000"),
        unit_id="TNE",
        incoterm_id="FCA",
        incoterm_place_id="KZALA",
        valid_until=today + datetime.timedelta(days=60),
        published_at=timezone.now(),
    )
    request.countries.set(["KZ", "RU"])

    # Aigerim works in Russian: she writes the offer in Russian and publishes it.
    sign_in(page, site, site["aigerim"])
    page.goto(site["url"] + "/leads/new/?kind=sell")
    assert page.locator("html").get_attribute("lang") == "ru"
    data = wheat_offer()
    data.pop("attributes")
    fill(page, data)
    with page.expect_navigation():
        page.locator('button[name="publish"]').click()
    offer = Lead.objects.get(organization=site["kz_org"])
    assert offer.status == "published", page.content()[:2000]
    assert offer.title_ru == "Пшеница продовольственная 3 класса"
    page.screenshot(path=str(screenshot_dir / "matches-offer-published-ru.png"), full_page=True)

    # Li Wei, in Chinese, opens his matches: the offer is there, explained.
    page.context.clear_cookies()
    sign_in(page, site, site["li_wei"])
    page.goto(site["url"] + "/leads/matches/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    card = page.locator(f'.match[data-counterpart="{offer.public_id}"]')
    assert card.count() == 1
    assert "Пшеница продовольственная 3 класса" in card.locator(".match-title").inner_text()
    why = card.locator(".match-why").inner_text()
    assert "100199" in why and "100%" in why
    page.screenshot(path=str(screenshot_dir / "matches-li-wei-zh-hans.png"), full_page=True)
    assert (screenshot_dir / "matches-li-wei-zh-hans.png").stat().st_size > 10_000
