"""The HS picker has no dead end: at phone width, in Russian, a word leads to a heading, choosing the
heading opens its subheadings (each with its name) instead of closing, and a sell offer ends with a
six-digit subheading; browsing chapter → heading → subheading works without typing, by keyboard and
by touch; a buy request may keep the whole heading."""

from tests.browser.test_matches_browser import sign_in

FIELD = 'input[name="hs_code"]'
LIST = ".hs-picker-list"
OPTIONS = ".hs-picker-list [role=option]"


def _phone(page):
    page.set_viewport_size({"width": 390, "height": 844})


def test_a_word_leads_to_a_subheading_for_a_sell_offer(site, page):
    _phone(page)
    sign_in(page, site, site["aigerim"])
    page.goto(site["url"] + "/leads/new/?kind=sell")
    page.select_option('select[name="kind"]', "sell")
    field = page.locator(FIELD)
    field.click()
    field.press_sequentially("пшеницы", delay=20)
    page.locator(OPTIONS).first.wait_for()
    assert page.locator(OPTIONS).first.inner_text().startswith("1001")
    assert "Пшеница" in page.locator(OPTIONS).first.inner_text()

    # Keyboard: the first result is the heading; Enter opens it instead of closing the list.
    field.press("ArrowDown")
    field.press("Enter")
    page.locator(".hs-picker-heading").wait_for()
    assert page.locator(".hs-picker-heading").inner_text().startswith("1001")
    assert page.locator(LIST).is_visible()
    assert field.input_value() == "1001"
    assert page.locator(".hs-picker-whole").count() == 0  # a sell offer needs a subheading
    subheadings = page.locator(".hs-picker-item")
    texts = subheadings.all_inner_texts()
    assert len(texts) >= 4 and all(t[:4] == "1001" and len(t.split()[0]) == 6 for t in texts)
    assert all(len(t.split(maxsplit=1)[1]) > 3 for t in texts)  # each subheading has its name
    assert not any("Wheat" in t for t in texts)  # in Russian

    page.locator(".hs-picker-item", has_text="100199").click()
    assert field.input_value() == "100199"
    assert page.locator(LIST).is_hidden()
    assert "100199" in page.locator(".hs-picker-chosen").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_browse_without_typing_and_keep_a_heading_for_a_buy_request(site, page):
    _phone(page)
    sign_in(page, site, site["li_wei"])
    page.goto(site["url"] + "/leads/new/?kind=buy")
    page.select_option('select[name="kind"]', "buy")
    page.locator(".hs-picker-browse").click()
    page.locator(OPTIONS, has_text="10 ").first.wait_for()
    assert page.locator(".hs-picker-item").count() == 96
    page.locator(".hs-picker-item").filter(has_text="谷物").first.click()  # chapter 10, cereals
    page.locator(".hs-picker-heading", has_text="10").wait_for()
    page.locator(".hs-picker-item", has_text="1001").first.click()
    page.locator(".hs-picker-heading", has_text="1001").wait_for()
    texts = page.locator(".hs-picker-item").all_inner_texts()
    assert texts and all(len(t.split()[0]) == 6 for t in texts)
    # Back goes up to the chapter, and down again.
    page.locator(".hs-picker-back").click()
    page.locator(".hs-picker-heading", has_text="10 ").wait_for()
    page.locator(".hs-picker-item", has_text="1001").first.click()
    page.locator(".hs-picker-whole").click()
    assert page.locator(FIELD).input_value() == "1001"
    assert page.locator(LIST).is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_heading_left_in_a_sell_offer_opens_its_subheadings(site, page):
    sign_in(page, site, site["aigerim"])
    page.goto(site["url"] + "/leads/new/?kind=buy")
    page.select_option('select[name="kind"]', "buy")
    page.locator(FIELD).fill("1001")
    page.select_option('select[name="kind"]', "sell")
    page.locator(".hs-picker-heading", has_text="1001").wait_for()
    assert page.locator(".hs-picker-whole").count() == 0
    page.locator(".hs-picker-item", has_text="100111").click()
    assert page.locator(FIELD).input_value() == "100111"
