"""Words people use for goods find the right heading among the first five results of the HS picker:
everyday names, inflected and plural forms, British and American spellings, two-character Chinese
words, and words about quantity or trade around them. Run on SQLite and PostgreSQL."""

import pytest

from scotemp.trade.hs_picker import search_hs

WORDS = [
    # Russian: inflected forms, plurals, everyday names, quantities around the goods
    ("пшеница", "1001"),
    ("пшеницы", "1001"),
    ("пшеницу", "1001"),
    ("тонны алюминия", "7601"),
    ("алюминий", "7601"),
    ("хлопок", "5201"),
    ("хлопка", "5201"),
    ("помидоры", "0702"),
    ("томаты", "0702"),
    ("картофеля", "0701"),
    ("смартфон", "8517"),
    ("мобильные телефоны", "8517"),
    ("шины", "4011"),
    ("подсолнечное масло", "1512"),
    ("ячменя", "1003"),
    ("кукурузу", "1005"),
    ("грузовики", "8704"),
    ("мед", "0409"),
    ("цемент оптом", "2523"),
    ("огурец", "0707"),
    # English: plurals, British and American spellings, everyday names
    ("wheat", "1001"),
    ("tomatoes", "0702"),
    ("tomato", "0702"),
    ("aluminium", "7601"),
    ("aluminum", "7601"),
    ("aluminum profiles", "7604"),
    ("tyres", "4011"),
    ("tires", "4011"),
    ("colour television", "8528"),
    ("color television", "8528"),
    ("coloring matter synthetic", "3204"),
    ("fiber optic cables", "8544"),
    ("sulfur", "2503"),
    ("fertilizers nitrogenous", "3102"),
    ("phone", "8517"),
    ("smartphones", "8517"),
    ("laptop", "8471"),
    ("cotton", "5201"),
    ("potatoes", "0701"),
    ("500 tons of barley", "1003"),
    ("crude oil", "2709"),
    ("cars", "8703"),
    # Chinese: two-character words, with trade words around them
    ("小麦", "1001"),
    ("铝材", "7604"),
    ("棉花", "5201"),
    ("轮胎", "4011"),
    ("手机", "8517"),
    ("大米", "1006"),
    ("番茄", "0702"),
    ("求购大豆", "1201"),
    ("原油", "2709"),
    ("汽车", "8703"),
    ("100吨铝锭", "7601"),
    ("小麦粉", "1101"),
    ("茶叶", "0902"),
    ("核桃仁", "0802"),
    ("钢材", "7208"),
    ("куриные окорочка", "0207"),
]


pytestmark = pytest.mark.django_db  # the index is built once and rebuilt only when the table changes


@pytest.mark.parametrize(("query", "heading"), WORDS)
def test_word_finds_its_heading_in_the_top_five(query, heading):
    top = [r["code"] for r in search_hs(query, limit=5)]
    assert heading in [code[:4] for code in top], (query, top)


def test_the_table_covers_three_languages():
    cyrillic = [q for q, _h in WORDS if any("а" <= ch <= "я" for ch in q)]
    chinese = [q for q, _h in WORDS if any("\u4e00" <= ch <= "\u9fff" for ch in q)]
    assert len(WORDS) >= 40 and len(cyrillic) >= 12 and len(chinese) >= 8
