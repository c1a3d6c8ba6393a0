"""Kazakhstan's BIN/IIN check digit, with public BINs of well-known companies as valid vectors."""

import doctest

import pytest
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from scotemp.directory.stdnum_kz import bin as kz_bin

# Published on the companies' own sites and in the state register (stat.gov.kz).
PUBLIC_BINS = [
    "940140000385",  # Halyk Bank of Kazakhstan JSC
    "971240001315",  # Kaspi Bank JSC
    "020240000555",  # National Company KazMunayGas JSC
    "990140000483",  # Kazakhtelecom JSC
    "000740000728",  # Air Astana JSC
]


@pytest.mark.parametrize("number", PUBLIC_BINS)
def test_public_bins_are_valid_and_every_other_last_digit_is_not(number):
    assert kz_bin.validate(number) == number
    assert kz_bin.is_bin(number)
    for digit in "0123456789":
        if digit != number[-1]:
            assert not kz_bin.is_valid(number[:-1] + digit)


@pytest.mark.parametrize(
    "number, error",
    [
        ("94014000038", InvalidLength),
        ("9401400003855", InvalidLength),
        ("94014000038A", InvalidFormat),
        ("941340000385", InvalidComponent),  # month 13
        ("940140000386", InvalidChecksum),
        ("870231300012", InvalidComponent),  # an IIN born on 31 February
    ],
)
def test_invalid_numbers_say_why(number, error):
    with pytest.raises(error):
        kz_bin.validate(number)


def test_second_weights_are_used_when_the_first_sum_gives_ten():
    # 12345678901: the weights 1..11 give 10, the weights 3..11,1,2 give 3.
    assert kz_bin.calc_check_digit("12345678901") == "3"


def test_iin_of_a_person_shares_the_layout():
    iin = "870512300" + "01"
    iin += kz_bin.calc_check_digit(iin)
    assert kz_bin.is_valid(iin) and not kz_bin.is_bin(iin)


def test_separators_are_accepted_and_removed():
    assert kz_bin.validate("9401-4000-0385") == "940140000385"
    assert kz_bin.format(" 9401 4000 0385 ") == "940140000385"


def test_module_examples():
    failures, _ = doctest.testmod(kz_bin)
    assert failures == 0
