"""Coded values as users give them: the UN/LOCODE places (loaded, found by any name or code), the
shared form fields (code or localized name in, model out; unknowns refused naming the field, with
suggestions) and the order of country lists in the reader's language."""

import json
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from scotemp.reference import queries
from scotemp.reference.data_files import unlocode_coordinates
from scotemp.reference.forms import (
    CountriesField,
    CountryField,
    CurrencyField,
    IncotermField,
    PlaceField,
    UnitField,
)
from scotemp.reference.models import Country, Location

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unlocode_places")]


def test_unlocode_coordinates_become_decimal_degrees():
    assert unlocode_coordinates("4339N 05109E") == (Decimal("43.65000"), Decimal("51.15000"))
    assert unlocode_coordinates("0123S 03649W") == (Decimal("-1.38333"), Decimal("-36.81667"))
    assert unlocode_coordinates("2444N 05045") == (None, None)  # malformed in the source
    assert unlocode_coordinates("") == (None, None)


def test_the_unlocode_list_is_loaded_beside_the_curated_places():
    assert Location.objects.count() > 51_000
    aktau_port, aktau_airport = Location.objects.get(locode="KZAAU"), Location.objects.get(locode="KZSCO")
    assert aktau_port.is_sea_or_waterway and aktau_port.name_ru == "Актау"
    assert aktau_airport.functions == ["airport"] and not aktau_airport.is_sea_or_waterway
    kostanay = Location.objects.get(locode="KZKSN")
    assert (kostanay.name_ru, kostanay.name_zh_hans, kostanay.curated) == ("Костанай", "科斯塔奈", True)
    # a place only UN/LOCODE knows: Latin name, coordinates converted, functions mapped
    bautino = Location.objects.get(locode="KZBTN")
    assert (bautino.name_en, bautino.curated, bautino.functions) == ("Bautino", False, ["port"])
    assert (bautino.latitude, bautino.longitude) == (Decimal("44.53333"), Decimal("50.25000"))
    # a name with a comma that the export split over two columns is joined again
    assert Location.objects.get(locode="CNANX").name_en == "Anxi, Quanzhou"


@pytest.mark.parametrize(
    "query, first",
    [
        ("Костанай", "KZKSN"),
        ("костанай", "KZKSN"),
        ("科斯塔奈", "KZKSN"),
        ("Kostanay", "KZKSN"),
        ("kzksn", "KZKSN"),
        ("KZ KSN", "KZKSN"),
        ("Актау", "KZAAU"),
        ("阿克套", "KZAAU"),
        ("Aktau", "KZAAU"),
        ("Kokshetau", "KZKOV"),
        ("Kökshetau", "KZKOV"),  # UN/LOCODE's own spelling of a curated place
    ],
)
def test_places_are_found_by_any_name_or_code(query, first):
    assert queries.search_locations(query).first().locode == first


def test_location_api_searches_pages_and_labels_in_the_readers_language(client):
    def get(language, **params):
        response = client.get("/api/v1/reference/locations", params, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        return json.loads(response.content)

    page = get("ru", q="Актау", function="port")
    assert page["results"][0]["locode"] == "KZAAU"
    assert "KZSCO" not in {p["locode"] for p in page["results"]}  # the airport is no port
    page = get("zh-hans", q="Kostanay", country="KZ")
    assert page["results"][0]["label"] == "科斯塔奈, 哈萨克斯坦 (KZKSN)"
    # a place without a Russian name keeps its UN/LOCODE name, with the country in Russian
    page = get("ru", q="Kostany", country="CZ")
    assert page["results"][0]["label"] == "Kostany, Чехия (CZKOS)"
    page = get("en", q="Kos", limit=5)
    assert page["total"] > 5 and len(page["results"]) == 5 and page["next"]


def _clean(field, value, language="ru"):
    with translation.override(language):
        return field.clean(value)


def _error(field, value, language):
    with translation.override(language):
        with pytest.raises(Exception) as caught:
            field.clean(value)
        return caught.value.code, " ".join(caught.value.messages)


@pytest.mark.parametrize(
    "field, values, code",
    [
        (UnitField(label=gettext_lazy("Unit")), ["TNE", "tne", "тонна", "吨", "tonne", "t"], "TNE"),
        (CurrencyField(label=gettext_lazy("Currency")), ["USD", "usd", "Доллар США", "美元"], "USD"),
        (
            IncotermField(label=gettext_lazy("Incoterm")),
            ["FCA", "fca", "Франко перевозчик", "货交承运人"],
            "FCA",
        ),
        (CountryField(label=gettext_lazy("Country")), ["KZ", "kaz", "Казахстан", "哈萨克斯坦"], "KZ"),
        (
            PlaceField(label=gettext_lazy("Named place")),
            ["KZKSN", "KZ KSN", "Костанай", "科斯塔奈", "Kostanay", "Костанай, Казахстан (KZKSN)"],
            "KZKSN",
        ),
    ],
)
def test_each_coded_field_takes_the_code_or_a_name(field, values, code):
    for value in values:
        assert _clean(field, value).pk == code, value


def test_unknown_values_are_refused_naming_the_field_with_suggestions():
    unit = UnitField(label=gettext_lazy("Unit"))
    code, message = _error(unit, "тон", "ru")
    assert code == "unit_unknown"
    assert (
        message.startswith("Единица измерения:") and "«тон»" in message and "тонна (метрическая)" in message
    )
    code, message = _error(CurrencyField(label=gettext_lazy("Currency")), "доллар", "ru")
    assert code == "currency_unknown" and message.startswith("Валюта:") and "Доллар США (USD)" in message
    code, message = _error(CountryField(label=gettext_lazy("Country")), "哈萨克", "zh-hans")
    assert code == "country_unknown" and message.startswith("国家：") and "哈萨克斯坦" in message
    code, message = _error(IncotermField(label=gettext_lazy("Incoterm")), "DAT", "ru")
    assert code == "incoterm_withdrawn" and "DPU" in message
    place = PlaceField(label=gettext_lazy("Named place"))
    code, message = _error(place, "Коста", "ru")
    assert code == "place_unknown" and "«Коста»" in message and "Костанай, Казахстан (KZKSN)" in message
    code, message = _error(place, "Qwzxy", "zh-hans")
    assert code == "place_unknown" and "Qwzxy" in message and "请输入" in message
    countries = CountriesField(label=gettext_lazy("Acceptable countries"))
    assert _clean(countries, "KZ, Китай, 俄罗斯, kz") == ["KZ", "CN", "RU"]
    code, message = _error(countries, ["CN", "QQ"], "ru")
    assert code == "country_unknown" and "QQ" in message


def test_country_lists_follow_the_readers_alphabet():
    def order(language, codes):
        with translation.override(language):
            listed = [code for code, label in CountryField(label="x").choices_now()[1:]]
        positions = [listed.index(code) for code in codes]
        assert positions == sorted(positions), (language, codes)

    names = {c.iso2: c.name_zh_hans for c in Country.objects.filter(iso2__in=["AF", "PK", "RU", "KZ", "CN"])}
    assert [names[c] for c in ("AF", "PK", "KZ", "CN")] == ["阿富汗", "巴基斯坦", "哈萨克斯坦", "中国"]
    assert names["RU"].startswith("俄罗斯")
    order("zh-hans", ["AF", "PK", "RU", "KZ", "CN"])  # a, ba, e, ha, zhong
    order("ru", ["AZ", "BY", "KZ", "CN", "RU", "UZ"])  # А, Б, Ка, Ки, Р, У
    names = [c.name_en for c in queries.countries_by_name(language="en")]
    assert names.index("Åland Islands") < names.index("Albania")  # Å beside A, not after Z
    assert len(names) == Country.objects.count()


def test_country_api_list_is_sorted_by_name_in_the_request_language(client):
    response = client.get("/api/v1/reference/countries", HTTP_ACCEPT_LANGUAGE="zh-hans")
    names = [c["name"] for c in json.loads(response.content)]
    assert names.index("阿富汗") < names.index("巴基斯坦") < names.index("中国")
