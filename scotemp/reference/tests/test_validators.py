import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from scotemp.reference.models import Location
from scotemp.reference.validators import validate_currency, validate_hs_code, validate_incoterm, validate_unit

pytestmark = pytest.mark.django_db


def _error(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return info.value


def test_valid_hs_codes():
    assert validate_hs_code("100199").code == "100199"
    assert validate_hs_code("1001").level == 4
    assert validate_hs_code("1001.99").code == "100199"
    assert validate_hs_code("10", levels=(2, 4, 6)).level == 2


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("999999", "hs_unknown"),
        ("10AB99", "hs_not_digits"),
        ("", "hs_not_digits"),
        ("100", "hs_length"),
        ("10", "hs_length"),
    ],
)
def test_invalid_hs_codes(value, code):
    assert _error(validate_hs_code, value).code == code


def test_hs_error_names_the_rule():
    assert "4 or 6" in _error(validate_hs_code, "100").messages[0]
    assert "999999" in _error(validate_hs_code, "999999").messages[0]


def test_withdrawn_incoterm_names_its_replacement():
    error = _error(validate_incoterm, "DAT")
    assert error.code == "incoterm_withdrawn"
    assert "DAT was withdrawn in Incoterms 2020; use DPU" in error.messages[0]
    assert "use DAP" in _error(validate_incoterm, "ddu").messages[0]
    assert "use DPU" in _error(validate_incoterm, "DEQ").messages[0]


def test_unknown_incoterm():
    assert _error(validate_incoterm, "XYZ").code == "incoterm_unknown"


def test_sea_rule_needs_a_port():
    almaty = Location.objects.get(locode="KZALA")
    error = _error(validate_incoterm, "FOB", place=almaty)
    assert error.code == "incoterm_not_port"
    assert "Almaty" in error.messages[0]
    assert validate_incoterm("FOB", place=Location.objects.get(locode="CNQZH")).code == "FOB"
    # river ports count: FOB Chongqing on the Yangtze is valid
    assert validate_incoterm("FOB", place=Location.objects.get(locode="CNCKG")).code == "FOB"
    assert validate_incoterm("FCA", place=almaty).code == "FCA"


def test_messages_are_translatable():
    with translation.override("ru"):
        error = _error(validate_incoterm, "DAT")
    assert "DPU" in error.messages[0]


def test_currency_and_unit():
    assert validate_currency("cny").code == "CNY"
    assert _error(validate_currency, "XXQ").code == "currency_unknown"
    assert validate_unit("kgm").code == "KGM"
    assert _error(validate_unit, "FOO").code == "unit_unknown"
