"""Locale-aware template filters.

``{{ amount|money:"USD" }}``, ``{{ q|quantity:"TNE" }}``, ``{{ "TNE"|unit }}``, ``{{ n|num }}``,
``{{ n|num:2 }}``, ``{{ d|ldate }}``, ``{{ d|ldate:"long" }}``, ``{{ org.name|authored }}``.
"""

from functools import lru_cache

from django import template
from django.template.defaultfilters import urlize
from django.utils.html import format_html

from scotemp.core import formatting

register = template.Library()


@register.filter
def money(amount, currency_code="CNY"):
    """``{{ deal.amount|money:deal.currency_id }}`` in the active language."""
    return formatting.format_money(amount, currency_code or "CNY")


@register.filter
def num(number, decimal_places=None):
    """``{{ n|num }}`` or ``{{ n|num:2 }}`` with the locale's separators."""
    places = int(decimal_places) if decimal_places not in (None, "") else None
    return formatting.format_decimal(number, decimal_places=places)


@register.filter
def quantity(number, unit):
    """``{{ lead.quantity|quantity:lead.unit_id }}`` → "5 000 т": the quantity with its unit in the
    active language (plural forms included); ``unit`` is a Rec 20 code or a unit row."""
    code, name = _unit(unit)
    return formatting.format_quantity(number, code, fallback_name=name)


@register.filter
def unit(unit):
    """``{{ lead.price_unit_id|unit }}`` → "т": the unit alone, as after a price."""
    code, name = _unit(unit)
    return formatting.unit_label(code, fallback_name=name)


def _unit(unit) -> tuple[str, str]:
    if unit is None or unit == "":
        return "", ""
    if isinstance(unit, str):
        return unit, ""
    return str(getattr(unit, "pk", "") or ""), str(getattr(unit, "name", "") or "")


@register.filter
def ldate(value, fmt="medium"):
    """``{{ d|ldate }}`` or ``{{ d|ldate:"long" }}`` as the active locale writes dates."""
    return formatting.format_date(value, format=fmt)


@register.filter
def currency_name(code):
    return formatting.currency_name(code) if code else ""


@register.filter
def authored(value, language=""):
    """``{{ org.name|authored }}``, ``{{ lead.title|authored:lead.language }}``: text a user wrote,
    marked with its language (empty: unknown) so that screen readers read it in that language and the
    page's own text can be told apart from the user's (tests/test_no_english.py)."""
    if value is None or value == "":
        return ""
    return format_html('<span lang="{}">{}</span>', language or "", value)


@register.filter(is_safe=True, needs_autoescape=False)
def source_text(text):
    """A source citation with its web addresses as links: ``urlize``, remembered per process (a page
    of delivered costs cites the same few sources on every line, and ``urlize`` is slow)."""
    return _source_text(str(text or ""))


@lru_cache(maxsize=1024)
def _source_text(text: str) -> str:
    return urlize(text, autoescape=True)
