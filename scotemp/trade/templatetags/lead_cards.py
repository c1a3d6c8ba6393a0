"""``{% lead_card row %}``: one lead of the search results, written in Python.

A lead list shows twenty cards; written by the template language each cost a few hundred node
renders, translations and formatting calls. Here the card is a pure function of the values it
shows: :func:`card_values` reads them from the loaded row (no query), :func:`_card` turns them into
HTML and remembers the result per process, keyed by those values themselves and the language. A
changed lead, organization, verification, reference name or translation is a different key, so a
remembered card can never show anything but what it would render now (the release is part of the
process). Nothing here decides who may see a lead: the search only hands over open leads.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from scotemp.core import formatting
from scotemp.core.templatetags.formatting import _unit

register = template.Library()

CARDS_REMEMBERED = 4096  # per process: about 1 KB each


def _name(row, attr: str = "name") -> str:
    return str(getattr(row, attr, "") or "") if row is not None else ""


def _written(number) -> str | None:
    """A decimal as written (5000 and 5000.000 are equal as keys but need not print alike)."""
    return None if number is None else str(number)


def card_values(row: dict) -> tuple:
    """Everything a card shows, as a hashable tuple (the key of the remembered card)."""
    lead = row["lead"]
    return (
        get_language(),
        get_script_prefix(),
        str(lead.public_id),
        lead.get_kind_display(),
        row["title"],
        lead.hs_code_id,
        _name(lead.hs_code, "description"),
        _written(lead.quantity),
        _unit(lead.unit),
        bool(lead.price_on_request or not lead.price),
        _written(lead.price),
        lead.currency_id,
        _unit(lead.price_unit) if lead.price_unit_id else None,
        lead.incoterm_id,
        _name(lead.incoterm_place),
        _name(lead.origin_country) if lead.origin_country_id else None,
        _name(lead.organization),
        bool(row["verified"]),
        lead.valid_until,
    )


@lru_cache(maxsize=CARDS_REMEMBERED)
def _card(values: tuple) -> str:
    """The card's HTML from :func:`card_values` alone (the active language is ``values[0]``)."""
    (
        _language,
        _prefix,
        public_id,
        kind,
        title,
        hs_code,
        hs_name,
        quantity,
        unit,
        on_request,
        price,
        currency,
        price_unit,
        incoterm,
        place,
        origin,
        organization,
        verified,
        valid_until,
    ) = values
    if on_request:
        price_text = format_html("{}", gettext("price on request"))
    else:
        price_text = format_html("{}", formatting.format_money(price, currency or "CNY"))
        if price_unit is not None:
            label = formatting.unit_label(price_unit[0], fallback_name=price_unit[1])
            price_text = format_html("{} / {}", price_text, label)
    return format_html(
        '<li class="card lead-card" data-lead="{}">\n'
        '<h2 class="h3"><span class="badge">{}</span> <a href="{}" lang="">{}</a></h2>\n'
        '<p class="small">\n<span title="{}">HS {}</span>\n· {}\n· {}\n· {} {}\n{}</p>\n'
        '<p class="muted small">\n{}{}\n· {}\n</p>\n</li>',
        public_id,
        kind,
        reverse("trade:lead_detail", args=[public_id]),
        title,
        hs_name,
        hs_code,
        formatting.format_quantity(quantity, unit[0], fallback_name=unit[1]),
        price_text,
        incoterm,
        place,
        format_html("· {}\n", origin) if origin else "",
        format_html('<span lang="">{}</span>', organization) if organization else "",
        format_html(' <span class="badge badge-verified">{}</span>', gettext("verified")) if verified else "",
        gettext("valid until %(date)s") % {"date": formatting.format_date(valid_until)},
    )


@register.simple_tag
def lead_card(row: dict) -> str:
    """One search result: ``row`` is ``{"lead": Lead, "title": str, "verified": bool}``."""
    return _card(card_values(row))
