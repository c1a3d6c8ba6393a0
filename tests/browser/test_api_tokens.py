"""The API token form in a real browser: choosing access and a day of expiry, the secret shown once,
the list with access and expiry, and the token working against the API."""

import datetime

from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD


def test_create_a_write_token_valid_until_a_chosen_day(site, page, screenshot_dir):
    aigerim = site["aigerim"]
    aigerim.language = "en"
    aigerim.save(update_fields=["language"])
    page.goto(site["url"] + "/accounts/login/")
    page.fill('input[name="login"]', aigerim.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator('main button[type="submit"]').first.click()

    page.goto(site["url"] + "/settings/#api-tokens")
    assert page.locator('select[name="expiry"]').input_value() == "90"
    assert page.locator('input[name="scope"][value="read"]').is_checked()
    page.fill('input[name="name"]', "ERP price sync")
    page.check('input[name="scope"][value="write"]')
    page.select_option('select[name="expiry"]', "date")
    day = timezone.localdate() + datetime.timedelta(days=20)
    page.fill('input[name="expires_on"]', day.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Create token").click()

    secret = page.get_by_test_id("new-token").locator("code").inner_text()
    assert secret.startswith("sco_")
    row = page.get_by_test_id("tokens").locator("tbody tr").first
    assert "ERP price sync" in row.inner_text() and "Read and write" in row.inner_text()
    page.screenshot(path=str(screenshot_dir / "settings-api-tokens.png"), full_page=True)

    me = page.request.get(site["url"] + "/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status == 200
    token = me.json()["token"]
    assert token["scope"] == "write"
    expires = timezone.localtime(datetime.datetime.fromisoformat(token["expires_at"]))
    assert expires.date() == day + datetime.timedelta(days=1) and expires.time() == datetime.time()
