"""The committee suggested for goods is the one whose sector they are: scopes from data, the most
specific scope winning (a committee listing the heading before one listing the chapter)."""

import json
from collections import Counter

import pytest

from scotemp.committees.loading import DATA_FILE
from scotemp.committees.models import Committee
from scotemp.trade.queries import suggest_committee

pytestmark = pytest.mark.django_db

SUGGESTED = [
    ("100199", "agri-supply-chain"),  # wheat (chapter 10 was claimed by two committees)
    ("1001", "agri-supply-chain"),
    ("100390", "agri-supply-chain"),  # barley
    ("520100", "agri-supply-chain"),  # raw cotton lint: a heading of chapter 52
    ("310520", "agri-supply-chain"),  # NPK fertiliser
    ("081310", "agri-supply-chain"),  # dried apricots
    ("020130", "digital-agri-trade"),  # beef
    ("110100", "digital-agri-trade"),  # wheat flour
    ("760110", "aluminium"),  # unwrought aluminium
    ("260600", "aluminium"),  # bauxite: the heading beats mining's chapter 26
    ("281820", "aluminium"),  # alumina
    ("260300", "mining"),  # copper ore
    ("270112", "mining"),  # coal: the heading beats energy's chapter 27
    ("843041", "mining"),  # boring and sinking machinery
    ("847420", "mining"),  # crushing machinery
    ("270900", "energy"),  # crude oil
    ("850440", "energy"),  # static converters: the heading beats e-commerce's chapter 85
    ("851713", "ecommerce"),  # smartphones
    ("854143", "energy"),  # photovoltaic modules
    ("300490", "healthcare"),  # medicines
    ("901819", "healthcare"),  # electro-diagnostic apparatus
    ("391590", "environment"),  # plastic waste
    ("842121", "environment"),  # water filtering machinery
    ("860900", "logistics"),  # containers
    ("490199", "education"),  # printed books
    ("970110", "culture-tourism"),  # paintings
    ("870421", None),  # trucks: no committee's sector
    ("842952", None),  # excavators
    ("", None),
]


@pytest.mark.parametrize(("code", "slug"), SUGGESTED)
def test_the_committee_suggested_for_a_code_is_the_one_of_its_sector(code, slug):
    committee = suggest_committee(code)
    assert (committee.slug if committee else None) == slug, code


def test_no_two_committees_claim_the_same_chapter_or_heading():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))["committees"]
    for field, length in (("hs_chapters", 2), ("hs_headings", 4)):
        codes = [code for entry in data for code in entry[field]]
        assert all(len(code) == length and code.isdigit() for code in codes), field
        assert [code for code, n in Counter(codes).items() if n > 1] == [], field


def test_loaded_scopes_follow_the_data():
    aluminium = Committee.objects.get(slug="aluminium")
    assert set(aluminium.hs_headings.values_list("code", flat=True)) == {"2606", "2818"}
    assert set(aluminium.hs_chapters.values_list("code", flat=True)) == {"76"}


def test_committee_pages_and_api_show_the_headings(client):
    page = client.get("/committees/aluminium/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    assert "Товарные позиции ТН ВЭД (ГС)" in page.content.decode() and "2606" in page.content.decode()
    listing = client.get("/committees/").content.decode()
    assert "8609" in listing  # the logistics committee's containers
    data = client.get("/api/v1/committees/aluminium").json()
    assert [h["code"] for h in data["hs_headings"]] == ["2606", "2818"]
