"""Directory search: tokenizer, text matching in three scripts, registration identifiers, facets,
sorting, pagination and the reindexing command.

Run this module on SQLite and on PostgreSQL (``DATABASE_URL=postgres://…``): the expectations are
fixed sets built from ``search_data``, so both databases passing proves they return the same rows.
"""

import importlib
import io

import pytest
from django.core.management import call_command

from scotemp.accounts.models import Organization
from scotemp.directory.models import OrganizationProfile, SearchToken
from scotemp.directory.queries import SearchParams, facets, parse_text, search, widening_counts
from scotemp.directory.search import index_tokens, normalize, reindex_all, reindex_organizations

from .search_data import build_directory


@pytest.fixture
def directory(db):
    return build_directory()


def keys(directory, params: SearchParams) -> set[str]:
    page = search(params.__class__(**{**params.__dict__, "per_page": 100}))
    by_pk = {org.pk: key for key, org in directory.items()}
    found = {by_pk.get(org.pk, org.name) for org in page.organizations}
    assert page.total == len(found)
    return found


# --- tokenizer -----------------------------------------------------------------------------------


def test_tokens_cjk_bigrams_words_and_case_folding():
    tokens = index_tokens("重庆铝业 ОАО «Алюминий Ёлки» Chongqing-Aluminium Co.")
    assert {"重庆", "庆铝", "铝业", "业"} <= tokens  # bigrams plus the run's last character
    assert {"оао", "алюминий", "елки", "chongqing", "aluminium", "co"} <= tokens
    assert "重庆铝业" not in tokens and "Алюминий" not in tokens


def test_single_cjk_character_and_normalization():
    assert index_tokens("铝") == {"铝"}
    assert normalize("ＡＢＣ Ёж") == "abc еж"  # NFKC folds full-width Latin; ё reads as е


def test_query_parsing():
    tq = parse_text("铝业有限 Алюм")
    assert tq.exact == ("铝业", "业有", "有限") and tq.confirm == ("铝业有限",)
    assert tq.prefixes == ("алюм",)
    assert parse_text("9150 0000-MA5U7K2Q1X").identifier == "91500000MA5U7K2Q1X"
    assert not parse_text("ALUMINIUM").identifier  # capitals alone are a word, not an identifier


# --- the same results on every database -----------------------------------------------------------

TEXT_CASES = [
    ("铝业", {"cq_al", "xa_al"}),  # 2-character Chinese query inside 重庆铝业有限公司
    ("铝", {"cq_al", "xa_al"}),
    ("铝业有限", {"cq_al"}),  # xa_al has every bigram, but not the substring
    ("重庆", {"cq_al"}),
    ("алюминий", {"ru_al"}),  # "Алюминий" in the name, any letter case
    ("АЛЮМИНИЙ", {"ru_al"}),
    ("алюм", {"ru_al"}),  # prefix of a word
    ("березка", {"kz_grain"}),  # ё in the name
    ("aluminium", {"cq_al", "xa_al", "ru_al", "tr_metal"}),
    ("ALUMINIUM siberian", {"ru_al"}),  # every word must match
    ("Алматы", {"kz_grain"}),  # city name in Russian
    ("almaty", {"kz_grain"}),
    ("xi'an", {"xa_al"}),
    ("cotton", {"in_tex"}),
    ("91500000MA5U7K2Q1X", {"cq_al"}),  # registration identifier, exact
    ("9150 0000 MA5U 7K2Q 1X", {"cq_al"}),
    ("7707083893", {"ru_al"}),
    ("77070838", set()),  # identifiers match exactly, not by prefix
    ("no-such-company", set()),
    ("", {"cq_al", "xa_al", "ru_al", "kz_grain", "in_tex", "tr_metal"}),
]


@pytest.mark.parametrize(("query", "expected"), TEXT_CASES)
def test_text_search_same_results_on_sqlite_and_postgresql(directory, query, expected):
    assert keys(directory, SearchParams(q=query)) == expected


FACET_CASES = [
    ({"country": "RU"}, {"ru_al"}),
    ({"sco": "member"}, {"cq_al", "xa_al", "ru_al", "kz_grain", "in_tex"}),
    ({"sco": "partner"}, {"tr_metal"}),
    ({"committee": "test-aluminium"}, {"cq_al"}),  # ru_al's application is still pending
    ({"hs": "76"}, {"cq_al", "xa_al", "ru_al", "tr_metal"}),
    ({"hs": "7601", "hs_direction": "import"}, {"xa_al", "tr_metal"}),
    ({"hs": "7604"}, {"cq_al"}),
    ({"activity": "importer"}, {"tr_metal"}),
    ({"activity": "exporter", "country": "KZ"}, {"kz_grain"}),
    ({"verified": True}, {"cq_al", "kz_grain", "in_tex"}),
    ({"q": "aluminium", "verified": True}, {"cq_al"}),
    ({"q": "铝业", "hs": "7601", "hs_direction": "export"}, {"cq_al"}),
]


@pytest.mark.parametrize(("filters", "expected"), FACET_CASES)
def test_facet_filters(directory, filters, expected):
    assert keys(directory, SearchParams(**filters)) == expected


def test_facet_counts_describe_the_current_result_set(directory):
    counts = facets(SearchParams(q="aluminium"))
    assert {(f.value, f.count) for f in counts.country} == {("CN", 2), ("RU", 1), ("TR", 1)}
    assert {(f.value, f.count) for f in counts.sco} == {("member", 3), ("partner", 1)}
    activities = {(f.value, f.count) for f in counts.activity}
    assert activities == {("manufacturer", 3), ("exporter", 2), ("importer", 1)}
    assert {(f.value, f.count) for f in counts.committee} == {("test-aluminium", 1)}
    assert {(f.value, f.count) for f in counts.hs} == {("76", 4)}
    assert counts.verified == 1
    headings = facets(SearchParams(q="aluminium", hs="76")).hs
    assert {(f.value, f.count) for f in headings} == {("7601", 4), ("7604", 1)}


def test_country_facet_is_in_the_readers_alphabet(directory):
    from django.utils import translation

    with translation.override("zh-hans"):  # 俄罗斯 e, 土耳其 tu, 中国 zhong
        assert [f.value for f in facets(SearchParams(q="aluminium")).country] == ["RU", "TR", "CN"]
    with translation.override("ru"):  # Китай, Российская Федерация, Турция
        assert [f.value for f in facets(SearchParams(q="aluminium")).country] == ["CN", "RU", "TR"]


def test_widening_counts_for_an_empty_result(directory):
    params = SearchParams(q="aluminium", country="KZ", verified=True)
    assert search(params).total == 0
    assert widening_counts(params) == {"q": 1, "country": 1, "verified": 0}


# --- sorting and pagination ------------------------------------------------------------------------


def test_sorting(directory):
    def order(sort):
        return [o.pk for o in search(SearchParams(sort=sort)).organizations]

    all_orgs = list(directory.values())
    assert order("name") == [o.pk for o in sorted(all_orgs, key=lambda o: o.name)]
    assert order("newest") == [o.pk for o in reversed(all_orgs)]  # created one day apart, in order
    verified_first = [directory[k].pk for k in ("cq_al", "kz_grain", "in_tex")]
    assert order("verified")[:3] == verified_first
    # without text, "best match" lists verified organizations first
    assert set(order("relevance")[:3]) == set(verified_first)


def test_relevance_puts_name_matches_first(directory):
    house = Organization.objects.create(name="Aluminium Trading House", country_id="KZ", type="trader")
    reindex_organizations([house.pk])
    found = search(SearchParams(q="aluminium")).organizations
    assert found[0] == house
    assert len(found) == 5
    trade = Organization.objects.create(name="Алюминий Трейд", country_id="RU", type="trader")
    reindex_organizations([trade.pk])
    found = search(SearchParams(q="алюминий")).organizations
    assert found == [trade, directory["ru_al"]]  # a name beginning with the word, in any case, first


def test_pagination(db):
    orgs = Organization.objects.bulk_create(
        [Organization(name=f"Paging Test {i:02d}", country_id="UZ", type="trader") for i in range(45)]
    )
    reindex_organizations(o.pk for o in Organization.objects.filter(name__startswith="Paging"))
    first = search(SearchParams(q="paging", sort="name"))
    assert (first.total, first.pages, len(first.organizations)) == (45, 3, 20)
    assert first.organizations[0].name == "Paging Test 00"
    third = search(SearchParams(q="paging", sort="name", page=3))
    assert [o.name for o in third.organizations] == [f"Paging Test {i}" for i in range(40, 45)]
    assert search(SearchParams(q="paging", sort="name", page=99)).page == 3  # clamped to the last page
    assert len(orgs) == 45
    many = search(SearchParams(q="paging", page=6, per_page=2))
    assert many.page_numbers() == [1, None, 4, 5, 6, 7, 8, None, 23]


def test_default_order_pages_verified_first_then_by_name(directory):
    Organization.objects.create(name="AAA No Profile Yet", country_id="KZ", type="trader")  # no profile row
    expected = sorted(
        Organization.objects.select_related("profile"),
        key=lambda o: (not (hasattr(o, "profile") and o.profile.is_verified), o.name, o.pk),
    )
    assert any(hasattr(o, "profile") and o.profile.is_verified for o in expected)
    pages = search(SearchParams(per_page=3)).pages
    found = [o for n in range(1, pages + 1) for o in search(SearchParams(per_page=3, page=n)).organizations]
    assert [o.pk for o in found] == [o.pk for o in expected]


def test_total_is_capped(db, monkeypatch, client):
    queries_search = importlib.import_module(
        "scotemp.directory.queries.search"
    )  # the module, not the function

    Organization.objects.bulk_create(
        [Organization(name=f"Capped Test {i:02d}", country_id="UZ", type="trader") for i in range(12)]
    )
    reindex_organizations(o.pk for o in Organization.objects.filter(name__startswith="Capped"))
    monkeypatch.setattr(queries_search, "TOTAL_CAP", 12)
    exact = search(SearchParams(q="capped", per_page=5))
    assert (exact.total, exact.total_capped, exact.pages) == (12, False, 3)
    monkeypatch.setattr(queries_search, "TOTAL_CAP", 10)
    capped = search(SearchParams(q="capped", per_page=5, page=9, sort="name"))
    assert (capped.total, capped.total_capped, capped.pages, capped.page) == (10, True, 2, 2)
    assert [o.name for o in capped.organizations] == [f"Capped Test {i:02d}" for i in range(5, 10)]
    body = client.get("/api/v1/organizations", {"q": "capped", "limit": 5}).json()
    assert (body["total"], body["total_is_exact"], len(body["results"])) == (10, False, 5)
    last = client.get(body["next"]).json()
    assert (last["page"], last["next"], len(last["results"])) == (2, None, 5)
    page = client.get("/directory/", {"q": "capped"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "More than 10 organizations" in page.content.decode()


# --- the index stays in step -------------------------------------------------------------------------


def test_reindex_is_idempotent_and_follows_edits(directory):
    org = directory["ru_al"]
    before = SearchToken.objects.count()
    reindex_organizations([org.pk, org.pk])
    assert SearchToken.objects.count() == before
    Organization.objects.filter(pk=org.pk).update(name="АО «Уральская Медь»")
    reindex_organizations([org.pk])
    assert keys(directory, SearchParams(q="медь")) == {"ru_al"}
    assert keys(directory, SearchParams(q="сибирский")) == set()
    assert "уральская медь" in OrganizationProfile.objects.get(organization=org).search_text


def test_reindex_creates_missing_profiles(db):
    org = Organization.objects.create(name="Samarqand Cotton MChJ", country_id="UZ", type="trader")
    assert not OrganizationProfile.objects.filter(organization=org).exists()
    reindex_organizations([org.pk])
    assert OrganizationProfile.objects.filter(organization=org).exists()
    assert search(SearchParams(q="samarqand")).organizations == [org]


def test_reindex_directory_command(directory):
    SearchToken.objects.all().delete()
    out = io.StringIO()
    call_command("reindex_directory", stdout=out)
    assert "indexed 6/6 organizations" in out.getvalue()
    assert keys(directory, SearchParams(q="铝业")) == {"cq_al", "xa_al"}
    assert reindex_all() == 6
