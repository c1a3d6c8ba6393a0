"""Locale-aware template filters.

``{{ amount|money:"USD" }}``, ``{{ n|num }}``, ``{{ n|num:2 }}``, ``{{ d|ldate }}``, ``{{ d|ldate:"long" }}``.
"""

from django import template

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
def ldate(value, fmt="medium"):
    """``{{ d|ldate }}`` or ``{{ d|ldate:"long" }}`` as the active locale writes dates."""
    return formatting.format_date(value, format=fmt)


@register.filter
def currency_name(code):
    return formatting.currency_name(code) if code else ""
