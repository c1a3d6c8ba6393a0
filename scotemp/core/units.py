"""Quantities with their unit as each language writes them: "25 т", "5 000 т", "2 пары" (ru),
"25公吨", "3件" (zh), "25 t", "3 pieces" (en).

Units are UN/ECE Recommendation 20 codes (scotemp/reference/data/units.csv). Where CLDR has the unit,
Babel formats it (Russian and English with the short symbol, Chinese with the name, which is how
Chinese writes quantities); the others (packages, containers, pieces, sets…) have their plural forms
in the catalogues below.
"""

from decimal import Decimal

from babel import numbers as babel_numbers
from babel import units as babel_units
from django.utils import translation
from django.utils.translation import npgettext, pgettext

# Rec 20 code → CLDR unit.
CLDR_UNITS = {
    "KGM": "mass-kilogram",
    "TNE": "mass-tonne",
    "GRM": "mass-gram",
    "MGM": "mass-milligram",
    "CTM": "mass-carat",
    "LBR": "mass-pound",
    "LTR": "volume-liter",
    "MLT": "volume-milliliter",
    "HLT": "volume-hectoliter",
    "MTQ": "volume-cubic-meter",
    "BLL": "volume-barrel",
    "MMT": "length-millimeter",
    "CMT": "length-centimeter",
    "MTR": "length-meter",
    "KMT": "length-kilometer",
    "MTK": "area-square-meter",
    "KWH": "energy-kilowatt-hour",
    "KWT": "power-kilowatt",
    "MAW": "power-megawatt",
    "MIN": "duration-minute",
    "HUR": "duration-hour",
    "DAY": "duration-day",
    "WEE": "duration-week",
    "MON": "duration-month",
    "ANN": "duration-year",
}


def _plural(code: str, n):
    """The quantity ``n`` with a unit CLDR does not have, in the active language (None: unknown)."""
    forms = {
        "KTN": lambda: npgettext("unit", "%(n)s kt", "%(n)s kt", n),
        "MWH": lambda: npgettext("unit", "%(n)s MWh", "%(n)s MWh", n),
        "GWH": lambda: npgettext("unit", "%(n)s GWh", "%(n)s GWh", n),
        "H87": lambda: npgettext("unit", "%(n)s piece", "%(n)s pieces", n),
        "C62": lambda: npgettext("unit", "%(n)s unit", "%(n)s units", n),
        "NAR": lambda: npgettext("unit", "%(n)s article", "%(n)s articles", n),
        "SET": lambda: npgettext("unit", "%(n)s set", "%(n)s sets", n),
        "PR": lambda: npgettext("unit", "%(n)s pair", "%(n)s pairs", n),
        "DZN": lambda: npgettext("unit", "%(n)s dozen", "%(n)s dozen", n),
        "E22": lambda: npgettext("unit", "%(n)s TEU", "%(n)s TEU", n),
        "20": lambda: npgettext("unit", "%(n)s twenty-foot container", "%(n)s twenty-foot containers", n),
        "21": lambda: npgettext("unit", "%(n)s forty-foot container", "%(n)s forty-foot containers", n),
        "XBG": lambda: npgettext("unit", "%(n)s bag", "%(n)s bags", n),
        "XBX": lambda: npgettext("unit", "%(n)s box", "%(n)s boxes", n),
        "XCT": lambda: npgettext("unit", "%(n)s carton", "%(n)s cartons", n),
        "XPK": lambda: npgettext("unit", "%(n)s package", "%(n)s packages", n),
        "XPX": lambda: npgettext("unit", "%(n)s pallet", "%(n)s pallets", n),
        "XRO": lambda: npgettext("unit", "%(n)s roll", "%(n)s rolls", n),
        "XBE": lambda: npgettext("unit", "%(n)s bundle", "%(n)s bundles", n),
    }
    make = forms.get(code)
    return make() if make else None


def _per_unit(code: str):
    """The unit after a price ("235 $ / т") for units CLDR does not have."""
    names = {
        "KTN": lambda: pgettext("unit", "kt"),
        "MWH": lambda: pgettext("unit", "MWh"),
        "GWH": lambda: pgettext("unit", "GWh"),
        "H87": lambda: pgettext("unit", "piece"),
        "C62": lambda: pgettext("unit", "unit"),
        "NAR": lambda: pgettext("unit", "article"),
        "SET": lambda: pgettext("unit", "set"),
        "PR": lambda: pgettext("unit", "pair"),
        "DZN": lambda: pgettext("unit", "dozen"),
        "E22": lambda: pgettext("unit", "TEU"),
        "20": lambda: pgettext("unit", "twenty-foot container"),
        "21": lambda: pgettext("unit", "forty-foot container"),
        "XBG": lambda: pgettext("unit", "bag"),
        "XBX": lambda: pgettext("unit", "box"),
        "XCT": lambda: pgettext("unit", "carton"),
        "XPK": lambda: pgettext("unit", "package"),
        "XPX": lambda: pgettext("unit", "pallet"),
        "XRO": lambda: pgettext("unit", "roll"),
        "XBE": lambda: pgettext("unit", "bundle"),
    }
    make = names.get(code)
    return make() if make else None


def _length(locale: str) -> str:
    return "long" if locale.startswith("zh") else "short"


def plural_count(value: Decimal) -> int:
    """The number that picks a quantity's plural form: the value itself when whole; for a fraction 2,
    whose form is the one fractions take (Russian "2,5 тонны" like "2 тонны", English "2.5 pieces")."""
    return int(value) if value == value.to_integral_value() else 2


def format_quantity(value: Decimal, code: str, number: str, locale: str, fallback_name: str = "") -> str:
    """``number`` (``value`` already written with the locale's separators) with the unit ``code``."""
    cldr = CLDR_UNITS.get(code)
    if cldr:
        try:
            pattern = babel_units.format_unit(value, cldr, length=_length(locale), locale=locale)
            return pattern.replace(babel_numbers.format_decimal(value, locale=locale), number, 1)
        except babel_units.UnknownUnitError:
            pass
    with translation.override(_django_language(locale)):
        text = _plural(code, plural_count(value))
    if text is not None:
        return text % {"n": number}
    return f"{number} {fallback_name or code}".strip()


def unit_label(code: str, locale: str, fallback_name: str = "") -> str:
    """The unit alone, as written after a price: "т" (ru), "公吨" (zh), "t" (en), "штука"."""
    cldr = CLDR_UNITS.get(code)
    if cldr:
        try:
            one = babel_numbers.format_decimal(1, locale=locale)
            pattern = babel_units.format_unit(1, cldr, length=_length(locale), locale=locale)
            return pattern.replace(one, "", 1).strip() or code
        except babel_units.UnknownUnitError:
            pass
    with translation.override(_django_language(locale)):
        text = _per_unit(code)
    return text if text is not None else (fallback_name or code)


def _django_language(locale: str) -> str:
    if locale.startswith("zh"):
        return "zh-hans"
    return locale.split("_")[0]
