"""BIN (Бизнес-идентификационный номер, Kazakhstan business identification number).

The BIN is the 12-digit number Kazakhstan assigns to every legal entity, branch and representative
office (and to individual entrepreneurs in joint ventures). It shares its check digit with the IIN,
the individual identification number of persons, and the national registers use both in the same
field.

A BIN is laid out as YYMM (year and month of registration), one digit for the kind of entity (4 a
resident legal entity, 5 a non-resident legal entity, 6 a joint entrepreneur), one for its kind of
unit (0 head office, 1 branch, 2 representative office, 3 peasant farm), five serial digits and a
check digit. An IIN starts with the person's date of birth (YYMMDD) and a digit for the century and
sex (1-6).

The check digit is the weighted sum of the first 11 digits with the weights 1 to 11, modulo 11; when
that gives 10 the weights 3 to 11, 1, 2 are used instead; a number for which the second sum also
gives 10 is never issued.

More information:

* https://adilet.zan.kz/rus/docs/Z070000223_ (Law of the Republic of Kazakhstan of 12 January 2007
  No. 223-III "On national registers of identification numbers")
* https://ru.wikipedia.org/wiki/Индивидуальный_идентификационный_номер

>>> validate('940140000385')
'940140000385'
>>> validate('9401 4000 0385')
'940140000385'
>>> validate('940140000386')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: The number's checksum or check digit is invalid.
>>> validate('941340000385')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidComponent: One of the parts of the number are invalid or unknown.
>>> is_bin('940140000385'), is_bin('870512300012')
(True, False)
"""

import datetime

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.util import clean, isdigits

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_ENTITY_KINDS = "456"  # the fifth digit of a BIN


def compact(number: str) -> str:
    """Convert the number to the minimal representation: strip spaces, dashes and dots."""
    return clean(number, " -.").strip()


def calc_check_digit(number: str) -> str:
    """Calculate the check digit of the first 11 digits. Raises InvalidChecksum for the numbers
    whose check digit would be 10 by both sets of weights: they are never issued."""
    digits = [int(d) for d in number[:11]]
    check = sum(w * d for w, d in zip(_WEIGHTS_1, digits, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip(_WEIGHTS_2, digits, strict=True)) % 11
    if check == 10:
        raise InvalidChecksum()
    return str(check)


def is_bin(number: str) -> bool:
    """Whether a valid number is a BIN (a legal entity's number) rather than a person's IIN."""
    return compact(number)[4] in _ENTITY_KINDS


def _check_date(number: str) -> None:
    month = int(number[2:4])
    if is_bin(number):
        if not 1 <= month <= 12:
            raise InvalidComponent()
        return
    century_sex = number[6]
    if century_sex not in "123456":
        raise InvalidComponent()
    century = 1800 + 100 * ((int(century_sex) - 1) // 2)
    try:
        datetime.date(century + int(number[0:2]), month, int(number[4:6]))
    except ValueError:
        raise InvalidComponent() from None


def validate(number: str) -> str:
    """Check if the number is a valid BIN or IIN. Returns the compact form or raises a
    ValidationError."""
    number = compact(number)
    if not isdigits(number):
        raise InvalidFormat()
    if len(number) != 12:
        raise InvalidLength()
    _check_date(number)
    if calc_check_digit(number) != number[-1]:
        raise InvalidChecksum()
    return number


def is_valid(number: str) -> bool:
    """Check if the number is a valid BIN or IIN."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    """Reformat the number to the standard presentation format: 12 digits without separators."""
    return compact(number)
