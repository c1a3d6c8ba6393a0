"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without a Chromium the tests are skipped with a visible reason (and a line in the terminal summary);
with ``SCOTEMP_REQUIRE_BROWSER=1`` (CI) a missing browser fails them instead.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; the ORM calls made by the fixtures and
# the live server are ordinary synchronous code and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

MISSING_REASON = (
    "Chromium not found: install Debian's chromium (apt-get install chromium fonts-noto-cjk) "
    "or set CHROMIUM_PATH to run the browser tests"
)
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"
HERE = Path(__file__).resolve().parent

_state = {"missing": False}


def find_chromium() -> str | None:
    """CHROMIUM_PATH if set (and executable), else Debian's /usr/bin/chromium."""
    explicit = os.environ.get("CHROMIUM_PATH")
    candidates = [explicit] if explicit else ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_required() -> bool:
    return os.environ.get("SCOTEMP_REQUIRE_BROWSER", "").strip() not in {"", "0", "false", "no"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _state["missing"]:
        verdict = "FAILED" if browser_required() else "SKIPPED"
        terminalreporter.write_sep("=", f"browser tests {verdict}", yellow=True, bold=True)
        terminalreporter.write_line(MISSING_REASON)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _state["missing"] = True
        if browser_required():
            pytest.fail(MISSING_REASON + " (SCOTEMP_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(MISSING_REASON)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server):
    """The live server with the reference data and the test personas.

    live_server runs in a transactional database that is emptied after each test, so the data
    loaded once per session by the root conftest may be gone: load it again here."""
    from django.core.management import call_command

    from scotemp.reference.models import Country
    from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    call_command("load_reference", verbosity=0, curated_places_only=True)  # the UN/LOCODE list costs ~2 s
    cn_org = OrganizationFactory(
        name="重庆粮油食品有限公司",
        name_latin="Chongqing Grain & Oil Foods Co.",
        country=Country.objects.get(iso2="CN"),
    )
    li_wei = UserFactory(email="liwei@cqgrain.cn", full_name="李伟", language="zh-hans")
    MembershipFactory(user=li_wei, organization=cn_org, role="owner")
    kz_org = OrganizationFactory(
        name="ТОО «Астык Экспорт»", name_latin="Astyk Export LLP", country=Country.objects.get(iso2="KZ")
    )
    aigerim = UserFactory(email="aigerim@astyk.kz", full_name="Айгерим Сейткали", language="ru")
    MembershipFactory(user=aigerim, organization=kz_org, role="owner")
    return {"url": live_server.url, "li_wei": li_wei, "cn_org": cn_org, "aigerim": aigerim, "kz_org": kz_org}


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) whose browser asks for English pages."""
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
