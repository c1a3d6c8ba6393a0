"""Money, numbers and dates as each locale writes them, via Babel (CLDR data).

Django language codes map to Babel locales: ``zh-hans`` → ``zh_Hans_CN``, ``ru`` → ``ru_RU``,
``en`` → ``en``. Without an explicit ``locale`` the active Django language is used. Money is
shown with the currency's ISO 4217 minor units (JPY 0 decimals, KWD 3).

A page of 20 leads writes a hundred amounts and quantities, and Babel parses its locale and pattern
on every call (~0.1 ms each): the pure formatting functions remember their recent results, keyed by
the value as written (``str``: ``Decimal("1.5")`` and ``Decimal("1.50")`` are equal but may be written
differently), the code and the locale. The catalogues they depend on change only with a release.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import translation

from scotemp.core import units

BABEL_LOCALES = {"zh-hans": "zh_Hans_CN", "zh": "zh_Hans_CN", "ru": "ru_RU", "en": "en"}
DEFAULT_LOCALE = "en"


def babel_locale(language: str | None = None) -> str:
    """The Babel locale for a Django language code (the active language by default)."""
    language = (language or translation.get_language() or DEFAULT_LOCALE).lower()
    if language in BABEL_LOCALES:
        return BABEL_LOCALES[language]
    base = language.split("-")[0]
    if base in BABEL_LOCALES:
        return BABEL_LOCALES[base]
    try:
        return str(Locale.parse(language, sep="-"))
    except (UnknownLocaleError, ValueError):
        return DEFAULT_LOCALE


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_money(amount, currency_code: str, locale: str | None = None) -> str:
    """``1234567.5, "USD"`` → "$1,234,567.50" (en), "1 234 567,50 $" (ru), "US$1,234,567.50" (zh)."""
    value = _decimal(amount)
    if value is None:
        return ""
    return _money(str(value), currency_code.upper(), babel_locale(locale))


@lru_cache(maxsize=8192)
def _money(value: str, currency: str, locale: str) -> str:
    # Commercial rounding (half up) to the currency's minor units; Babel would round half to even.
    digits = babel_numbers.get_currency_precision(currency)
    amount = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return babel_numbers.format_currency(amount, currency, locale=locale, currency_digits=True)


def format_decimal(number, locale: str | None = None, decimal_places: int | None = None) -> str:
    """A number with the locale's grouping and decimal signs; optionally a fixed number of decimals."""
    value = _decimal(number)
    if value is None:
        return ""
    return _number(str(value), babel_locale(locale), decimal_places)


@lru_cache(maxsize=8192)
def _number(value: str, locale: str, decimal_places: int | None) -> str:
    if decimal_places is not None:
        fmt = f"#,##0.{'0' * decimal_places}" if decimal_places else "#,##0"
        return babel_numbers.format_decimal(Decimal(value), format=fmt, locale=locale)
    return babel_numbers.format_decimal(Decimal(value), locale=locale)


def format_quantity(quantity, unit_code: str, locale: str | None = None, fallback_name: str = "") -> str:
    """A quantity with its UN/ECE Rec 20 unit: "5 000 т", "2 пары" (ru), "5,000公吨" (zh), "5,000 t" (en)."""
    value = _decimal(quantity)
    if value is None:
        return ""
    return _quantity(str(value), unit_code, babel_locale(locale), fallback_name)


@lru_cache(maxsize=8192)
def _quantity(value: str, unit_code: str, locale: str, fallback_name: str) -> str:
    number = _number(value, locale, None)
    if not unit_code:
        return number
    return units.format_quantity(Decimal(value), unit_code, number, locale, fallback_name)


def unit_label(unit_code: str, locale: str | None = None, fallback_name: str = "") -> str:
    """A unit alone, as after a price ("235 $ / т"): "т" (ru), "公吨" (zh), "t" (en)."""
    if not unit_code:
        return ""
    return _unit_label(unit_code, babel_locale(locale), fallback_name)


@lru_cache(maxsize=1024)
def _unit_label(unit_code: str, locale: str, fallback_name: str) -> str:
    return units.unit_label(unit_code, locale, fallback_name)


def format_date(value, format: str = "medium", locale: str | None = None) -> str:
    """A date (or the date of a datetime) in the locale's ``short``/``medium``/``long``/``full`` form."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _date(value, format, babel_locale(locale))


@lru_cache(maxsize=4096)
def _date(value: datetime.date, format: str, locale: str) -> str:
    return babel_dates.format_date(value, format=format, locale=locale)


def currency_name(code: str, locale: str | None = None) -> str:
    """The currency's name in the locale ("人民币", "российский рубль", "US Dollar")."""
    return babel_numbers.get_currency_name(code.upper(), locale=babel_locale(locale))


def currency_symbol(code: str, locale: str | None = None) -> str:
    return babel_numbers.get_currency_symbol(code.upper(), locale=babel_locale(locale))
