"""HS picker: codes and names in three languages lead to the right heading, ranked as documented."""

import pytest
from django.utils import translation

from scotemp.reference.models import HSCode
from scotemp.trade import hs_picker
from scotemp.trade.hs_picker import search_hs


@pytest.fixture(autouse=True)
def fresh_index(db):
    hs_picker.invalidate()
    yield
    hs_picker.invalidate()


@pytest.mark.parametrize(
    "query", ["小麦", "пшеница", "wheat", "1001", "Wheat", "ПШЕНИЦА", "10.01", "пшеницу"]
)
def test_wheat_in_any_language_finds_heading_1001_first(query):
    results = search_hs(query)
    assert results[0]["code"] == "1001"
    assert results[0]["level"] == 4


def test_code_prefix_ranks_exact_then_headings_then_subheadings():
    codes = [r["code"] for r in search_hs("1001", limit=10)]
    assert codes[0] == "1001"
    assert all(code.startswith("1001") for code in codes)
    assert codes[1:] == sorted(codes[1:])
    codes = [r["code"] for r in search_hs("10")]
    assert codes[:3] == ["1001", "1002", "1003"]  # headings before subheadings
    assert search_hs("100199")[0]["code"] == "100199"


def test_name_in_the_active_language_and_path():
    with translation.override("zh-hans"):
        first = search_hs("wheat")[0]
    assert first["name"] == "小麦及混合麦"
    with translation.override("ru"):
        sub = search_hs("100199")[0]
    assert sub["path"][0]["code"] == "10" and sub["path"][1]["code"] == "1001"
    assert sub["path"][1]["name"].startswith("Пшеница")
    assert sub["name"]  # subheadings have English names only: the fallback


def test_word_prefix_and_several_words():
    assert search_hs("motorcyc")[0]["code"] == "8711"
    codes = [r["code"] for r in search_hs("aluminium unwrought")]
    assert codes[0] == "7601"
    assert search_hs("алюмин")[0]["code"] == "7601"
    assert search_hs("茶")[0]["code"] == "0902"


def test_limit_and_nonsense():
    assert len(search_hs("a", limit=3)) <= 3
    assert search_hs("zzqqxx") == []
    assert search_hs("   ") == []


def test_index_follows_reference_changes():
    assert search_hs("пшеница")[0]["code"] == "1001"
    HSCode.objects.filter(code="1001").update(description_ru="Зерно пшеничное особое")
    hs_picker.get_index(force_check=True)
    assert search_hs("особое")[0]["code"] == "1001"


def test_browse_from_chapter_to_subheading_through_the_api(client):
    chapters = client.get("/api/v1/hs", {"under": "chapters"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert len(chapters) == 96 and chapters[0]["code"] == "01" and chapters[0]["level"] == 2
    headings = client.get("/api/v1/hs", {"under": "10"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert [h["code"] for h in headings][:2] == ["1001", "1002"]
    assert headings[0]["name"] == "Пшеница и меслин" and headings[0]["children"] >= 4
    subheadings = client.get("/api/v1/hs", {"under": "1001"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert subheadings and all(len(s["code"]) == 6 and s["children"] == 0 for s in subheadings)
    assert all(s["name"] and s["name_language"] == "ru" for s in subheadings)
    assert client.get("/api/v1/hs", {"under": "9999"}).status_code == 404
    assert client.get("/api/v1/hs", {"under": "100199"}).status_code == 422
    assert client.get("/api/v1/hs", {"under": "1"}).status_code == 422
    assert client.get("/api/v1/hs", {"under": "wheat"}).status_code == 422


def test_platform_translations_are_flagged():
    zh = search_hs("1001", language="zh-hans")[0]
    ru = search_hs("1001", language="ru")[0]
    en = search_hs("1001", language="en")[0]
    assert zh["translated"] is True and zh["name_language"] == "zh-hans"
    assert ru["translated"] is False and en["translated"] is False
