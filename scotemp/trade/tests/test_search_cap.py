"""Lead search: the total is counted only up to ``TOTAL_CAP``; beyond it the total is a lower bound
(page, API), the pages stop at the cap, and the leads found and their order do not change."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from scotemp.trade.search import engine as lead_search

from .search_fixtures import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def wheat_leads(kz_org):
    now = timezone.now()
    # Three leads whose own text says "wheat" and three found only through their HS code's name.
    for i in range(3):
        make_lead(kz_org, f"Wheat lot {i}", published_at=now - datetime.timedelta(hours=i))
        make_lead(kz_org, f"Grain lot {i}", published_at=now - datetime.timedelta(hours=10 + i))


def titles(params, **kw):
    result = lead_search.search(params, None, **kw)
    return [lead.title for lead in result.leads], result.total, result.total_capped, result.facets


def test_total_stops_at_the_cap_and_pages_end_there(wheat_leads, monkeypatch):
    everything, total, capped, facets = titles({"q": "wheat"}, per_page=100)
    assert (total, capped) == (6, False) and facets
    assert everything[:3] == ["Wheat lot 0", "Wheat lot 1", "Wheat lot 2"]
    monkeypatch.setattr(lead_search, "TOTAL_CAP", 6)
    assert titles({"q": "wheat"}, per_page=100)[:3] == (everything, 6, False)

    monkeypatch.setattr(lead_search, "TOTAL_CAP", 4)
    pages = [titles({"q": "wheat", "page": page}, per_page=3) for page in (1, 2, 3)]
    assert [(t, c) for _rows, t, c, _f in pages] == [(4, True)] * 3
    # Same leads in the same order as without the cap, up to the cap; nothing past it.
    assert pages[0][0] == everything[:3]
    assert pages[1][0] == everything[3:4]
    assert pages[2][0] == []
    assert pages[0][3] == {}  # facets are not counted past the cap
    for sort in ("newest", "expiring"):
        full = titles({"q": "wheat", "sort": sort}, per_page=100)[0]
        assert titles({"q": "wheat", "sort": sort}, per_page=3)[0] == full[:3]

    # the old three-value form reports the capped total
    assert lead_search.search_leads({"q": "wheat"}, None)[1] == 4


def test_page_and_api_say_more_than(wheat_leads, monkeypatch, client):
    monkeypatch.setattr(lead_search, "TOTAL_CAP", 4)
    body = client.get("/api/v1/leads", {"q": "wheat"}).json()
    assert (body["total"], body["total_is_exact"], len(body["results"])) == (4, False, 4)
    html = client.get(reverse("trade:list"), {"q": "wheat"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More than 4 leads found" in html
    monkeypatch.setattr(lead_search, "TOTAL_CAP", 10)
    body = client.get("/api/v1/leads", {"q": "wheat"}).json()
    assert (body["total"], body["total_is_exact"]) == (6, True)
    html = client.get(reverse("trade:list"), {"q": "wheat"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "6 leads found" in html and "More than" not in html


def test_newest_first_window_gives_the_same_pages(wheat_leads, monkeypatch):
    """The window read through per-lead index probes returns the rows of the full sort."""
    full = titles({"q": "wheat"}, per_page=100)[0]
    monkeypatch.setattr(lead_search, "WINDOW_MIN_MATCHES", 0)
    monkeypatch.setattr(lead_search, "WINDOW_MARGIN", 1)  # a window of the newest leads only
    cache.delete("trade:lead_count")
    for page in (1, 2, 3):
        assert titles({"q": "wheat", "page": page}, per_page=2)[0] == full[(page - 1) * 2 : page * 2]
    assert titles({"q": "wheat lot"}, per_page=3)[0] == [t for t in full if t.startswith("Wheat")][:3]
