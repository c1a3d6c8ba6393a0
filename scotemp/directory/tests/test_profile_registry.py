"""Registration identifiers: one valid and one invalid example per type, the type must fit the country."""

import pytest
from django.core.exceptions import ValidationError

from scotemp.directory.registry import clean_registry_id

VALID = [
    ("CN", "cn_uscc", "9111 0000 6000 37341l", "91110000600037341L"),
    ("RU", "ru_inn", "7707083893", "7707083893"),
    ("RU", "ru_ogrn", "1027700132195", "1027700132195"),
    ("KZ", "kz_bin", "940140-000385", "940140000385"),  # Halyk Bank, a public BIN
    ("KZ", "kz_bin", "1801 4001 2349", "180140012349"),
    ("BY", "by_unp", "100000007", "100000007"),
    ("IN", "in_gstin", "27aapfu0939f1zv", "27AAPFU0939F1ZV"),
    ("TR", "other", " 0123-456.789 ", "0123-456.789"),
    ("UZ", "other", "ab 12  34", "AB 12 34"),
]
INVALID = [
    ("CN", "cn_uscc", "91110000600037341X", "unified social credit code has 18 characters"),
    ("CN", "cn_uscc", "12345", "18 characters"),
    ("RU", "ru_inn", "7707083894", "INN has 10 digits"),
    ("RU", "ru_ogrn", "1027700132196", "OGRN has 13 digits"),
    ("KZ", "kz_bin", "12345678901", "BIN) has 12 digits"),
    ("KZ", "kz_bin", "12345678901A", "12 digits"),
    ("KZ", "kz_bin", "940140000386", "the last one a check digit"),  # check digit off by one
    ("KZ", "kz_bin", "941340000385", "12 digits"),  # month 13
    ("BY", "by_unp", "100000008", "UNP has 9 characters"),
    ("IN", "in_gstin", "27AAPFU0939F1ZX", "GSTIN has 15 characters"),
    ("TR", "other", "ab", "3 to 40"),
    ("TR", "other", "ab/cd", "3 to 40"),
    ("TR", "other", "x" * 41, "3 to 40"),
]


@pytest.mark.parametrize(("country", "kind", "raw", "expected"), VALID)
def test_valid_identifiers_are_normalized(db, country, kind, raw, expected):
    assert clean_registry_id(country, kind, raw) == expected


@pytest.mark.parametrize(("country", "kind", "raw", "fragment"), INVALID)
def test_invalid_identifiers_name_the_expected_format(db, country, kind, raw, fragment):
    with pytest.raises(ValidationError) as exc:
        clean_registry_id(country, kind, raw)
    messages = exc.value.message_dict["registry_id"]
    assert fragment in messages[0]
    assert exc.value.error_dict["registry_id"][0].code == "registry_id_invalid"


@pytest.mark.parametrize(
    ("country", "kind"),
    [
        ("KZ", "cn_uscc"),
        ("CN", "ru_inn"),
        ("RU", "kz_bin"),
        ("CN", "other"),
        ("TR", "in_gstin"),
        ("UZ", "by_unp"),
    ],
)
def test_type_must_fit_the_country(db, country, kind):
    with pytest.raises(ValidationError) as exc:
        clean_registry_id(country, kind, "91110000600037341L")
    assert "registry_type" in exc.value.message_dict
    assert exc.value.error_dict["registry_type"][0].code == "registry_type_country"


def test_empty_is_allowed_but_not_half(db):
    assert clean_registry_id("CN", "", "") == ""
    with pytest.raises(ValidationError) as exc:
        clean_registry_id("CN", "", "91110000600037341L")
    assert "registry_type" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        clean_registry_id("CN", "cn_uscc", "  ")
    assert "registry_id" in exc.value.message_dict


def test_kazakhstan_has_no_stdnum_module():
    # If a newer python-stdnum adds stdnum.kz, registry.py should use it instead of the 12-digit check.
    with pytest.raises(ImportError):
        __import__("stdnum.kz")
