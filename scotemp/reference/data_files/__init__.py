"""Readers for the files in ``scotemp/reference/data`` (see data/PROVENANCE.md).

Each ``*_rows()`` function returns plain dicts keyed by model attribute names (``country_id``,
``name_ru`` …), cleaned of the sources' pitfalls: the byte-order marks, UN Comtrade's ``TOTAL``
aggregate rows and its chapter 99 "not specified" codes (not part of the HS), Roman section
numbers in one file and ``01``–``21`` in the other, and Russian names in upper case.
"""

from .common import (
    DATA_DIR,
    ROMAN,
    ROMAN_BY_NUMBER,
    capitalize_first,
    read_csv,
    sentence_case_ru,
    sentence_case_ru_composed,
)
from .countries import country_rows, currency_rows, incoterm_rows, sco_status_rows, unit_rows
from .hs import PLATFORM_NAMES, hs_code_rows, hs_search_term_rows, hs_section_rows, platform_names
from .places import UNLOCODE_FILE, location_rows, location_search_text, unlocode_coordinates

__all__ = [
    "DATA_DIR",
    "PLATFORM_NAMES",
    "ROMAN",
    "ROMAN_BY_NUMBER",
    "UNLOCODE_FILE",
    "capitalize_first",
    "country_rows",
    "currency_rows",
    "hs_code_rows",
    "hs_search_term_rows",
    "hs_section_rows",
    "incoterm_rows",
    "location_rows",
    "location_search_text",
    "platform_names",
    "read_csv",
    "sco_status_rows",
    "sentence_case_ru",
    "sentence_case_ru_composed",
    "unit_rows",
    "unlocode_coordinates",
]
