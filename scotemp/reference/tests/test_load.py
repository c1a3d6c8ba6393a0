import io

import pytest
from django.core.management import call_command

from scotemp.reference.actions import load_reference
from scotemp.reference.data_files import hs_code_rows, sentence_case_ru
from scotemp.reference.models import (
    Country,
    Currency,
    HSCode,
    HSSection,
    Incoterm,
    Location,
    RetiredIncoterm,
    SCOStatusPeriod,
    Unit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlocode_places")]


def test_counts_after_load():
    assert HSSection.objects.count() == 21
    # HS 2022 has chapters 01-97 with 77 reserved: 96. UN Comtrade's chapter 99 is not loaded.
    assert HSCode.objects.filter(level=2).count() == 96
    assert not HSCode.objects.filter(code__in=["77", "99", "9999", "999999"]).exists()
    assert HSCode.objects.filter(level=4).count() == 1228
    assert HSCode.objects.filter(level=6).count() == 5612
    assert Incoterm.objects.count() == 11
    assert RetiredIncoterm.objects.count() == 5
    assert Location.objects.count() >= 80
    assert Unit.objects.filter(code__in=["KGM", "TNE", "H87", "E22"]).count() == 4
    assert Country.objects.count() >= 240
    assert Currency.objects.filter(code="CNY", minor_units=2).exists()


def test_every_code_has_a_parent_of_the_level_above_and_the_same_section():
    bad = [
        hs.code
        for hs in HSCode.objects.filter(level__gt=2).select_related("parent")
        if hs.parent is None or hs.parent.level != hs.level - 2 or hs.parent.section_id != hs.section_id
    ]
    assert bad == []


def test_translations_present_for_sections_and_chapters():
    assert not HSSection.objects.filter(name_zh_hans="").exists()
    assert not HSSection.objects.filter(name_ru="").exists()
    assert not HSCode.objects.filter(level=2, description_zh_hans="").exists()
    assert not HSCode.objects.filter(level=2, description_ru="").exists()
    assert HSCode.objects.filter(level=4).exclude(description_zh_hans="").count() >= 150
    wheat = HSCode.objects.get(code="1001")
    assert wheat.description_zh_hans == "小麦及混合麦"
    assert wheat.description_ru == "Пшеница и меслин"
    assert HSSection.objects.get(number=1).name_en == "Live animals; animal products"


def test_second_run_changes_nothing():
    out = io.StringIO()
    results = load_reference(stdout=out, verbosity=1)
    assert sum(r.added for r in results) == 0
    assert sum(r.changed for r in results) == 0
    text = out.getvalue()
    assert "HS subheadings 5612/5612: 0 added, 0 changed" in text
    assert "0 added, 0 changed." in text


def test_a_changed_row_is_restored_and_reported():
    HSCode.objects.filter(code="1001").update(description_ru="испорчено")
    Location.objects.filter(locode="CNQZH").update(functions=["city"])
    results = {r.label: r for r in load_reference(stdout=io.StringIO(), verbosity=1)}
    assert results["HS headings"].changed == 1
    assert results["Locations"].changed == 1
    assert HSCode.objects.get(code="1001").description_ru == "Пшеница и меслин"
    assert "port" in Location.objects.get(locode="CNQZH").functions


def test_verbosity_zero_is_silent():
    out = io.StringIO()
    call_command("load_reference", verbosity=0, stdout=out)
    assert out.getvalue() == ""


def test_status_periods_end_when_the_next_starts():
    india = list(SCOStatusPeriod.objects.filter(country_id="IN").order_by("start"))
    assert [p.status for p in india] == ["observer", "member"]
    assert india[0].end == india[1].start
    assert india[1].end is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "ЖИВЫЕ ЖИВОТНЫЕ; ПРОДУКТЫ ЖИВОТНОГО ПРОИСХОЖДЕНИЯ",
            "Живые животные; продукты животного происхождения",
        ),
        ("КУРЫ ДОМАШНИЕ (GALLUS DOMESTICUS), УТКИ", "Куры домашние (Gallus domesticus), утки"),
        ("ЦИКОРИЙ (CICHORIUM SPP.), СВЕЖИЕ", "Цикорий (Cichorium spp.), свежие"),
        ("ПЕНЬКА (CANNABIS SATIVA L.), СЫРЕЦ", "Пенька (Cannabis sativa L.), сырец"),
        ("ПЛИТЫ (OSB)  И АНАЛОГИЧНЫЕ", "Плиты (OSB) и аналогичные"),
    ],
)
def test_sentence_case_ru(source, expected):
    assert sentence_case_ru(source) == expected


def test_data_rows_skip_comtrade_totals():
    codes = {row["code"] for row in hs_code_rows()}
    assert "TOTAL" not in codes and "99" not in codes and "100199" in codes
