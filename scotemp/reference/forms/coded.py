"""The list fields: unit, currency, Incoterms rule, country and countries, with what they share
(matching a code or a name in any language, suggestions for an unknown value)."""

import difflib
import re
from functools import cache

from babel import Locale
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from scotemp.core.text import normalize, sorted_by_name

from ..models import Country, Currency, Incoterm, RetiredIncoterm, Unit
from ..validators import validate_incoterm

MAX_SUGGESTIONS = 4
MAX_INPUT = 200  # longer input is refused with a message, never cut
LANGUAGE_FIELDS = ("name_en", "name_ru", "name_zh_hans")
# ISO 4217 codes that are not money to price goods in: bond and fund units (BOV, CHE, CHW, CLF,
# COU, MXV, USN, UYI, UYW), units of account (XAD, XBA-XBD, XDR, XSU, XUA), precious metals (XAG,
# XAU, XPD, XPT) and the test and "no currency" codes (XTS, XXX).
NOT_FOR_PRICES = frozenset(
    "BOV CHE CHW CLF COU MXV USN UYI UYW XAD XBA XBB XBC XBD XDR XSU XUA XAG XAU XPD XPT XTS XXX".split()
)
# Currencies of the SCO member states and partners most traded, offered first.
COMMON_CURRENCIES = ("CNY", "RUB", "KZT", "UZS", "KGS", "TJS", "INR", "PKR", "IRR", "BYN", "USD", "EUR")
PLACE_HELP = gettext_lazy("Type a city, port or station in any language, or its UN/LOCODE, and choose it.")
_CODE_IN_LABEL = re.compile(r"\(\s*([A-Za-z0-9]{2,5})\s*\)\s*$")


def _or(items: list[str]) -> str:
    return pgettext("list separator", ", ").join(items)


@cache
def _short_country_names() -> dict[str, set[str]]:
    """CLDR's everyday country names in the three languages (Babel), normalized, by alpha-2 code."""
    names: dict[str, set[str]] = {}
    for locale in ("zh_Hans", "ru", "en"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, set()).add(normalize(name))
    return names


def _with_suggestions(message: str, suggestions: list[str]) -> str:
    if not suggestions:
        return message
    return _("%(message)s Did you mean: %(suggestions)s?") % {
        "message": message,
        "suggestions": _or(suggestions),
    }


class CodedChoiceField(forms.ChoiceField):
    """A choice among reference rows, labelled in the active language, accepting the code or a
    name. Subclasses say which rows (:meth:`rows`), how a row reads (:meth:`label_of`), its code
    and the words it may be typed as (:meth:`keys_of`)."""

    model: type
    unknown_code = "unknown"

    def __init__(self, *, empty_label="—", **kwargs):
        self.empty_label = empty_label
        kwargs.setdefault("choices", self.choices_now)
        super().__init__(**kwargs)

    # --- what subclasses say --------------------------------------------------------------------

    def rows(self):
        return list(self.model.objects.all())

    def code_of(self, row) -> str:
        return row.pk

    def label_of(self, row) -> str:
        return f"{row.name} ({self.code_of(row)})"

    def keys_of(self, row) -> set[str]:
        keys = {self.code_of(row), self.label_of(row)}
        keys.update(getattr(row, name) for name in LANGUAGE_FIELDS if getattr(row, name, ""))
        return {normalize(key) for key in keys if key}

    def unknown_message(self) -> str:
        return _("%(field)s: “%(value)s” is not in the list.")

    def ordered(self, rows):
        return sorted_by_name(rows, name=self.label_of)

    # --- the field ------------------------------------------------------------------------------

    def choices_now(self):
        """The options in the active language (called at every render)."""
        return [
            ("", self.empty_label),
            *[(self.code_of(r), self.label_of(r)) for r in self.ordered(self.rows())],
        ]

    def prepare_value(self, value):
        return self.code_of(value) if isinstance(value, self.model) else value

    def to_python(self, value):
        if isinstance(value, self.model):
            return value
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text:
            return None
        if len(text) > MAX_INPUT:
            raise ValidationError(
                _("%(field)s: at most %(max)d characters (%(length)d given)."),
                code="too_long",
                params={"field": self.label, "max": MAX_INPUT, "length": len(text)},
            )
        found = self.find(text)
        if found is None:
            raise self.unknown(text)
        return found

    def validate(self, value):
        forms.Field.validate(self, value)

    def valid_value(self, value):
        return True

    def find(self, text: str):
        """The row whose code, name (in any language) or label is ``text``; a trailing "(CODE)" of
        a label as shown is read too."""
        rows = self.rows()
        key = normalize(text)
        by_code = {normalize(self.code_of(row)): row for row in rows}
        if key in by_code:
            return by_code[key]
        match = _CODE_IN_LABEL.search(text)
        if match and normalize(match.group(1)) in by_code:
            return by_code[normalize(match.group(1))]
        named = [row for row in rows if key in self.keys_of(row)]
        return named[0] if len(named) == 1 else None

    def suggestions(self, text: str) -> list[str]:
        """Up to four labels close to ``text``: names starting with it or containing it, then names
        that are spelled alike (a typo, a missing letter)."""
        key = normalize(text)
        rows = self.ordered(self.rows())
        keys = {self.code_of(row): self.keys_of(row) for row in rows}
        found = [row for row in rows if any(k.startswith(key) for k in keys[self.code_of(row)])]
        found += [row for row in rows if row not in found and any(key in k for k in keys[self.code_of(row)])]
        if len(found) < MAX_SUGGESTIONS:
            words = {k: row for row in rows for k in keys[self.code_of(row)]}
            for word in difflib.get_close_matches(key, list(words), n=MAX_SUGGESTIONS * 2, cutoff=0.6):
                if words[word] not in found:
                    found.append(words[word])
        return [self.label_of(row) for row in found[:MAX_SUGGESTIONS]]

    def unknown(self, text: str) -> ValidationError:
        message = self.unknown_message() % {"field": self.label, "value": text}
        return ValidationError(_with_suggestions(message, self.suggestions(text)), code=self.unknown_code)


class UnitField(CodedChoiceField):
    """A UN/ECE Recommendation 20 unit: "тонна (метрическая)", "吨", or the code "TNE"."""

    model = Unit
    unknown_code = "unit_unknown"

    def label_of(self, row) -> str:
        return row.name

    def keys_of(self, row) -> set[str]:
        keys = super().keys_of(row)
        if row.symbol:
            keys.add(normalize(row.symbol))
        # "тонна" for "тонна (метрическая)", "tonne" for "tonne (metric ton)"
        keys.update(normalize(getattr(row, n)).split(" (")[0] for n in LANGUAGE_FIELDS if getattr(row, n))
        return keys

    def unknown_message(self) -> str:
        return _("%(field)s: “%(value)s” is not a unit known here; choose one from the list.")


class CurrencyField(CodedChoiceField):
    """An ISO 4217 currency in use: "Доллар США (USD)", "美元 (USD)", or the code "USD". The
    currencies of the SCO region, the US dollar and the euro come first."""

    model = Currency
    unknown_code = "currency_unknown"

    def rows(self):
        # Funds, units of account, precious metals and test codes are ISO 4217 codes but no one
        # prices goods in them; CLDR names most of them in English only.
        return [row for row in super().rows() if row.code not in NOT_FOR_PRICES]

    def choices_now(self):
        rows = self.ordered(self.rows())
        common = sorted(
            (row for row in rows if row.code in COMMON_CURRENCIES),
            key=lambda r: COMMON_CURRENCIES.index(r.code),
        )
        others = [row for row in rows if row.code not in COMMON_CURRENCIES]
        return [
            ("", self.empty_label),
            (_("Most used"), [(row.code, self.label_of(row)) for row in common]),
            (_("All currencies"), [(row.code, self.label_of(row)) for row in others]),
        ]

    def unknown_message(self) -> str:
        return _("%(field)s: “%(value)s” is not a currency in use; choose one from the list.")


class IncotermField(CodedChoiceField):
    """An Incoterms 2020 rule, in the rules' own order: "FCA — Франко перевозчик". A withdrawn
    rule (DAT, DDU …) is refused with the rule to use instead."""

    model = Incoterm
    unknown_code = "incoterm_unknown"

    def label_of(self, row) -> str:
        return f"{row.code} — {row.name}"

    def ordered(self, rows):
        return sorted(rows, key=lambda row: row.position)

    def to_python(self, value):
        text = str(value or "").strip().upper()
        if text and RetiredIncoterm.objects.filter(code=text).exists():
            validate_incoterm(text)  # raises "withdrawn in …; use …"
        return super().to_python(value)

    def unknown_message(self) -> str:
        return _("%(field)s: “%(value)s” is not an Incoterms 2020 rule; choose one from the list.")


class CountryField(CodedChoiceField):
    """An ISO 3166 country, by name in the reader's language (sorted as that language sorts), or
    its alpha-2 or alpha-3 code."""

    model = Country
    unknown_code = "country_unknown"

    def label_of(self, row) -> str:
        return row.name

    def keys_of(self, row) -> set[str]:
        # the UN official names, and the short ones people write ("Россия", "俄罗斯", "Iran")
        return super().keys_of(row) | {normalize(row.iso3)} | _short_country_names().get(row.iso2, set())

    def unknown_message(self) -> str:
        return _("%(field)s: “%(value)s” is not a country known here; choose one from the list.")


class CountriesField(CountryField):
    """Several countries: a multiple select, or (API, simple forms) a list or a comma-separated
    string of codes or names. Cleans to the list of ISO alpha-2 codes, each once."""

    widget = forms.SelectMultiple(attrs={"size": 8})
    hidden_widget = forms.MultipleHiddenInput

    def choices_now(self):
        return super().choices_now()[1:]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return [self.code_of(v) if isinstance(v, Country) else v for v in value]
        return value

    def to_python(self, value):
        if value in (None, "", [], ()):
            return []
        if isinstance(value, str):
            value = value.split(",")
        codes, unknown = [], []
        for item in value:
            text = str(item).strip()
            if not text:
                continue
            try:
                country = super().to_python(text)
            except ValidationError:
                unknown.append(text)
                continue
            codes.append(country.iso2)
        if unknown:
            message = _("%(field)s: not countries known here: %(values)s; choose them from the list.") % {
                "field": self.label,
                "values": _or(unknown),
            }
            raise ValidationError(message, code=self.unknown_code)
        return list(dict.fromkeys(codes))

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
