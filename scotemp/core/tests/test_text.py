"""The shared tokenizer: the same pieces build the index and the query."""

from scotemp.core.text import (
    QueryTerms,
    cjk_bigrams,
    index_tokens,
    normalize,
    query_terms,
    runs,
    script_of,
    stem,
    words,
)


def test_normalize_folds_case_width_and_yo():
    assert normalize("ЁЛКА Straße ＷＨＥＡＴ") == "елка strasse wheat"


def test_runs_split_scripts_and_punctuation():
    assert list(runs(normalize("小麦粉,Wheat-3级"))) == [
        (True, "小麦粉"),
        (False, "wheat"),
        (False, "3"),
        (True, "级"),
    ]


def test_cjk_bigrams():
    assert cjk_bigrams("小麦粉") == ["小麦", "麦粉"]
    assert cjk_bigrams("铝") == ["铝"]


def test_words_skip_cjk():
    assert words("优质 Пшеница 3 класса") == ["пшеница", "3", "класса"]


def test_script_of():
    assert script_of("пшеница") == "cyrillic"
    assert script_of("wheat") == "latin"
    assert script_of("3") == "other"
    assert script_of("ქართული") == "other"


def test_stem_russian_cases_share_a_stem():
    assert stem("пшеница") == stem("пшеницы") == stem("пшеницу") == stem("пшеницей")


def test_stem_english_plural():
    assert stem("wheats") == stem("wheat")
    assert stem("motorcycles") == stem("motorcycle")


def test_stem_leaves_other_scripts_and_codes():
    assert stem("a380") == "a380"
    assert stem("1001") == "1001"
    assert stem("ქართული") == "ქართული"


def test_index_tokens_mix():
    tokens = index_tokens("Пшеница 3 класса, 小麦粉 wheat")
    assert stem("пшеница") in tokens
    assert {"小麦", "麦粉", "粉", "wheat", "3"} <= tokens


def test_query_terms_match_index_tokens():
    stored = index_tokens("Продаём пшеницу мягких сортов; 优质小麦")
    for q in ("пшеницы", "Пшеница", "小麦", "优质小麦"):
        terms = query_terms(q)
        assert terms.exact and set(terms.exact) <= stored, q


def test_query_terms_single_cjk_is_a_prefix():
    assert query_terms("铝") == QueryTerms(exact=(), prefixes=("铝",))


def test_query_terms_limit_and_dedupe():
    terms = query_terms("wheat wheat wheats " + " ".join(f"w{i}x" for i in range(20)), max_terms=5)
    assert terms.exact[0] == "wheat"
    assert len(terms.exact) == 5
    assert query_terms("  ,, ").empty
