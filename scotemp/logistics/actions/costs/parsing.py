"""Reading schedule rows as published: rates such as ``5%``, ``1% / 40%`` (in-quota / out-of-quota),
``0 yuan/kg`` (specific), ``2% (temporary 0%)`` (a provisional rate), ``10% + 0.5 EUR/kg`` (compound,
the sum) or ``10%, min 0.5 EUR/kg`` (compound, the greater); dates such as ``2025``,
``from 2018-09-01`` or ``2024-01-01 to 2026-12-31``; confidences such as ``verified (rate schedule)``.
A blank rate stays blank (kind "unknown"), never 0."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ...choices.costs import CompoundRule, DutyKind, Quota, RateConfidence

MAX_PCT = Decimal(1000)

CURRENCY_WORDS = {
    "yuan": "CNY",
    "rmb": "CNY",
    "元": "CNY",
    "euro": "EUR",
    "€": "EUR",
    "$": "USD",
    "руб": "RUB",
}
UNIT_WORDS = {
    "kg": "KGM", "t": "TNE", "tonne": "TNE", "ton": "TNE", "pc": "H87", "pcs": "H87", "piece": "H87",
    "l": "LTR", "litre": "LTR", "liter": "LTR", "m3": "MTQ", "pair": "PR", "g": "GRM",
}  # fmt: skip

_NUM = r"(\d+(?:[.,]\d+)?)"
_PCT = re.compile(rf"^{_NUM}\s*%$")
_SPECIFIC = re.compile(rf"^{_NUM}\s*([^\s\d/]+)\s*/\s*([^\s/]+)$")
_PROVISIONAL = re.compile(rf"^(.+?)\s*\(\s*(?:temporary|provisional)\s+{_NUM}\s*%\s*\)$", re.I)
_SUM = re.compile(r"^(.+?%)\s*\+\s*(.+)$")
_GREATER = re.compile(r"^(.+?%)\s*(?:,\s*min(?:imum)?\.?|or|but not less than)\s+(.+)$", re.I)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_YEAR = re.compile(r"\b(\d{4})\b")


class ScheduleError(Exception):
    """Errors of a schedule file: ``errors`` is a list of (line, field, message)."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        self.errors = errors
        super().__init__("; ".join(self.lines()))

    def lines(self) -> list[str]:
        return [
            _("line %(line)d, %(field)s: %(message)s") % {"line": n, "field": f, "message": m}
            for n, f, m in self.errors
        ]


class RateError(ValueError):
    pass


@dataclass
class ParsedRate:
    kind: str = DutyKind.UNKNOWN
    ad_valorem_pct: Decimal | None = None
    provisional_pct: Decimal | None = None
    specific_amount: Decimal | None = None
    specific_currency: str = ""
    specific_unit: str = ""
    compound_rule: str = ""
    quota: str = Quota.NONE
    text: str = ""
    extra: dict = field(default_factory=dict)


def number(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise RateError(_("“%(text)s” is not a number.") % {"text": text}) from None
    if not value.is_finite() or value < 0:
        raise RateError(_("“%(text)s” is not a positive number.") % {"text": text})
    return value


def _pct(text: str) -> Decimal:
    match = _PCT.match(text.strip())
    if not match:
        raise RateError(_("“%(text)s” is not a percentage such as 5%%.") % {"text": text})
    value = number(match.group(1))
    if value > MAX_PCT:
        raise RateError(_("%(value)s%% is not a plausible rate.") % {"value": value})
    return value


def _specific(text: str, currencies: set[str], units: set[str]) -> tuple[Decimal, str, str]:
    match = _SPECIFIC.match(text.strip())
    if not match:
        raise RateError(_("“%(text)s” is not an amount per unit such as 0.5 EUR/kg.") % {"text": text})
    amount, cur, unit = match.groups()
    code = CURRENCY_WORDS.get(cur.lower(), cur.upper())
    if code not in currencies:
        raise RateError(_("“%(currency)s” is not a known currency.") % {"currency": cur})
    unit_code = UNIT_WORDS.get(unit.lower(), unit.upper())
    if unit_code not in units:
        raise RateError(
            _("“%(unit)s” is not a known unit (kg, t, pc or a UN/ECE Rec. 20 code).") % {"unit": unit}
        )
    return number(amount), code, unit_code


def parse_rate(text: str, currencies: set[str], units: set[str]) -> ParsedRate:
    """One rate as published; "" gives a rate of unknown kind. Raises :class:`RateError`."""
    text = (text or "").strip()
    rate = ParsedRate(text=text)
    if not text:
        return rate
    provisional = _PROVISIONAL.match(text)
    if provisional:
        text, rate.provisional_pct = provisional.group(1), _pct(provisional.group(2) + "%")
    for pattern, rule in ((_SUM, CompoundRule.SUM), (_GREATER, CompoundRule.GREATER)):
        match = pattern.match(text)
        if match:
            rate.kind, rate.compound_rule = DutyKind.COMPOUND, rule
            rate.ad_valorem_pct = _pct(match.group(1))
            rate.specific_amount, rate.specific_currency, rate.specific_unit = _specific(
                match.group(2), currencies, units
            )
            return rate
    if text.endswith("%"):
        rate.kind, rate.ad_valorem_pct = DutyKind.AD_VALOREM, _pct(text)
        return rate
    if rate.provisional_pct is not None:
        raise RateError(_("A provisional rate needs an ad valorem rate before it."))
    rate.kind = DutyKind.SPECIFIC
    rate.specific_amount, rate.specific_currency, rate.specific_unit = _specific(text, currencies, units)
    return rate


def parse_rates(text: str, description: str, currencies: set[str], units: set[str]) -> list[ParsedRate]:
    """The rate column of a row: one rate, or ``in-quota / out-of-quota`` as two rates (the quota of a
    single rate is read from the description: "in-quota", "out-of-quota")."""
    parts = [p.strip() for p in (text or "").split(" / ")]
    if len(parts) == 2:
        first, second = (parse_rate(p, currencies, units) for p in parts)
        first.quota, second.quota = Quota.IN_QUOTA, Quota.OUT_OF_QUOTA
        return [first, second]
    if len(parts) > 2:
        raise RateError(_("At most two rates (in-quota / out-of-quota) in one row."))
    rate = parse_rate(parts[0], currencies, units)
    lowered = (description or "").lower()
    if "out-of-quota" in lowered and "in-quota" not in lowered:
        rate.quota = Quota.OUT_OF_QUOTA
    elif "in-quota" in lowered and "out-of-quota" not in lowered:
        rate.quota = Quota.IN_QUOTA
    return [rate]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise RateError(_("“%(text)s” is not a date (YYYY-MM-DD).") % {"text": text}) from None


def parse_validity(text: str) -> tuple[datetime.date | None, datetime.date | None, str]:
    """(valid from, valid until, the rest of the text as a note) of ``2025``, ``from 2018-09-01``,
    ``2024-01-01 to 2026-12-31; 13% from 2027-01-01``, ``2026-01-01 (VAT Law)``; blank: (None, None, "")."""
    text = (text or "").strip()
    if not text:
        return None, None, ""
    head = text.split(";")[0]
    dates = _ISO_DATE.findall(head)
    if dates:
        start = _date(dates[0])
        end = _date(dates[1]) if len(dates) > 1 and " to " in head else None
        if end is not None and end < start:
            raise RateError(_("The end of the validity is before its start."))
    else:
        year = _YEAR.search(head)
        if year is None:
            raise RateError(_("“%(text)s” has no date or year.") % {"text": text})
        start, end = datetime.date(int(year.group(1)), 1, 1), None
    plain = re.sub(r"^(from\s+)?\d{4}(-\d{2}-\d{2})?(\s+to\s+\d{4}-\d{2}-\d{2})?", "", text).strip(" ;")
    return start, end, plain


def parse_confidence(text: str) -> tuple[str, str]:
    """(confidence, the rest as a note): ``verified (rate schedule)`` → ("verified", "(rate schedule)");
    blank → unverified."""
    text = (text or "").strip()
    if not text:
        return RateConfidence.UNVERIFIED, ""
    word, _sep, rest = text.partition(" ")
    if word.lower() not in RateConfidence.values:
        raise RateError(
            _("“%(text)s” is not a confidence (verified, approximate or unverified).") % {"text": text}
        )
    return word.lower(), rest.strip()


def parse_hs_prefix(text: str) -> str:
    """2 to 10 digits (dots and spaces ignored), or "all" for the whole schedule (stored blank)."""
    code = (text or "").strip().replace(".", "").replace(" ", "")
    if code.lower() == "all":
        return ""
    if not code.isdigit() or not 2 <= len(code) <= 10:
        raise RateError(
            _("“%(text)s” is not an HS code prefix of 2 to 10 digits (or “all”).") % {"text": text}
        )
    return code
