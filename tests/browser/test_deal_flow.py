"""Issue 5 end to end, two people in two browsers: Li Wei (Chongqing importer, Chinese interface) asks
Aigerim's grain trader (Kazakhstan, Russian interface) for a quotation from her wheat offer; she quotes,
he accepts, he proposes a lower price and she accepts it, both move the deal to agreed and to contract
signed, and he downloads the proforma invoice in Chinese.

Expected texts are computed with ``translation.override`` and gettext, so the test holds whether or not
the catalogues translate them yet."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tests.factories import DEFAULT_PASSWORD


def in_language(language: str, message: str, context: str | None = None) -> str:
    with translation.override(language):
        return pgettext(context, message) if context else gettext(message)


def sign_in(page, url, user):
    page.goto(url + "/accounts/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator('main button[type="submit"]').first.click()


def submit(page, form_selector: str, button: str = 'button[type="submit"]'):
    with page.expect_navigation():
        page.locator(f"{form_selector} {button}").first.click()


def new_page(browser):
    context = browser.new_context(
        locale="en-US", extra_http_headers={"Accept-Language": "en"}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_two_sides_walk_a_deal_to_a_signed_contract_and_a_chinese_proforma(site, browser, screenshot_dir):
    from scotemp.deals.choices import DealEventKind, DealStatus, TermsStatus
    from scotemp.deals.models import Deal, Inquiry
    from scotemp.deals.queries import timeline_of
    from scotemp.trade.models import Lead

    today = timezone.localdate()
    url = site["url"]
    offer = Lead.objects.create(
        organization=site["kz_org"],
        author=site["aigerim"],
        kind="sell",
        status="published",
        language="ru",
        title_ru="Пшеница продовольственная 3 класса",
        hs_code_id="100199",
        quantity=Decimal("3000"),
        unit_id="TNE",
        price=Decimal("240"),
        currency_id="USD",
        incoterm_id="FCA",
        incoterm_place_id="KZALA",
        delivery_from=today + datetime.timedelta(days=20),
        delivery_until=today + datetime.timedelta(days=80),
        valid_until=today + datetime.timedelta(days=60),
        published_at=timezone.now(),
    )
    buyer_context, buyer = new_page(browser)
    seller_context, seller = new_page(browser)
    try:
        # Li Wei, in Chinese, asks for a quotation from the offer: the form comes prefilled, seller chosen.
        sign_in(buyer, url, site["li_wei"])
        buyer.goto(url + reverse("trade:lead_detail", kwargs={"public_id": offer.public_id}))
        assert buyer.locator("html").get_attribute("lang") == "zh-hans"
        with buyer.expect_navigation():
            buyer.locator(".request-quotation a").click()
        rfq_form = 'form[action$="/deals/new/"]'
        assert buyer.locator(
            f'{rfq_form} input[name="sellers"][value="{site["kz_org"].public_id}"]'
        ).is_checked()
        buyer.fill(f'{rfq_form} [name="quantity"]', "2000")
        buyer.fill(f'{rfq_form} [name="questions"]', "蛋白质含量能否保证12.5%以上？")
        submit(buyer, rfq_form)
        inquiry = Inquiry.objects.get(buyer=site["cn_org"], seller=site["kz_org"])
        assert inquiry.rfq.lead_id == offer.pk and inquiry.rfq.quantity == Decimal("2000")

        # Aigerim, in Russian, quotes.
        sign_in(seller, url, site["aigerim"])
        seller.goto(url + reverse("deals:inquiry", kwargs={"public_id": inquiry.public_id}))
        assert seller.locator("html").get_attribute("lang") == "ru"
        quote_form = f'form[action$="/inquiry/{inquiry.public_id}/quote/"]'
        assert seller.locator(f"{quote_form} button").inner_text().strip() == in_language(
            "ru", "Send the quotation"
        )
        for name, value in {
            "unit_price": "238.50",
            "currency": "USD",
            "lead_time_days": "21",
            "payment_terms": "30% предоплата, 70% по документам",
            "valid_until": (today + datetime.timedelta(days=14)).isoformat(),
        }.items():
            seller.fill(f'{quote_form} [name="{name}"]', value)
        submit(seller, quote_form)
        assert inquiry.quotations.get().unit_price == Decimal("238.50")
        seller.screenshot(path=str(screenshot_dir / "deal-quotation-sent-ru.png"), full_page=True)

        # Li Wei accepts the quotation: the deal opens.
        buyer.goto(url + reverse("deals:inquiry", kwargs={"public_id": inquiry.public_id}))
        accept = buyer.locator('form[action*="/quotation/"][action$="/accept/"] button')
        assert accept.inner_text().strip() == in_language("zh-hans", "Accept this quotation")
        with buyer.expect_navigation():
            accept.click()
        deal = Deal.objects.get(inquiry=inquiry)
        deal_url = url + reverse("deals:deal", kwargs={"public_id": deal.public_id})
        assert buyer.url.split("?")[0] == deal_url

        # He proposes a lower price; she accepts the new version.
        buyer.locator("#propose summary").click()
        terms_form = f'form[action$="/{deal.public_id}/terms/"]'
        buyer.fill(f'{terms_form} [name="unit_price"]', "236")
        submit(buyer, terms_form)
        assert deal.term_sheets.get(status=TermsStatus.PROPOSED).unit_price == Decimal("236")
        seller.goto(deal_url)
        accept_terms = seller.locator(
            'form[action*="/decide/"]:has(input[name="decision"][value="accept"]) button'
        )
        assert accept_terms.inner_text().strip() == in_language("ru", "Accept these terms")
        with seller.expect_navigation():
            accept_terms.click()
        deal.refresh_from_db()
        assert deal.current_terms.version == 2 and deal.current_terms.unit_price == Decimal("236")

        # Agreed (by the buyer), then contract signed (by the seller).
        buyer.goto(deal_url)
        with buyer.expect_navigation():
            buyer.locator('button[data-action="agree"]').click()
        seller.goto(deal_url)
        with seller.expect_navigation():
            seller.locator('button[data-action="sign"]').click()
        badge = seller.locator(".deal-status")
        assert badge.inner_text().strip() == in_language("ru", "Contract signed", context="deal status")
        seller.screenshot(path=str(screenshot_dir / "deal-signed-ru.png"), full_page=True)

        buyer.goto(deal_url)
        assert buyer.locator(".deal-status").inner_text().strip() == in_language(
            "zh-hans", "Contract signed", context="deal status"
        )
        buyer.screenshot(path=str(screenshot_dir / "deal-signed-zh-hans.png"), full_page=True)

        # The proforma invoice in Chinese, as a download.
        with buyer.expect_download() as download_info:
            buyer.locator('[data-document="proforma"] a[lang="zh-hans"]').click()
        download = download_info.value
        path = download.path()
        with open(path, "rb") as handle:
            head = handle.read(5)
        assert head == b"%PDF-", download.suggested_filename
        assert download.suggested_filename.endswith("-zh-hans.pdf")
    finally:
        buyer_context.close()
        seller_context.close()

    deal.refresh_from_db()
    assert deal.status == DealStatus.CONTRACT_SIGNED
    assert deal.agreed_terms.version == 2 and deal.agreed_terms.unit_price == Decimal("236")
    assert [e.to_status for e in timeline_of(deal) if e.kind == DealEventKind.TRANSITION] == [
        DealStatus.AGREED,
        DealStatus.CONTRACT_SIGNED,
    ]
