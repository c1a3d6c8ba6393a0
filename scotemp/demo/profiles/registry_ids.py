"""Registration identifiers of the demo organizations, valid by construction: computed with
python-stdnum's own check-digit functions and checked with
:func:`scotemp.directory.registry.clean_registry_id`, so they pass the same validation as user input.
The numbers are fictitious; any match with a real company is accidental."""

import random

from stdnum import luhn
from stdnum.by import unp
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn, ogrn

from scotemp.directory.registry import clean_registry_id
from scotemp.directory.stdnum_kz import bin as kz_bin


def _digits(rng, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def make_registry_id(country: str, rng: random.Random) -> tuple[str, str]:
    """A (type, identifier) pair that passes the platform's validation for ``country``."""
    if country == "CN":
        body = "91" + rng.choice(["500000", "500112", "510100", "610100", "650100"])
        body += "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
        return "cn_uscc", body + uscc.calc_check_digit(body)
    if country == "RU":
        if rng.random() < 0.7:
            body = rng.choice(["54", "77", "78", "66"]) + _digits(rng, 7)
            return "ru_inn", body + inn.calc_company_check_digit(body)
        body = "1" + _digits(rng, 11)
        return "ru_ogrn", body + ogrn.calc_check_digit(body + "0")
    if country == "KZ":
        while True:  # registered in 20YY, month 04-07, a resident legal entity's head office
            body = _digits(rng, 2) + rng.choice(["04", "05", "06", "07"]) + "40" + _digits(rng, 5)
            try:
                return "kz_bin", body + kz_bin.calc_check_digit(body)
            except StdnumError:  # bodies whose check value would be 10 are never issued
                continue
    if country == "BY":
        while True:
            body = rng.choice("1234567") + _digits(rng, 7)
            try:
                return "by_unp", body + unp.calc_check_digit(body + "0")
            except StdnumError:  # stdnum refuses bodies whose check value would be 10
                continue
    if country == "IN":
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        pan = "".join(rng.choice(letters) for _ in range(3)) + "C" + rng.choice(letters)
        pan += str(rng.randrange(1, 10)) + _digits(rng, 3) + rng.choice(letters)
        body = rng.choice(["27", "29", "07", "33", "24"]) + pan + "1Z"
        return "in_gstin", body + luhn.calc_check_digit(body, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    prefix = {
        "UZ": "",
        "PK": "NTN ",
        "IR": "",
        "TR": "VKN ",
        "AZ": "VÖEN ",
        "MN": "",
        "AE": "TRN ",
        "SA": "CR ",
    }
    length = {"UZ": 9, "IR": 11, "AE": 15}.get(country, 10)
    return "other", prefix.get(country, "") + str(rng.randrange(1, 10)) + _digits(rng, length - 1)


def unique_registry_id(org, rng, taken: set) -> tuple[str, str]:
    while True:
        kind, raw = make_registry_id(org.country_id, rng)
        clean = clean_registry_id(org.country_id, kind, raw)  # raises if this module ever drifts
        if (org.country_id, clean) not in taken:
            taken.add((org.country_id, clean))
            return kind, clean
