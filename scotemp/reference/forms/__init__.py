"""Form fields for coded values, shared by every form that asks for one: a unit, a currency, an
Incoterms rule, a country (or several) and a place.

A user never has to know a code. The short lists (44 units, 11 rules, the currencies, the
countries) are ``<select>`` elements labelled in the reader's language and sorted as a reader of it
expects (:func:`scotemp.core.text.collation_key`); a place is typed with an autocomplete over the
reference API (``static/js/place-picker.js``). Without JavaScript, and for API clients passing JSON
to the same forms, every field accepts the code ("TNE", "usd", "KZKSN") or a name in any of the
three languages ("тонна", "吨", "Доллар США", "Костанай"). An unknown value is refused, never cut
or guessed: the message names the field and suggests the closest entries.

``clean()`` returns the model instance (``Unit``, ``Currency``, ``Incoterm``, ``Country``,
``Location``), or a list of ISO alpha-2 codes for :class:`CountriesField`; ``None`` when empty.
"""

from .coded import (
    COMMON_CURRENCIES,
    NOT_FOR_PRICES,
    PLACE_HELP,
    CodedChoiceField,
    CountriesField,
    CountryField,
    CurrencyField,
    IncotermField,
    UnitField,
)
from .places import PlaceField, PlaceInput

__all__ = [
    "COMMON_CURRENCIES",
    "NOT_FOR_PRICES",
    "PLACE_HELP",
    "CodedChoiceField",
    "CountriesField",
    "CountryField",
    "CurrencyField",
    "IncotermField",
    "PlaceField",
    "PlaceInput",
    "UnitField",
]
