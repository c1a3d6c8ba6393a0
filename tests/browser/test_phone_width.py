"""Every page at phone width: at 390×844, as each persona who may see it, no page is wider than the
screen and nothing is cut off in a box that scrolls sideways (a table, a long e-mail, a URL).

The pages are the URL map of the access matrix (``tests/test_access_matrix.py``), visited with its
world of objects, plus the pages of each persona's own deals, requests and organization:

- Aigerim, exporter in Almaty, Russian: her organization's pages, both sides of a deal, an RFQ;
- Li Wei, importer in Chongqing, Chinese: his RFQ with two quotations, his deal, his inbox;
- Zhang Min, committee secretary, Chinese: the committee's applications;
- Dmitry, freight forwarder in Novosibirsk, Russian, with a very long e-mail address on his request;
- the operator (here in Russian, the language with the longest words): the queues and the report;
- a visitor who is not signed in, with a browser asking for Chinese: the public pages and sign-in.

Each persona signs in once (a session cookie); all pages share one browser. A screenshot of every page
is written to ``var/screenshots/phone/``. On the first page the header's menu is opened with the
keyboard: every section of the navigation, the languages and the account are reachable in it.
"""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.test_access_matrix import (  # noqa: F401  (world is a fixture)
    OPERATOR,
    ORG,
    OWN,
    PAGES,
    PUBLIC,
    SECRETARY,
    SIGNED_IN,
    page_url,
    world,
)

PHONE = {"width": 390, "height": 844}
SHOT_HEIGHT = 3 * PHONE["height"]  # screenshots show the first three screens of a page
# Files, not pages: their URLs download a PDF or an upload.
DOWNLOADS = {"deals:document", "deals:attachment", "verification:document", "logistics:shipment_document"}
DOWNLOADS |= {"logistics:freight_attachment"}  # logistics: freight
# events: calendar files, the badge's QR image, the registrations' CSV, agendas as PDF
DOWNLOADS |= {"events:ics", "events:mine_ics", "events:badge_qr", "events:registrations_csv"}
DOWNLOADS |= {"events:b2b_agenda_ics", "events:b2b_agenda_pdf", "events:b2b_tables_pdf"}
DOWNLOADS |= {"committees:feed", "committees:document"}  # committees: the Atom feed, documents
DOWNLOADS |= {"projects:document"}  # projects: a project's documents
LONG_EMAIL = "dmitry.volkov.international-freight-department@sibtranslogistic-novosibirsk.example.ru"
LONG_WORD = "Железнодорожныеконтейнерныеперевозкичунцинновосибирскмосква" * 2

# Everything that sticks out to the right of the screen, deepest first: the document's own width, and
# boxes cut off inside a sideways scroller (unless the box is meant to scroll: data-scrolls).
MEASURE = """
() => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    for (const attr of ["data-testid", "data-label", "href", "name"]) {
      if (el.hasAttribute(attr)) name += `[${attr}="${el.getAttribute(attr).slice(0, 60)}"]`;
    }
    const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return text ? `${name} «${text}»` : name;
  };
  const depth = (el) => { let d = 0; for (; el; el = el.parentElement) d++; return d; };
  // How far a box really shows: boxes that clip (overflow hidden or clip, a clip rectangle, as the
  // visually hidden table headers do) cut it; a box that scrolls does not: what it hides is cut off.
  const shown = (el, right) => {
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.clip !== "auto" && style.position === "absolute") return 0;
      if (box !== el && ["hidden", "clip"].includes(style.overflowX)) {
        right = Math.min(right, box.getBoundingClientRect().right);
      }
    }
    return right;
  };
  const wide = [];
  const consider = (el, box, extra) => {
    if (box.width === 0 || box.height === 0 || box.right <= width + 1 || el.closest("[data-scrolls]")) return;
    const right = shown(el, box.right);
    if (right > width + 1) wide.push({el, right: Math.round(right), depth: depth(el) + extra});
  };
  for (const el of document.body.querySelectorAll("*")) consider(el, el.getBoundingClientRect(), 0);
  // Text that runs out of its element (a word too long for its box) counts at its own width.
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement) continue;
    range.selectNodeContents(node);
    consider(node.parentElement, range.getBoundingClientRect(), 1);
  }
  wide.sort((a, b) => b.right - a.right || b.depth - a.depth);
  return {
    violations: window.__cspViolations || [],
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    widest: wide.slice(0, 3).map((w) => `${describe(w.el)} reaches ${w.right} px`),
  };
}
"""


def _persona(email, full_name, language, org_name=None, country=None, org_type="trader", **org):
    from scotemp.reference.models import Country

    user = UserFactory(email=email, full_name=full_name, language=language)
    if org_name:
        organization = OrganizationFactory(
            name=org_name, country=Country.objects.get(iso2=country), type=org_type, **org
        )
        MembershipFactory(user=user, organization=organization, role="owner")
    return user


def _extend(w):
    """The matrix world, plus the personas' own objects and long texts where phones break."""
    from scotemp.deals.tests.helpers import open_deal, quoted_inquiry
    from scotemp.directory.models import InboxMessage
    from scotemp.notifications.models import Notification
    from scotemp.trade.tests.lead_data import make_lead, wheat_request

    # Zhang Min is the secretary of the matrix's committee, and works in Chinese.
    w.secretary.full_name, w.secretary.language = "张敏", "zh-hans"
    w.secretary.save()
    association = OrganizationFactory(name="重庆市铝产业协会", type="association")
    MembershipFactory(user=w.secretary, organization=association, role="owner")
    w.dmitry = _persona(
        LONG_EMAIL, "Дмитрий Волков", "ru", "ООО «СибТрансЛогистикМеждународныеПеревозки»", "RU", "logistics"
    )
    dmitry_org = w.dmitry.memberships.get().organization
    w.operator.language = "ru"
    w.operator.save()

    # Dmitry asks for transport capacity: his contact e-mail is the one that stretched the page.
    w.long_request = make_lead(
        w.dmitry,
        dmitry_org,
        wheat_request(language="ru", title="Закупка пшеницы " + LONG_WORD, description=LONG_WORD),
    )
    # Li Wei buys: an RFQ quoted by two sellers (the comparison), and a deal with Aigerim's company.
    w.li_deal = open_deal(w.li_wei, w.li_wei.memberships.get().organization, w.aigerim, w.kz_org)
    cn_org = w.li_wei.memberships.get().organization
    w.li_rfq_inquiry, _quotation = quoted_inquiry(w.li_wei, cn_org, w.aigerim, w.kz_org)
    InboxMessage.objects.create(
        organization=cn_org,
        sender=w.dmitry,
        sender_organization=dmitry_org,
        subject="Контейнерные перевозки " + LONG_WORD,
        body="https://sibtrans.example.ru/" + "tarify-i-raspisanie-konteynernykh-poezdov/" * 3,
    )
    Notification.objects.create(user=w.li_wei, kind="test", params={}, dedupe_key="phone")


def _pages_for(w):
    """(persona key, user, [(page name, url)]) for each persona: what they may see."""
    cn_org = w.li_wei.memberships.get().organization

    def names(*categories):
        return [n for n, (cat, _kw) in PAGES.items() if cat in categories and n not in DOWNLOADS]

    everyone = [(n, page_url(n, w)) for n in names(PUBLIC, SIGNED_IN)]
    everyone += [
        ("trade:lead_detail (long e-mail)", reverse("trade:lead_detail", args=[w.long_request.public_id])),
        ("accounts:login", reverse("account_login")),
    ]
    aigerim = everyone + [(n, page_url(n, w)) for n in names(ORG, OWN)]
    li_own = {
        "directory:inbox": reverse("directory:inbox", args=[cn_org.public_id]),
        "accounts:organization": reverse("accounts:organization", args=[cn_org.public_id]),
        "directory:profile_edit": reverse("directory:profile_edit", args=[cn_org.public_id]),
        "verification:status": reverse("verification:status", args=[cn_org.public_id]),
        "deals:deal": reverse("deals:deal", args=[w.li_deal.public_id]),
        "deals:inquiry": reverse("deals:inquiry", args=[w.li_deal.inquiry.public_id]),
        "deals:rfq": reverse("deals:rfq", args=[w.li_rfq_inquiry.rfq.public_id]),
    }
    visitor = [(n, page_url(n, w)) for n in names(PUBLIC)]
    visitor += [(n, reverse(n)) for n in ("account_login", "account_signup", "account_reset_password")]
    return [
        ("visitor", None, visitor),  # not signed in, a browser asking for Chinese
        ("aigerim", w.aigerim, aigerim),
        ("liwei", w.li_wei, everyone + list(li_own.items())),
        ("zhangmin", w.secretary, everyone + [(n, page_url(n, w)) for n in names(SECRETARY)]),
        ("dmitry", w.dmitry, everyone),
        ("operator", w.operator, everyone + [(n, page_url(n, w)) for n in names(OPERATOR)]),
    ]


# The menu button's script runs under the Content-Security-Policy: any violation is a failure.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def _phone_context(browser, live_url, user):
    """A phone-sized page signed in as ``user`` (a session cookie, no sign-in form), or a visitor's."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=1,
        has_touch=True,
        locale="zh-CN",
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    context.add_init_script(RECORD_VIOLATIONS)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _check_menu(page, key, user, shots) -> list[str]:
    """The header fits in one bar; the menu button opens every section, the languages and the account,
    from the keyboard; Escape closes it and gives the focus back to the button."""
    problems = []
    header = page.locator(".site-header").bounding_box()
    if header["height"] > 72:
        problems.append(f"{key}: the closed header is {header['height']:.0f} px high")
    if (
        user is not None
        and user.memberships.exists()
        and not page.locator('[data-testid="inbox-link"]').is_visible()
    ):
        problems.append(f"{key}: no inbox link in the header")
    toggle = page.locator("[data-menu-toggle]")
    if page.locator(".main-nav").is_visible():
        problems.append(f"{key}: the navigation is open before the menu button is pressed")
    toggle.focus()
    page.keyboard.press("Enter")
    if toggle.get_attribute("aria-expanded") != "true":
        problems.append(f"{key}: the menu button does not say it is expanded")
    for item in page.locator(".main-nav [data-nav]").all():
        box = item.bounding_box()
        if not item.is_visible() or box is None or box["x"] + box["width"] > PHONE["width"]:
            problems.append(f"{key}: menu item {item.get_attribute('data-nav')} is not reachable")
    for part in (".lang-switcher", ".account-menu summary" if user else ".account-actions"):
        if not page.locator(part).is_visible():
            problems.append(f"{key}: {part} is not in the open menu")
    page.screenshot(path=str(shots / f"{key}-menu.png"), full_page=True)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    if page.locator(".main-nav").is_visible() or not toggle.evaluate("el => el === document.activeElement"):
        problems.append(f"{key}: Escape does not close the menu and return to its button")
    return problems


def _evaluate(page, expression):
    """Evaluate once the page has settled: a page that navigates again right after loading (a
    redirect finished by the browser, a form's own reload) destroys the context of the first
    evaluation, which is then run again on the page that stays."""
    for attempt in range(3):
        try:
            page.wait_for_load_state("load")
            return page.evaluate(expression)
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(300)


def test_every_page_fits_a_phone_screen_for_every_persona(live_server, world, browser, screenshot_dir):  # noqa: F811
    _extend(world)
    shots = screenshot_dir / "phone"
    shots.mkdir(exist_ok=True)
    failures, visited = [], {}
    for key, user, pages in _pages_for(world):
        context, page = _phone_context(browser, live_server.url, user)
        try:
            page.goto(live_server.url + "/")
            failures += _check_menu(page, key, user, shots)
            if key == "aigerim":  # the same header on a tablet and a desktop screen: one row, no button
                for wide in (800, 1280):
                    page.set_viewport_size({"width": wide, "height": 800})
                    page.screenshot(path=str(shots / f"aigerim-home-{wide}px.png"))
                    if page.locator("[data-menu-toggle]").is_visible():
                        failures.append(f"{wide} px: the menu button shows on a wide screen")
                    if page.locator(".header-bar").bounding_box()["height"] > 100:
                        failures.append(f"{wide} px: the header's tools wrap to a second row")
                page.set_viewport_size(PHONE)
            for name, path in pages:
                try:
                    response = page.goto(live_server.url + path)
                    status = response.status if response else 0
                except PlaywrightError:  # an empty error response: ask again for its status
                    status = page.request.get(live_server.url + path, max_redirects=0).status
                if status == 405:  # a form's action, not a page
                    continue
                if status in {301, 302, 303} and key != "aigerim":  # sent elsewhere: not a page of theirs
                    continue
                if status in {403, 404} and key != "aigerim":  # not theirs (an operator has no leads)
                    continue
                if status != 200:
                    failures.append(f"{key} {name} {path}: HTTP {status}")
                    continue
                visited[key] = visited.get(key, 0) + 1
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                height = min(_evaluate(page, "document.documentElement.scrollHeight"), SHOT_HEIGHT)
                clip = {"x": 0, "y": 0, "width": PHONE["width"], "height": height}
                page.screenshot(path=str(shots / f"{key}-{slug}.png"), full_page=True, clip=clip)
                measured = _evaluate(page, MEASURE)
                if measured["violations"]:
                    failures.append(f"{key} {name} {path}: " + "; ".join(measured["violations"]))
                if measured["scrollWidth"] > measured["viewport"] or measured["widest"]:
                    failures.append(
                        f"{key} {name} {path}: {measured['scrollWidth']} px wide on a "
                        f"{measured['viewport']} px screen; widest: " + "; ".join(measured["widest"])
                    )
        finally:
            context.close()
    assert not failures, f"{len(failures)} problems at {PHONE['width']} px:\n" + "\n".join(failures)
    assert visited.get("aigerim", 0) > 30 and all(
        visited.get(k) for k in ("visitor", "liwei", "zhangmin", "dmitry", "operator")
    )
