"""The Content-Security-Policy in a real browser: pages with htmx, the charts and bars, and the API docs
work and cause no violation (the browser reports each one as a `securitypolicyviolation` event and a
console error)."""

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(browser):
    """A page that records CSP violations, console errors and uncaught script errors."""
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en"})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors, page.uncaught = [], []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.uncaught.append(str(error)))
    yield page
    context.close()


def violations(page) -> list[str]:
    """Policy violations, reported either way, and scripts that died (a blocked eval throws)."""
    reported = [text for text in page.console_errors if "Content Security Policy" in text]
    return page.evaluate("window.__cspViolations") + reported + page.uncaught


def problems(page) -> list[str]:
    """Violations and any other console error."""
    return violations(page) + [text for text in page.console_errors if text not in violations(page)]


def sign_in(page, url, user):
    page.goto(url + "/accounts/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator('main button[type="submit"]').first.click()


def test_htmx_charts_and_api_docs_run_under_the_policy(site, watched, screenshot_dir):
    from scotemp.deals.tests.helpers import quoted_inquiry
    from scotemp.reference.models import Country

    page, url = watched, site["url"]

    # Home: the countries chart (SVG) and htmx loaded from static files.
    response = page.goto(url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.get_by_test_id("country-chart").locator("rect").count() >= 1
    page.wait_for_function("window.htmx && htmx.config.allowEval === false")
    assert problems(page) == []

    # Directory: typing searches through htmx, which swaps the results in place.
    page.goto(url + "/directory/")
    with page.expect_response(lambda r: "/directory/" in r.url and r.request.headers.get("hx-request")):
        page.get_by_test_id("search-input").fill("Astyk")
    page.wait_for_function("document.querySelector('#directory-results').innerText.includes('Astyk')")
    assert problems(page) == []

    # Deals: the buyer's comparison bars (SVG) and the currency switch (htmx), and the pipeline bars.
    seller_org = OrganizationFactory(name="Tashkent Mill", country=Country.objects.get(iso2="UZ"))
    seller = MembershipFactory(organization=seller_org, role="owner").user
    inquiry, quotation = quoted_inquiry(site["aigerim"], site["kz_org"], seller, seller_org)
    sign_in(page, url, site["aigerim"])
    rfq_page = url + reverse("deals:rfq", kwargs={"public_id": inquiry.rfq.public_id})
    page.goto(f"{rfq_page}?currency={quotation.currency}")  # in its own currency: no rate needed
    bar = page.locator(".total-bars rect.bar-fill").first
    assert float(bar.get_attribute("width").rstrip("%")) > 0
    assert bar.bounding_box()["width"] > 10  # drawn, not squeezed by a blocked style
    page.locator("#comparison").screenshot(path=str(screenshot_dir / "csp-comparison-bars.png"))
    currency = page.locator("select#currency")
    codes = currency.locator("option").evaluate_all("options => options.map(o => o.value)")
    other = next(code for code in codes if code != currency.input_value())
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        currency.select_option(other)
    page.wait_for_function(f"document.querySelector('select#currency').value === '{other}'")
    page.goto(url + "/deals/")
    assert page.locator(".status-bars rect.status-bar-fill").count() >= 1
    page.locator("#deals").screenshot(path=str(screenshot_dir / "csp-pipeline-bars.png"))
    assert problems(page) == []

    # The API docs: Swagger UI, from django-ninja's static files, runs and renders the schema (its own
    # verdict on the schema, which is the schema tests' business, may show as a console error).
    page.goto(url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info, .swagger-ui .errors-wrapper", state="attached")
    page.screenshot(path=str(screenshot_dir / "csp-api-docs.png"))
    assert violations(page) == []

    # The recorder works: an inline script injected into the page is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in v for v in violations(page))
