"""The anonymous page cache (core.pagecache): one rendering serves every visitor who is not signed in,
each with his own CSRF token; signed-in users, messages and other languages never share it."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from scotemp.core import pagecache
from scotemp.trade import actions
from scotemp.trade.tests.lead_data import make_lead, wheat_offer

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
HX_TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{64})"')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60


def browser() -> Client:
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")


def tokens(response) -> set[str]:
    text = response.content.decode()
    return set(TOKEN.findall(text)) | set(HX_TOKEN.findall(text))


def test_a_second_visitor_gets_the_stored_page_with_his_own_token_and_can_post_its_form(kz_org, aigerim):
    make_lead(aigerim, kz_org)
    first, second = browser(), browser()
    page = reverse("trade:list")
    one = first.get(page)
    two = second.get(page)
    assert one.status_code == two.status_code == 200
    assert one.context is not None and two.context is None  # rendered once, then answered from the cache
    mine, theirs = tokens(one), tokens(two)
    assert len(mine) == 1 and len(theirs) == 1 and mine != theirs
    # Apart from the token the two bodies are the same.
    assert TOKEN.sub("", HX_TOKEN.sub("", one.content.decode())) == TOKEN.sub(
        "", HX_TOKEN.sub("", two.content.decode())
    )
    # The token belongs to the second visitor's cookie, which was set as Django sets it.
    cookie = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(theirs.pop()) == cookie
    assert cookie != first.cookies[settings.CSRF_COOKIE_NAME].value
    # The language form taken from the stored page works for the second visitor.
    token = TOKEN.search(two.content.decode()).group(1)
    switched = second.post(
        reverse("accounts:language"), {"language": "ru", "next": page, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    assert second.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"


def test_a_returning_visitor_gets_a_token_of_his_cookie(kz_org, aigerim):
    first, returning = browser(), browser()
    home = reverse("home")
    first.get(home)
    returning.get(reverse("trade:list"))  # has a csrftoken cookie from an earlier page
    cookie = returning.cookies[settings.CSRF_COOKIE_NAME].value
    again = returning.get(home)
    assert again.context is None
    (token,) = tokens(again)
    assert _unmask_cipher_token(token) == cookie


def test_answers_from_the_cache_carry_the_same_headers(kz_org, aigerim):
    lead = make_lead(aigerim, kz_org)
    page = reverse("trade:lead_detail", args=[lead.public_id])
    one = browser().get(page)
    two = browser().get(page)
    assert two.context is None
    for name in ("Content-Type", "Vary", "Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert one.get(name) == two.get(name), name
    assert "Cookie" in two["Vary"] and "Accept-Language" in two["Vary"]


def test_signed_in_users_neither_read_nor_fill_the_cache(client, kz_org, aigerim, li_wei):
    lead = make_lead(aigerim, kz_org)
    page = reverse("trade:lead_detail", args=[lead.public_id])
    browser().get(page)  # stored for visitors
    client.force_login(li_wei)
    signed_in = client.get(page)
    assert signed_in.context is not None  # rendered for him
    assert signed_in.context["contacts"]  # signed-in users see the contacts, visitors do not
    # His page was not stored: a visitor of a fresh cache gets a page without the contacts.
    from django.core.cache import cache

    cache.clear()
    client.get(page)
    visitor = browser().get(page)
    assert visitor.context is not None and not visitor.context["contacts"]


def test_languages_are_kept_apart(kz_org, aigerim):
    page = reverse("home")
    english = browser().get(page)
    russian = Client(HTTP_ACCEPT_LANGUAGE="ru").get(page)
    chinese = Client(HTTP_ACCEPT_LANGUAGE="en")
    chinese.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese_page = chinese.get(page)
    assert english.context is not None and russian.context is not None and chinese_page.context is not None
    assert b'lang="en"' in english.content and b'lang="ru"' in russian.content
    assert b'lang="zh-hans"' in chinese_page.content
    assert Client(HTTP_ACCEPT_LANGUAGE="ru").get(page).context is None  # the Russian one is stored


def test_the_query_string_is_part_of_the_key_in_any_order(kz_org, aigerim):
    make_lead(aigerim, kz_org)
    browser().get("/leads/?q=wheat&kind=offer")
    assert browser().get("/leads/?kind=offer&q=wheat").context is None
    assert browser().get("/leads/?q=wheat").context is not None


def test_a_visitor_with_a_message_gets_a_fresh_page_which_is_not_stored(kz_org, aigerim):
    home = reverse("home")
    browser().get(home)  # stored
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    # An unknown language leaves an error message for the next page.
    visitor.post(reverse("accounts:language"), {"language": "xx", "next": home})
    with_message = visitor.get(home)
    assert with_message.context is not None
    assert "Choose one of the offered languages." in with_message.content.decode()
    after = browser().get(home)
    assert after.context is None
    assert "Choose one of the offered languages." not in after.content.decode()


def test_a_published_lead_reaches_visitors_within_the_lifetime(kz_org, aigerim, monkeypatch):
    lead = make_lead(aigerim, kz_org, wheat_offer(title="Ячмень пивоваренный"), publish=False)
    page = reverse("trade:list")
    clock = [1_000_000.0]
    monkeypatch.setattr(pagecache, "now", lambda: clock[0])
    assert "Ячмень пивоваренный" not in browser().get(page).content.decode()
    actions.publish_lead(aigerim, lead)
    clock[0] += 30  # within the lifetime: the stored page
    assert "Ячмень пивоваренный" not in browser().get(page).content.decode()
    clock[0] += 31  # past it: rendered again
    fresh = browser().get(page)
    assert fresh.context is not None
    assert "Ячмень пивоваренный" in fresh.content.decode()


def test_htmx_fragments_are_kept_apart_from_pages(kz_org, aigerim):
    page = reverse("directory:list")
    full = browser().get(page)
    fragment = browser().get(page, HTTP_HX_REQUEST="true")
    assert fragment.context is not None
    assert b"<html" in full.content and b"<html" not in fragment.content
    assert b"<html" not in browser().get(page, HTTP_HX_REQUEST="true").content


def test_the_api_keeps_only_anonymous_data(client, kz_org, aigerim, li_wei):
    make_lead(aigerim, kz_org)
    url = "/api/v1/leads"
    anonymous = client.get(url).json()
    assert anonymous["results"] and anonymous["results"][0]["contacts"] is None
    client.force_login(li_wei)
    signed_in = client.get(url).json()
    assert signed_in["results"][0]["contacts"]  # his own, fresh: not the visitors' stored page
    client.logout()
    assert not client.get(url).json()["results"][0].get("contacts")


def test_off_when_the_lifetime_is_zero(settings, kz_org, aigerim):
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 0
    browser().get(reverse("home"))
    assert browser().get(reverse("home")).context is not None


def test_the_organizations_api_searches_once_for_anonymous_callers(client, kz_org, aigerim, monkeypatch):
    from scotemp.directory import queries

    calls = []
    search = queries.search
    monkeypatch.setattr(queries, "search", lambda params: calls.append(params) or search(params))
    url = "/api/v1/organizations?country=KZ"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() and first.json()["total"] >= 1
    assert len(calls) == 1
    assert client.get("/api/v1/organizations?country=XX").status_code == 422  # refused before the cache
    client.force_login(aigerim)
    assert client.get(url).status_code == 200 and len(calls) == 2  # signed in: searched again


def test_compressed_answers_from_the_cache_are_the_page_with_the_visitors_token(kz_org, aigerim):
    import gzip

    make_lead(aigerim, kz_org)
    page = reverse("trade:list")
    first = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    second = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    one, two = first.get(page), second.get(page)
    assert one.context is not None and two.context is None
    assert one["Content-Encoding"] == two["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in two["Vary"] and int(two["Content-Length"]) == len(two.content)
    plain_one, plain_two = gzip.decompress(one.content).decode(), gzip.decompress(two.content).decode()
    (token,) = set(TOKEN.findall(plain_two)) | set(HX_TOKEN.findall(plain_two))
    assert _unmask_cipher_token(token) == second.cookies[settings.CSRF_COOKIE_NAME].value
    assert TOKEN.sub("", HX_TOKEN.sub("", plain_one)) == TOKEN.sub("", HX_TOKEN.sub("", plain_two))
    # Padded as Django pads: the length varies from one answer to the next.
    assert len({len(second.get(page).content) for _ in range(8)}) > 1
    # A client that does not accept gzip gets the plain page from the same entry.
    plain = browser().get(page)
    assert plain.context is None and "Content-Encoding" not in plain and b"lead-card" in plain.content


API_PAGES = ["/api/v1/leads", "/api/v1/leads?q=wheat", "/api/v1/organizations?country=KZ"]


@pytest.mark.parametrize("url", API_PAGES)
def test_api_pages_from_the_cache_are_what_ninja_answers(settings, client, url, kz_org, aigerim, monkeypatch):
    make_lead(aigerim, kz_org)
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 0
    with monkeypatch.context() as patched:  # the body as the view built it, validated by ninja
        patched.setattr(pagecache, "valid", lambda schema, request, body: body)
        alone = client.get(url)
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    stored, again = client.get(url), client.get(url)
    assert alone.status_code == stored.status_code == again.status_code == 200
    assert alone.content == stored.content == again.content
    assert alone.json()["results"]


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("committees:list", {}),
        ("committees:detail", {"slug": "agri-supply-chain"}),
        ("imports:showcase", {}),
        ("imports:demand", {}),
        ("imports:checklist", {}),
        ("projects:list", {}),
        ("projects:showcase", {}),
        ("delegations:list", {}),
    ],
)
def test_public_pages_of_committees_projects_delegations_and_the_import_zone_are_kept_for_visitors(
    name, kwargs
):
    page = reverse(name, kwargs=kwargs)
    first = browser().get(page)
    assert first.status_code == 200 and first.context is not None  # rendered
    assert browser().get(page).context is None  # answered from the cache
