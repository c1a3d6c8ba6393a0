"""The demo leads' attributes are written in the language of the lead that shows them."""

import pytest

from scotemp.demo.leads.attributes import written_in
from scotemp.demo.leads.products import PRODUCTS
from tests.english import english_words

PLANNED = [
    (name, value) for p in PRODUCTS for name, values in p.get("attributes", {}).items() for value in values
]


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_no_english_word_in_a_russian_or_chinese_lead(language):
    assert len(PLANNED) > 40
    english = {}
    for name, value in PLANNED:
        ((shown_name, shown_value),) = written_in(language, {name: value}).items()
        words = english_words(f"{shown_name} {shown_value}")
        if words:
            english[(name, value)] = words
    assert not english, english


def test_russian_writes_the_decimal_comma_and_english_stays_as_planned():
    russian = written_in("ru", {"protein": "12.5%", "purity": "99.85%"})
    assert russian == {"белок": "12,5%", "чистота": "99,85%"}
    assert written_in("zh-hans", {"protein": "12.5%"}) == {"蛋白质": "12.5%"}
    assert written_in("en", {"protein": "12.5%"}) == {"protein": "12.5%"}
