"""The place autocomplete in a real browser: a Kazakh exporter working in Russian types the first
letters of Kostanay in the lead form, picks it from the list, and the field holds the place with its
code; the script runs under the Content-Security-Policy without a violation."""

import pytest

from .test_csp import RECORD_VIOLATIONS, sign_in, violations

pytestmark = pytest.mark.browser


def test_place_picker_finds_kostanay_in_russian(site, browser):
    context = browser.new_context(locale="ru-RU", extra_http_headers={"Accept-Language": "ru"})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors, page.uncaught = [], []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.uncaught.append(str(error)))
    try:
        sign_in(page, site["url"], site["aigerim"])
        page.goto(site["url"] + "/leads/new/")
        place = page.locator('input[name="incoterm_place"]')
        place.press_sequentially("Коста", delay=30)
        option = page.locator('[role="option"]', has_text="Костанай").first
        option.wait_for()
        assert "KZKSN" in option.inner_text()
        option.click()
        assert place.input_value() == "Костанай, Казахстан (KZKSN)"
        assert page.locator('select[name="unit"] option[value="TNE"]').inner_text() == "тонна (метрическая)"
        assert violations(page) == []
    finally:
        context.close()
