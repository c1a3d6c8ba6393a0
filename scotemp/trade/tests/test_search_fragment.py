"""The lead search page's content is a shared fragment for signed-in readers (core.fragments): one
rendering serves every reader of a language, each with his own CSRF token, and a write to the leads
shows at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from scotemp.trade import actions
from scotemp.trade.tests.lead_data import make_lead, wheat_offer
from scotemp.trade.views import search as search_views

# The token of the "save this search" form, which is part of the shared fragment.
TOKEN = re.compile(
    r'data-testid="save-search">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"'
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def renders(monkeypatch):
    """How many times the search content was worked out (not read from the fragment cache)."""
    calls = []
    real = search_views._search_context

    def counted(query):
        calls.append(query.urlencode())
        return real(query)

    monkeypatch.setattr(search_views, "_search_context", counted)
    return calls


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_two_readers_share_one_rendering_each_with_his_own_working_token(
    kz_org, aigerim, cn_org, li_wei, renders
):
    make_lead(aigerim, kz_org)
    for user in (aigerim, li_wei):  # one language: the page is the same for both
        user.language = "en"
        user.save(update_fields=["language"])
    page = reverse("trade:list") + "?q=wheat"
    first, second = signed_in(aigerim), signed_in(li_wei)
    one, two = first.get(page), second.get(page)
    assert len(renders) == 1
    (token_one,), (token_two,) = TOKEN.findall(one.content.decode()), TOKEN.findall(two.content.decode())
    assert token_one != token_two
    saved = second.post(
        reverse("trade:saved_search_create"),
        {"query": "q=wheat", "name": "wheat", "csrfmiddlewaretoken": token_two},
    )
    assert saved.status_code == 302  # the second reader's own token passed the CSRF check
    assert li_wei.saved_searches.filter(name="wheat").exists()


def test_a_reader_sees_the_lead_he_just_published(
    kz_org, aigerim, renders, django_capture_on_commit_callbacks
):
    lead = make_lead(aigerim, kz_org, wheat_offer(title="Ячмень пивоваренный"), publish=False)
    reader = signed_in(aigerim)
    page = reverse("trade:list")
    assert "Ячмень пивоваренный" not in reader.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_lead(aigerim, lead)
    assert "Ячмень пивоваренный" in reader.get(page).content.decode()
    assert len(renders) == 2


def test_languages_and_searches_are_kept_apart(kz_org, aigerim, li_wei, renders):
    make_lead(aigerim, kz_org)
    reader = signed_in(li_wei)
    reader.get(reverse("trade:list") + "?q=wheat")
    li_wei.language = "ru"
    li_wei.save(update_fields=["language"])
    russian = reader.get(reverse("trade:list") + "?q=wheat")
    assert 'lang="ru"' in russian.content.decode()
    reader.get(reverse("trade:list") + "?q=barley")
    assert len(renders) == 3
    reader.get(reverse("trade:list") + "?q=barley")
    assert len(renders) == 3
