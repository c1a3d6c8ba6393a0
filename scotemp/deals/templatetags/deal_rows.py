"""Tags for the rows of the deals lists, written in Python: an ``{% include %}`` or a ``{% url %}``
per row costs more than the rest of the row.

``{% deal_org org %}`` says what ``deals/_org.html`` says (the name as written, the Latin name when
it differs, the country); ``{% link "deals:inquiry" inquiry.public_id %}`` is ``{% url %}``
remembered per process (:mod:`scotemp.core.links`)."""

from django import template
from django.utils.html import format_html

from scotemp.core.links import link as remembered_link

register = template.Library()


@register.simple_tag
def deal_org(org) -> str:
    """An organization as a reader of any language can place it."""
    if org is None:
        return ""
    name, latin = org.name, org.name_latin
    country = org.country.name if org.country_id else ""
    out = format_html('<span lang="">{}</span>', name) if name else ""
    if latin and latin != name:
        out = format_html('{} <span class="muted small">(<span lang="">{}</span>)</span>', out, latin)
    return format_html('{} <span class="muted small">{}</span>', out, country)


@register.simple_tag
def link(name, *args) -> str:
    return remembered_link(name, *args)
