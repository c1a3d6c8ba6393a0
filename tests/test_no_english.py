"""Every page of the URL map, rendered for the personas in Russian and in Chinese, holds no
platform-written English: labels, help texts, buttons, headings, messages, table headers, empty states,
page titles and the title/alt/placeholder/aria-label attributes. The pages are those of the access
matrix (tests/test_access_matrix.py, same world), each opened by whoever may see it, plus allauth's
account pages, the 403 and 404 pages, and each form sent back empty (its error messages).

Text that users wrote is theirs: templates mark it with its language (see tests/english.py).
"""

import pytest
from django.db import transaction
from django.urls import reverse

from tests.english import english_in_html, own_form
from tests.test_access_matrix import (
    ACTION,
    EXEMPT,
    OPERATOR,
    PAGES,
    PUBLIC,
    SECRETARY,
    SIGNED_IN,
    page_url,
    world,  # noqa: F401 (the fixture)
)

# Pages that only answer POST with a redirect, or are not pages of ours.
NOT_PAGES = {name for name, (category, _kw) in PAGES.items() if category in {ACTION, EXEMPT}}
NOT_PAGES |= {"deals:document"}  # a PDF, checked by scotemp/deals/tests/test_documents_language.py

ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_request_login_code",
    "account_email",
    "account_change_password",
    "account_email_verification_sent",
    "mfa_index",
    "mfa_activate_totp",
]
ANONYMOUS_ACCOUNT_PAGES = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_request_login_code",
    "account_email_verification_sent",
}

# English that lives in files another part of the work owns (templates/base.html,
# templates/includes/nav.html, the form classes): listed here so that this test guards everything
# else meanwhile. Each entry is a substring of a finding; EMPTY THIS SET once those files are fixed.
TEMPORARILY_ACCEPTED_IN_OTHER_AREAS: set[str] = set()  # empty: every area's findings are fixed

LANGUAGES = ["ru", "zh-hans"]


def _viewer(w, name):
    category = PAGES[name][0]
    if category == PUBLIC:
        return None
    if category == OPERATOR:
        return w.operator
    if category == SECRETARY:
        return w.secretary
    return w.aigerim


def _visit(client, user, language, url, method="get", data=None):
    """The page in ``language`` for ``user`` (None: anonymous); nothing it does is kept."""
    client.logout()
    client.cookies["scotemp_language"] = language
    if user is not None:
        user.language = language
        user.save(update_fields=["language"])
        client.force_login(user)
    with transaction.atomic():
        response = getattr(client, method)(url, data or {}, HTTP_ACCEPT_LANGUAGE=language)
        transaction.set_rollback(True)
    return response


def _check(findings, label, response):
    # A page (200), or a form sent back with its errors (400, 422), or an error page (403, 404).
    if response.status_code not in {200, 400, 403, 404, 422}:
        return False
    if "html" not in response.get("Content-Type", ""):
        return False
    html = response.content.decode()
    for finding in english_in_html(html):
        if not any(accepted in finding for accepted in TEMPORARILY_ACCEPTED_IN_OTHER_AREAS):
            findings.append(f"{label}: {finding}")
    return True


def _negotiation(w):
    """A second deal, where kz_org buys: opened from its accepted quotation and still negotiating, with
    new terms proposed by the seller that wait for Aigerim's answer (changed rows, accept/reject)."""
    from decimal import Decimal

    from scotemp.deals import actions
    from scotemp.deals.models import TermSheet

    deal = actions.accept_quotation(w.aigerim, w.buy_quotation)
    seller = deal.seller.memberships.first().user
    values = {f: getattr(deal.current_terms, f) for f in TermSheet.TERM_FIELDS}
    actions.propose_terms(seller, deal, {**values, "unit_price": Decimal("239.90")})
    return deal


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_platform_english_on_any_page(client, world, language):  # noqa: F811
    findings, seen = [], []
    visits = []
    for name in PAGES:
        if name in NOT_PAGES:
            continue
        visits.append((name, _viewer(world, name), page_url(name, world)))
        if PAGES[name][0] == PUBLIC:  # the public pages as a signed-in member sees them too
            visits.append((name, world.aigerim, page_url(name, world)))
        if PAGES[name][0] == SIGNED_IN:  # and as someone without an organization: the empty states
            visits.append((name, world.outsider, page_url(name, world)))
    negotiation = _negotiation(world)
    visits.append(
        ("deals:deal negotiating", world.aigerim, reverse("deals:deal", args=[negotiation.public_id]))
    )
    # The search with filters: each active filter named in the reader's language.
    filtered = reverse("trade:list") + "?kind=sell&origin=KZ&verified=1&incoterm=FCA&price_min=1"
    visits.append(("trade:list filtered", world.aigerim, filtered))
    for name in ACCOUNT_PAGES:
        visits.append((name, None if name in ANONYMOUS_ACCOUNT_PAGES else world.aigerim, reverse(name)))
    # Error pages: a private page for a stranger (404), a secretary's page for a member (403 or 404).
    visits.append(("404", world.li_wei, page_url("trade:lead_detail", world)))
    visits.append(("404 anonymous", None, "/no-such-page/"))

    for name, user, url in visits:
        who = user.email if user else "anonymous"
        response = _visit(client, user, language, url)
        if _check(findings, f"{name} ({who}) GET", response):
            seen.append(name)
            # The page's own form sent untouched: its error messages.
            form = own_form(response.content.decode(), url)
            if form is not None and name not in ANONYMOUS_ACCOUNT_PAGES:
                posted = _visit(client, user, language, url, method="post", data=form)
                _check(findings, f"{name} ({who}) POST", posted)
    assert len(set(seen)) >= 44, f"too few pages rendered: {sorted(set(seen))}"
    assert {"deals:deal negotiating", "trade:list filtered", "404", "404 anonymous"} <= set(seen)
    assert not findings, f"{len(findings)} English texts on {language} pages:\n" + "\n".join(findings)
