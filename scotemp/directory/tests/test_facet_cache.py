"""The directory's facet counts are shared through the cache and bounded like the total."""

from importlib import import_module

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scotemp.directory.queries import SearchParams, facets, search, widening_counts

from .search_data import build_directory

facets_module = import_module("scotemp.directory.queries.facets")

LIST = "/directory/"


@pytest.fixture
def directory(db):
    return build_directory()


def group_by_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if "GROUP BY" in q["sql"]]


def test_a_second_visit_counts_no_facet_and_other_pages_and_sorts_share_them(client, directory):
    with CaptureQueriesContext(connection) as first:
        first_page = client.get(LIST, {"q": "aluminium"})
    assert group_by_queries(first), "the first visit counts the facets"

    with CaptureQueriesContext(connection) as again:
        other_sort = client.get(LIST, {"q": "aluminium", "sort": "name"})
    assert group_by_queries(again) == []
    counted = lambda page: [  # noqa: E731
        (group["name"], [(v["value"], v["count"]) for v in group["values"]])
        for group in page.context["facet_groups"]
    ]
    assert counted(other_sort) == counted(first_page)
    assert ("country", [("CN", 2), ("RU", 1), ("TR", 1)]) in counted(first_page)

    # Other filters, or the same in another language (translated labels), are counted apart.
    with CaptureQueriesContext(connection) as narrower:
        client.get(LIST, {"q": "aluminium", "country": "CN"})
    assert group_by_queries(narrower)
    with CaptureQueriesContext(connection) as russian:
        client.get(LIST, {"q": "aluminium"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert group_by_queries(russian)


def test_facets_count_no_more_matches_than_the_total_does(directory, monkeypatch):
    everyone = facets_module.count_facets(SearchParams())
    assert sum(f.count for f in everyone.country) > 3

    monkeypatch.setattr(facets_module, "TOTAL_CAP", 2)
    capped = facets_module.count_facets(SearchParams())
    assert sum(f.count for f in capped.country) == 3  # the cap + 1, as the total's count
    assert max(widening_counts(SearchParams(q="zzzznothing", country="CN")).values()) <= 2


def test_cached_facets_equal_the_counted_ones(directory):
    params = SearchParams(q="aluminium", hs="76")
    assert search(params).total
    assert facets(params) == facets_module.count_facets(params) == facets(params)
