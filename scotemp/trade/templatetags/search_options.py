"""``{% search_options "countries" selected %}``: the ``<option>`` elements of the lead search form's
country, Incoterm and currency lists, the same lists, labels and order as the forms' fields.

Sorting some 250 country names as the language sorts them, and a template loop over several hundred
options, cost more than the rest of the search page: the lists are kept escaped in the shared cache
per language, and the options are written in one pass."""

from django import template
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from scotemp.reference.forms import CountryField, CurrencyField, IncotermField

register = template.Library()

CHOICES_TTL = 600  # reference data changes only when it is reloaded


def form_choices() -> dict:
    """The form's country, Incoterm and currency options in the active language, the same lists,
    labels and order as the forms' fields, escaped for HTML. Sorting some 250 country names as the
    language sorts them costs more than the rest of the page, so the lists are cached per language."""
    key = f"trade:search-choices:{translation.get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = {
            "countries": _escaped(CountryField().choices_now()[1:]),
            "incoterms": _escaped(IncotermField().choices_now()[1:]),
            "currencies": [
                (escape(group), _escaped(options)) for group, options in CurrencyField().choices_now()[1:]
            ],
        }
        cache.set(key, choices, CHOICES_TTL)
    return choices


def _escaped(choices) -> list[tuple[str, str]]:
    return [(escape(code), escape(label)) for code, label in choices]


def _options(choices, selected) -> str:
    """``<option>`` elements (``<optgroup>`` for grouped choices) of escaped ``choices``, ``selected``
    marked."""
    selected = escape(selected or "")
    parts = []
    for code, label in choices:
        if isinstance(label, list):
            parts.append(f'<optgroup label="{code}">{_options(label, selected)}</optgroup>')
        else:
            mark = " selected" if code == selected and selected else ""
            parts.append(f'<option value="{code}"{mark}>{label}</option>')
    return mark_safe("".join(parts))  # every code and label is escaped above


@register.simple_tag(takes_context=True)
def search_options(context, name: str, selected=None) -> str:
    """The options of the list ``name`` (``countries``, ``incoterms`` or ``currencies``); the lists
    are read from the cache once per page."""
    if "search_choices" not in context.render_context:
        context.render_context["search_choices"] = form_choices()
    return _options(context.render_context["search_choices"][name], selected)
