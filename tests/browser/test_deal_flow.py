"""A deal end to end, two people in two browsers, in Russian and in Chinese: Li Wei's Chongqing
importer publishes a wheat buy request; Aigerim's Kazakh grain trader, ТОО «Жеңіс Астық», answers it
with an offer from the request's page; he finds the offer among his inquiries and accepts it, proposes
a lower price (her "agree" is disabled while it waits) and she accepts it; both confirm the terms,
both confirm the signed contract (she uploads hers), and the contract PDF, downloaded in the page's
language, carries the Kazakh legal name letter by letter.

Expected texts are computed with ``translation.override`` and gettext, so the test holds whether or not
the catalogues translate them yet."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tests.factories import DEFAULT_PASSWORD

KAZAKH_NAME = "ТОО «Жеңіс Астық»"
SIGNED_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


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


def click(page, selector: str):
    with page.expect_navigation():
        page.locator(selector).first.click()


def new_page(browser):
    context = browser.new_context(
        locale="en-US", extra_http_headers={"Accept-Language": "en"}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    # fpdf2's Unicode map of a CJK font reads as UTF-16 code units in pypdf: drop the NUL halves.
    return unicodedata.normalize("NFC", text.replace("\x00", ""))


def missing_letters(name: str, text: str) -> list[str]:
    """The letters of ``name`` that the text lacks (a font without them drops them silently)."""
    return [letter for letter in dict.fromkeys(name) if not letter.isspace() and letter not in text]


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_an_offer_walked_to_a_contract_signed_by_both_sides(site, browser, screenshot_dir, language):
    from scotemp.deals.choices import DealEventKind, DealStatus, RfqOrigin, TermsStatus
    from scotemp.deals.models import Deal, DealConfirmation, Inquiry
    from scotemp.deals.queries import timeline_of
    from scotemp.trade.models import Lead

    today = timezone.localdate()
    url = site["url"]
    kz_org, cn_org = site["kz_org"], site["cn_org"]
    kz_org.name, kz_org.name_latin = KAZAKH_NAME, "Zhenis Astyk LLP"
    kz_org.save()
    for user in (site["li_wei"], site["aigerim"]):
        user.language = language
        user.save()
    request = Lead.objects.create(
        organization=cn_org,
        author=site["li_wei"],
        kind="buy",
        status="published",
        language="zh-hans",
        title_zh_hans="求购三级食用小麦",
        hs_code_id="100199",
        quantity=Decimal("3000"),
        unit_id="TNE",
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
        # Aigerim answers the buy request with an offer, from the request's page.
        sign_in(seller, url, site["aigerim"])
        seller.goto(url + reverse("trade:lead_detail", kwargs={"public_id": request.public_id}))
        assert seller.locator("html").get_attribute("lang") == language
        offer_link = seller.locator(".send-offer a")
        assert offer_link.inner_text().strip() == in_language(language, "Send an offer")
        click(seller, ".send-offer a")
        offer_form = f'form[action$="/deals/offer/{request.public_id}/"]'
        assert seller.locator(f'{offer_form} [name="quantity"]').input_value() == "3000"
        for name, value in {
            "goods": "Пшеница мягкая 3 класса, протеин 12,5%",
            "quantity": "2000",
            "unit_price": "238.50",
            "currency": "USD",
            "lead_time_days": "21",
            "payment_terms": "30% предоплата, 70% по документам",
            "valid_until": (today + datetime.timedelta(days=14)).isoformat(),
            "message": "Готовы отгрузить в январе.",
        }.items():
            field = seller.locator(f'{offer_form} [name="{name}"]')
            if field.evaluate("element => element.tagName") == "SELECT":
                field.select_option(value)  # coded values are chosen from a list
            else:
                field.fill(value)
        submit(seller, offer_form)
        inquiry = Inquiry.objects.get(buyer=cn_org, seller=kz_org)
        assert inquiry.rfq.origin == RfqOrigin.OFFERS and inquiry.rfq.lead_id == request.pk
        assert inquiry.quotations.get().unit_price == Decimal("238.50")
        seller.screenshot(path=str(screenshot_dir / f"deal-offer-sent-{language}.png"), full_page=True)

        # Li Wei finds the offer among his inquiries and accepts it: the deal opens.
        sign_in(buyer, url, site["li_wei"])
        buyer.goto(url + reverse("deals:list"))
        click(buyer, f'#sent tr[data-inquiry="{inquiry.public_id}"] a[href*="/inquiry/"]')
        accept = buyer.locator('form[action*="/quotation/"][action$="/accept/"] button')
        assert accept.inner_text().strip() == in_language(language, "Accept this quotation")
        with buyer.expect_navigation():
            accept.click()
        deal = Deal.objects.get(inquiry=inquiry)
        deal_url = url + reverse("deals:deal", kwargs={"public_id": deal.public_id})
        assert buyer.url.split("?")[0] == deal_url
        assert deal.current_terms.goods == "Пшеница мягкая 3 класса, протеин 12,5%"

        # He proposes a lower price: her "agree" is disabled, with the reason, until she answers.
        buyer.locator("#propose summary").click()
        terms_form = f'form[action$="/{deal.public_id}/terms/"]'
        buyer.fill(f'{terms_form} [name="unit_price"]', "236")
        submit(buyer, terms_form)
        assert deal.term_sheets.get(status=TermsStatus.PROPOSED).unit_price == Decimal("236")
        seller.goto(deal_url)
        assert seller.locator('button[data-action="agree"]').is_disabled()
        assert seller.locator('[data-reason="agree"]').inner_text().strip() == in_language(
            language, "New terms are waiting for an answer: accept or reject them before agreeing."
        )
        accept_terms = seller.locator(
            'form[action*="/decide/"]:has(input[name="decision"][value="accept"]) button'
        )
        assert accept_terms.inner_text().strip() == in_language(language, "Accept these terms")
        with seller.expect_navigation():
            accept_terms.click()
        deal.refresh_from_db()
        assert deal.current_terms.version == 2 and deal.current_terms.unit_price == Decimal("236")

        # Both confirm the terms: the first confirmation is recorded, the second agrees the deal.
        click(seller, 'button[data-action="agree"]')
        deal.refresh_from_db()
        assert deal.status == DealStatus.NEGOTIATING
        buyer.goto(deal_url)
        assert buyer.locator('[data-confirmation="agree-seller"]').count() == 1
        click(buyer, 'button[data-action="agree"]')
        badge = buyer.locator(".deal-status")
        assert badge.inner_text().strip() == in_language(language, "Agreed", context="deal status")

        # Both confirm the signed contract; she uploads hers.
        seller.goto(deal_url)
        seller.locator('form.sign-form input[name="contract"]').set_input_files(
            {"name": "договор-подписан.pdf", "mimeType": "application/pdf", "buffer": SIGNED_PDF}
        )
        click(seller, 'button[data-action="sign"]')
        assert DealConfirmation.objects.get(step="sign", side="seller").file
        buyer.goto(deal_url)
        assert buyer.locator('a[data-contract="seller"]').count() == 1
        click(buyer, 'button[data-action="sign"]')
        assert buyer.locator(".deal-status").inner_text().strip() == in_language(
            language, "Contract signed", context="deal status"
        )
        buyer.screenshot(path=str(screenshot_dir / f"deal-signed-{language}.png"), full_page=True)

        # The contract in the page's language, as a download: the Kazakh legal name, every letter.
        with buyer.expect_download() as download_info:
            buyer.locator(f'[data-document="contract"] a[lang="{language}"]').click()
        download = download_info.value
        assert download.suggested_filename.endswith(f"-{language}.pdf")
        with open(download.path(), "rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-")
    finally:
        buyer_context.close()
        seller_context.close()

    text = pdf_text(data)
    printed = [line for line in text.splitlines() if line.startswith("ТОО")]
    assert missing_letters(KAZAKH_NAME, text) == [], f"the contract prints the seller as {printed}"
    assert KAZAKH_NAME in text

    deal.refresh_from_db()
    assert deal.status == DealStatus.CONTRACT_SIGNED
    assert deal.agreed_terms.version == 2 and deal.agreed_terms.unit_price == Decimal("236")
    kinds = [e.kind for e in timeline_of(deal)]
    assert kinds.count(DealEventKind.TERMS_CONFIRMED) == 2
    assert kinds.count(DealEventKind.SIGNATURE_CONFIRMED) == 2
    assert [e.to_status for e in timeline_of(deal) if e.kind == DealEventKind.TRANSITION] == [
        DealStatus.AGREED,
        DealStatus.CONTRACT_SIGNED,
    ]
