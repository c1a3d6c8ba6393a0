"""Quantities with their unit read as each language writes them, with plural forms: "25 т", "2 пары",
"5 штук" (ru), "25公吨", "3件" (zh), "3 pieces" (en); never "25 тонна (метрическая)" or "t" on a
Russian or Chinese page. Every unit of the reference data (UN/ECE Rec 20) is covered."""

import csv
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from scotemp.core.formatting import format_quantity, unit_label
from scotemp.core.units import CLDR_UNITS, _plural

NBSP = "\xa0"


def _units():
    path = settings.BASE_DIR / "scotemp" / "reference" / "data" / "units.csv"
    with open(path, encoding="utf-8") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def q(value, code, language):
    with translation.override(language):
        return format_quantity(Decimal(value), code).replace(NBSP, " ").replace("\u202f", " ")


def test_tonnes():
    assert q("25", "TNE", "ru") == "25 т"
    assert q("5000", "TNE", "ru") == "5 000 т"
    assert q("2.5", "TNE", "ru") == "2,5 т"
    assert q("25", "TNE", "zh-hans") == "25公吨"
    assert q("25", "TNE", "en") == "25 t"
    with translation.override("ru"):
        assert unit_label("TNE") == "т"


def test_plural_forms_of_units_cldr_does_not_have():
    assert [q(n, "H87", "ru") for n in ("1", "2", "5", "21", "2.5")] == [
        "1 штука",
        "2 штуки",
        "5 штук",
        "21 штука",
        "2,5 штуки",
    ]
    assert q("12", "PR", "ru") == "12 пар"
    assert q("3", "H87", "zh-hans") == "3件"
    assert [q(n, "H87", "en") for n in ("1", "3")] == ["1 piece", "3 pieces"]


@pytest.mark.parametrize("code", _units())
def test_every_unit_reads_in_russian_and_chinese(code):
    assert code in CLDR_UNITS or _plural(code, 2) is not None, f"{code}: neither CLDR nor plural forms"
    for language in ("ru", "zh-hans"):
        text = q("2", code, language)
        assert not re.search(r"[a-z]", text), f"{code} in {language}: {text!r}"
        with translation.override(language):
            label = unit_label(code)
        assert label and not re.search(r"[a-z]", label), f"{code} in {language}: {label!r}"
