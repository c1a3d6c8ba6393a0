"""Every HS heading and subheading has a Chinese and a Russian name, each with its source; the
operator's corrections survive ``load_reference``."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from scotemp.reference import data_files
from scotemp.reference.actions import load_reference
from scotemp.reference.choices import NameSource
from scotemp.reference.data_files import sentence_case_ru_composed
from scotemp.reference.models import HSCode, HSSection
from tests.factories import UserFactory


def test_every_heading_and_subheading_of_hs2022_has_a_chinese_and_a_russian_name():
    """Checks the committed data files: official names, hs-zh.csv and hs-names-platform.csv."""
    codes = {
        row["hscode"].strip()
        for row in data_files.read_csv("hs2022-en.csv")
        if row["level"].strip() in ("4", "6") and row["section"].strip() in data_files.ROMAN
    }
    rows = {row["code"]: row for row in data_files.hs_code_rows() if row["level"] in (4, 6)}
    assert set(rows) == codes
    no_zh = sorted(code for code, row in rows.items() if not row["description_zh_hans"])
    no_ru = sorted(code for code, row in rows.items() if not row["description_ru"])
    assert (len(no_zh), no_zh[:20]) == (0, [])
    assert (len(no_ru), no_ru[:20]) == (0, [])


def test_every_name_has_its_source():
    rows = data_files.hs_code_rows() + data_files.hs_section_rows()
    for row in rows:
        for language in ("zh_hans", "ru"):
            name = row.get(f"description_{language}", row.get(f"name_{language}"))
            assert bool(name) == bool(row[f"{language}_source"]), (row, language)
    assert not [r for r in rows if r["zh_hans_source"] not in ("", NameSource.PLATFORM)]


@pytest.mark.django_db
def test_after_load_every_heading_and_subheading_has_both_names_and_their_sources():
    codes = HSCode.objects.filter(level__in=(4, 6))
    assert codes.count() == 1228 + 5612
    for language in ("zh_hans", "ru"):
        missing = codes.filter(**{f"description_{language}": ""}).values_list("code", flat=True)
        assert list(missing[:20]) == [], language
        assert not codes.filter(**{f"{language}_source": ""}).exists()


@pytest.mark.django_db
def test_sources_after_load():
    wheat = HSCode.objects.get(code="1001")
    assert (wheat.description_ru, wheat.ru_source) == ("Пшеница и меслин", NameSource.OFFICIAL)
    assert (wheat.description_zh_hans, wheat.zh_hans_source) == ("小麦及混合麦", NameSource.PLATFORM)
    assert wheat.is_platform_translation("zh-hans") and not wheat.is_platform_translation("ru")
    horses = HSCode.objects.get(code="010121")
    assert horses.description_ru == (
        "Лошади, ослы, мулы и лошаки живые: лошади: чистопородные племенные животные"
    )
    assert horses.ru_source == NameSource.OFFICIAL
    assert HSSection.objects.get(number=1).ru_source == NameSource.OFFICIAL
    # A platform Russian name replaces an official one that says only "прочие".
    platform_ru = {code: n["ru"] for code, n in data_files.platform_names().items() if n["ru"]}
    if platform_ru:
        code, name = next(iter(sorted(platform_ru.items())))
        row = HSCode.objects.get(code=code)
        assert (row.description_ru, row.ru_source) == (name, NameSource.PLATFORM)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "ЛОШАДИ, ОСЛЫ, МУЛЫ И ЛОШАКИ ЖИВЫЕ: лошади: прочие",
            "Лошади, ослы, мулы и лошаки живые: лошади: прочие",
        ),
        (
            "УДОБРЕНИЯ, СОДЕРЖАЩИЕ ДВА ЭЛЕМЕНТА: АЗОТ И КАЛИЙ; В ТАБЛЕТКАХ: прочие",
            "Удобрения, содержащие два элемента: азот и калий; в таблетках: прочие",
        ),
        (
            "ИНСЕКТИЦИДЫ (НАПРИМЕР, ЛЕНТЫ): ДДТ (ISO) (клофенотан (INN))",
            "Инсектициды (например, ленты): ДДТ (ISO) (клофенотан (INN))",
        ),
        ("Мед натуральный", "Мед натуральный"),
        (
            "ИНСТРУМЕНТЫ РУЧНЫЕ: ЛОПАТЫ ШТЫКОВЫЕ, ВИЛЫ И ГРАБЛИ (НАПРИМЕР, LED)",
            "Инструменты ручные: лопаты штыковые, вилы и грабли (например, LED)",
        ),
        ("ПШЕНИЦА И МЕСЛИН", "Пшеница и меслин"),
    ],
)
def test_composed_subheading_names_in_sentence_case(source, expected):
    assert sentence_case_ru_composed(source) == expected


@pytest.mark.django_db
def test_operator_correction_is_marked_and_kept_by_the_next_load(client):
    admin = UserFactory(is_staff=True, is_superuser=True, is_operator=True, language="ru")
    client.force_login(admin)
    url = reverse("admin:reference_hscode_change", args=["100199"])
    page = client.get(url)
    assert page.status_code == 200
    hs = HSCode.objects.get(code="100199")
    assert hs.ru_source in (NameSource.OFFICIAL, NameSource.PLATFORM)
    with translation.override("ru"):
        assert str(hs.get_ru_source_display()) in page.content.decode()
    response = client.post(
        url,
        {
            "description_zh_hans": hs.description_zh_hans or "其他小麦及混合麦",
            "description_ru": "Пшеница прочая и меслин (кроме твёрдой и семенной)",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    hs.refresh_from_db()
    assert hs.ru_source == NameSource.OPERATOR
    assert hs.description_ru == "Пшеница прочая и меслин (кроме твёрдой и семенной)"
    untouched_zh_source = hs.zh_hans_source

    load_reference(stdout=io.StringIO(), verbosity=0)
    hs.refresh_from_db()
    assert hs.description_ru == "Пшеница прочая и меслин (кроме твёрдой и семенной)"
    assert hs.ru_source == NameSource.OPERATOR
    assert hs.zh_hans_source == untouched_zh_source
    changelist = client.get(reverse("admin:reference_hscode_changelist") + "?ru_source=operator")
    assert "100199" in changelist.content.decode()

    response = client.post(
        reverse("admin:reference_hscode_changelist"),
        {"action": "restore_names", "_selected_action": ["100199"]},
    )
    assert response.status_code == 302
    hs.refresh_from_db()
    assert hs.ru_source != NameSource.OPERATOR
    assert hs.description_ru != "Пшеница прочая и меслин (кроме твёрдой и семенной)"


def test_search_terms_name_existing_codes_in_three_languages():
    codes = {row["code"] for row in data_files.hs_code_rows()}
    rows = data_files.hs_search_term_rows()
    assert len(rows) >= 100
    assert [r for r in rows if r["code"] not in codes or r["language"] not in ("en", "ru", "zh_hans")] == []
    assert {r["language"] for r in rows} == {"en", "ru", "zh_hans"}
    assert len({(r["term"], r["code"]) for r in rows}) == len(rows)


@pytest.mark.django_db
def test_pages_mark_a_platform_translation_discreetly(client):
    page = client.get("/reference/hs/1001/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    if page.status_code == 302:  # language prefix or trailing slash: follow it
        page = client.get(page["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "小麦及混合麦" in page.content.decode() and "平台译文" in page.content.decode()
    page = client.get(page.request["PATH_INFO"], HTTP_ACCEPT_LANGUAGE="ru")
    assert "Пшеница и меслин" in page.content.decode() and "Перевод платформы" not in page.content.decode()
