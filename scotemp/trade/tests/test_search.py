"""Lead search: text in three languages (own text and HS names), facets, sorting, pagination.

These tests run unchanged on SQLite and PostgreSQL: the same rows must come back on both."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scotemp.core.text import index_tokens
from scotemp.trade.models import LeadSearchToken
from scotemp.trade.search import hs_match, parse_params, reindex_leads, search_leads

from .search_fixtures import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def leads(kz_org, cn_org):
    now = timezone.now()
    return {
        "wheat_ru": make_lead(
            kz_org,
            "Пшеница 3 класса",
            language="ru",
            description="Продовольственная пшеница урожая 2025 года, клейковина 23%",
            published_at=now - datetime.timedelta(days=3),
            price=Decimal("245"),
            currency_id="USD",
        ),
        "wheat_zh": make_lead(
            cn_org,
            "采购优质小麦",
            language="zh-hans",
            kind="buy",
            origin=None,
            place="CNCKG",
            incoterm="DAP",
            published_at=now - datetime.timedelta(days=1),
            countries=["KZ", "RU"],
        ),
        "alu_en": make_lead(
            kz_org,
            "Primary aluminium ingots A7",
            hs="760110",
            description="Aluminium ingots 99.7%, wheats not included",
            published_at=now - datetime.timedelta(days=2),
            price=Decimal("2300"),
            currency_id="USD",
            valid_until=timezone.localdate() + datetime.timedelta(days=5),
        ),
        "cotton": make_lead(
            cn_org,
            "Cotton yarn",
            hs="5205",
            kind="buy",
            origin=None,
            place="CNCKG",
            published_at=now - datetime.timedelta(days=10),
            countries=["UZ"],
            price=Decimal("1800"),
            currency_id="CNY",
        ),
    }


def found(params, **kw):
    rows, total, _facets = search_leads(params, None, **kw)
    assert total == len(rows) or total > len(rows)
    return {lead.title for lead in rows}, total


def test_russian_word_in_another_case_finds_own_text(leads):
    titles, _ = found({"q": "пшеницы"})
    # the Russian lead by its own text; the Chinese wheat lead through its HS names
    assert titles == {"Пшеница 3 класса", "采购优质小麦"}


def test_english_word_finds_russian_and_chinese_leads_through_hs_names(leads):
    titles, _ = found({"q": "Wheat"})
    # "wheats" in the aluminium lead's description stems to "wheat" too
    assert titles == {"Пшеница 3 класса", "采购优质小麦", "Primary aluminium ingots A7"}


def test_two_character_chinese_query(leads):
    titles, _ = found({"q": "小麦"})
    assert titles == {"Пшеница 3 класса", "采购优质小麦"}


def test_single_chinese_character_is_a_prefix(leads):
    titles, _ = found({"q": "铝"})
    assert titles == {"Primary aluminium ingots A7"}


def test_all_terms_must_match(leads):
    assert found({"q": "пшеница клейковина"})[0] == {"Пшеница 3 класса"}
    assert found({"q": "wheat cotton"})[1] == 0


def test_relevance_puts_own_text_first(leads):
    rows, _, _ = search_leads({"q": "小麦", "sort": "relevance"}, None)
    assert rows[0].title == "采购优质小麦"
    rows, _, _ = search_leads({"q": "пшеница"}, None)
    assert rows[0].title == "Пшеница 3 класса"


def test_only_open_leads_are_found(leads):
    lead = leads["wheat_ru"]
    lead.status = "paused"
    lead.save()
    reindex_leads([lead.pk])
    assert not LeadSearchToken.objects.filter(lead=lead).exists()
    assert "Пшеница 3 класса" not in found({"q": "пшеница"})[0]
    expired = leads["wheat_zh"]
    expired.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    expired.save()
    assert found({"q": "пшеница"})[1] == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "buy"}, {"采购优质小麦", "Cotton yarn"}),
        ({"kind": "sell"}, {"Пшеница 3 класса", "Primary aluminium ingots A7"}),
        ({"hs": "10"}, {"Пшеница 3 класса", "采购优质小麦"}),
        ({"hs": "7601"}, {"Primary aluminium ingots A7"}),
        ({"hs": "760110"}, {"Primary aluminium ingots A7"}),
        ({"origin": "kz"}, {"Пшеница 3 класса", "Primary aluminium ingots A7"}),
        # destination: leads naming RU, and leads accepting any country
        ({"destination": "RU"}, {"Пшеница 3 класса", "采购优质小麦", "Primary aluminium ingots A7"}),
        ({"destination": "UZ"}, {"Пшеница 3 класса", "Primary aluminium ingots A7", "Cotton yarn"}),
        ({"incoterm": "DAP"}, {"采购优质小麦"}),
        ({"currency": "USD", "price_min": "200", "price_max": "1000"}, {"Пшеница 3 класса"}),
        ({"currency": "USD", "price_min": "2000"}, {"Primary aluminium ingots A7"}),
        ({"currency": "CNY"}, {"Cotton yarn"}),
    ],
)
def test_facets(leads, params, expected):
    assert found(params)[0] == expected


def test_committee_and_verified_facets(leads, kz_org):
    from scotemp.committees.models import Committee
    from scotemp.directory.models import OrganizationProfile

    committee = Committee.objects.create(slug="test-alu", name="Aluminium test")
    lead = leads["alu_en"]
    lead.committee = committee
    lead.save()
    assert found({"committee": "test-alu"})[0] == {"Primary aluminium ingots A7"}
    assert found({"verified": "1"})[1] == 0
    OrganizationProfile.objects.create(organization=kz_org, verification_status="verified")
    assert found({"verified": "1"})[0] == {"Пшеница 3 класса", "Primary aluminium ingots A7"}


def test_price_range_needs_currency(leads):
    with pytest.raises(ValidationError) as info:
        search_leads({"price_min": "100"}, None)
    assert "currency" in info.value.message_dict
    params = parse_params({"price_min": "abc", "currency": "USD", "hs": "12345", "kind": "x"})
    assert set(params.errors) == {"price_min", "hs", "kind"}


def test_sorting(leads):
    rows, _, _ = search_leads({"sort": "newest"}, None)
    assert [r.title for r in rows] == [
        "采购优质小麦",
        "Primary aluminium ingots A7",
        "Пшеница 3 класса",
        "Cotton yarn",
    ]
    rows, _, _ = search_leads({"sort": "expiring"}, None)
    assert rows[0].title == "Primary aluminium ingots A7"


def test_relevance_pages_cross_from_own_text_to_hs_names(kz_org):
    base = timezone.now()
    for i in range(3):
        make_lead(kz_org, f"Wheat lot {i}", published_at=base - datetime.timedelta(hours=i))
        make_lead(
            kz_org, f"Пшеница партия {i}", language="ru", published_at=base - datetime.timedelta(minutes=i)
        )
    titles = []
    for page in (1, 2, 3, 4):
        rows, total, _ = search_leads({"q": "wheat", "page": page}, None, per_page=2)
        titles += [r.title for r in rows]
    assert total == 6
    assert titles == [f"Wheat lot {i}" for i in range(3)] + [f"Пшеница партия {i}" for i in range(3)]


def test_pagination_and_total(kz_org):
    base = timezone.now()
    for i in range(25):
        make_lead(kz_org, f"Wheat lot {i}", published_at=base - datetime.timedelta(minutes=i))
    rows, total, _ = search_leads({"q": "wheat", "sort": "newest"}, None)
    assert total == 25 and len(rows) == 20 and rows[0].title == "Wheat lot 0"
    rows, total, _ = search_leads({"q": "wheat", "sort": "newest", "page": "2"}, None)
    assert total == 25 and [r.title for r in rows] == [f"Wheat lot {i}" for i in range(20, 25)]
    assert search_leads({"q": "wheat", "page": "9"}, None)[0] == []


def test_facet_counts(leads):
    _, total, facets = search_leads({}, None)
    assert total == 4
    assert dict(facets["kind"]) == {"sell": 2, "buy": 2}
    assert dict(facets["origin"]) == {"KZ": 2}
    assert dict(facets["hs_chapter"]) == {"10": 2, "76": 1, "52": 1}


def test_facet_counts_are_shared_for_a_minute(leads, kz_org, settings):
    """Facets are the same for every viewer: with the page cache on they are counted once per
    search and day, then read from the shared cache (a new lead shows up in them when the entry
    ends); the total and the page are still read every time."""
    from django.core.cache import cache

    cache.clear()
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 60
    first = search_leads({"kind": "sell"}, None)[2]
    make_lead(kz_org, "Hard wheat", hs="100119", origin="RU")
    rows, total, cached = search_leads({"kind": "sell", "sort": "newest", "page": "1"}, None)
    assert total == 3 and rows[0].title == "Hard wheat"
    assert cached == first and "RU" not in dict(cached["origin"])
    # Another filter set is counted afresh; with the setting at 0 every search counts.
    assert dict(search_leads({"kind": "sell", "hs": "10"}, None)[2]["origin"]) == {"KZ": 1, "RU": 1}
    settings.SCOTEMP_PAGE_CACHE_SECONDS = 0
    assert dict(search_leads({"kind": "sell"}, None)[2]["origin"])["RU"] == 1


def test_query_count_is_bounded(leads, django_assert_max_num_queries):
    hs_match("wheat")  # warm the in-process HS vocabulary
    # count: own text, one capped lookup per HS column (chapters, headings, codes) and their union;
    # page ids and rows; facets
    with django_assert_max_num_queries(17):
        rows, _, _ = search_leads({"q": "wheat"}, None)
        [(r.organization.name, r.hs_code_id, r.incoterm_id, r.origin_country) for r in rows]


def test_hs_vocabulary_compresses_to_headings():
    match = hs_match("wheat")
    assert "1001" in match.headings


def test_hs_vocabulary_follows_renamed_hs_names_without_a_restart(monkeypatch):
    """Reference data reloaded through another node reaches this process's vocabulary: the HS table's
    fingerprint is read again once ``CHECK_SECONDS`` have passed."""
    from scotemp.reference.models import HSCode
    from scotemp.trade.search import vocabulary

    term = next(iter(index_tokens("quinoaflakes")))  # as the search engine turns a query into terms
    assert hs_match(term).empty
    HSCode.objects.filter(code="100199").update(description_en="Other wheat and quinoaflakes")
    assert hs_match(term).empty  # within the check interval: the process's vocabulary
    monkeypatch.setattr(vocabulary, "CHECK_SECONDS", 0.0)
    assert hs_match(term).codes == ("100199",)
    vocabulary.forget()  # the next test's HS table is the reference one again


def test_time_window_pages_equal_full_sort(kz_org, monkeypatch):
    """The newest-first window is an optimization only: every page equals the fully sorted one."""
    from scotemp.trade.search import engine as search

    base = timezone.now()
    for i in range(30):
        make_lead(kz_org, f"Wheat lot {i}", published_at=base - datetime.timedelta(hours=(i * 7) % 30))
    expected = []
    for page in (1, 2):
        expected += [r.pk for r in search_leads({"q": "wheat", "sort": "newest", "page": page}, None)[0]]
    monkeypatch.setattr(search, "WINDOW_MIN_MATCHES", 0)
    monkeypatch.setattr(search, "WINDOW_MARGIN", 1)  # windows too small at first: the fallback runs too
    got = []
    for page in (1, 2):
        got += [r.pk for r in search_leads({"q": "wheat", "sort": "newest", "page": page}, None)[0]]
    assert got == expected and len(got) == 30
