"""The rows of the deals pipeline (``deals/pipeline.html``), written in Python.

Each row of the three lists was two dozen template nodes; ``{% sent_row %}``, ``{% received_row %}``
and ``{% pipeline_deal_row %}`` write the same HTML (with the whitespace the template had) from the
rows of :mod:`scotemp.deals.queries.pipeline`."""

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from scotemp.core.links import link
from scotemp.core.markup import escape as _e
from scotemp.core.templatetags.formatting import ldate, money, quantity

from .deal_rows import deal_org

register = template.Library()


def _unread(count) -> str:
    if not count:
        return ""
    label = ngettext("%(counter)s unread", "%(counter)s unread", count) % {"counter": _e(localize(count))}
    return f' <span class="badge badge-unread">{label}</span>'


def _inquiry_row(inquiry, counterpart_label: str, date_label: str, links: bool) -> str:
    rfq = inquiry.rfq
    href = link("deals:inquiry", inquiry.public_id)
    amount = quantity(rfq.quantity, rfq.unit)
    status = f'<span class="badge inquiry-status status-{_e(inquiry.status)}">'
    out = [
        f'\n    <tr data-inquiry="{_e(inquiry.public_id)}">'
        f'\n      <td><a href="{_e(href)}" lang="">{_e(rfq.goods)}</a>{_unread(inquiry.unread)}</td>'
        f'\n      <td data-label="{counterpart_label}">{deal_org(inquiry.counterpart)}</td>'
        f'\n      <td data-label="{gettext("Quantity")}" class="num">{_e(amount)}</td>'
        f'\n      <td data-label="{gettext("Status")}">{status}{_e(inquiry.get_status_display())}</span></td>'
        f'\n      <td data-label="{date_label}">{_e(ldate(inquiry.created_at))}</td>'
    ]
    if links:
        if inquiry.deal:
            href, label = link("deals:deal", inquiry.deal.public_id), gettext("Deal")
        else:
            href, label = link("deals:rfq", rfq.public_id), gettext("Compare")
        out.append(f'\n      <td><a href="{_e(href)}">{label}</a></td>')
    out.append("\n    </tr>\n    ")
    return mark_safe("".join(out))


@register.simple_tag
def sent_row(inquiry) -> str:
    """A request sent: goods (and unread messages), seller, quantity, status, date, deal or comparison."""
    return _inquiry_row(inquiry, gettext("Seller"), gettext("Sent"), links=True)


@register.simple_tag
def received_row(inquiry) -> str:
    """An inquiry received: goods (and unread messages), buyer, quantity, status, date."""
    return _inquiry_row(inquiry, gettext("Buyer"), gettext("Received"), links=False)


@register.simple_tag
def pipeline_deal_row(deal) -> str:
    """A deal: goods, counterpart, the reader's side, total, status, last change."""
    terms = deal.current_terms
    side = gettext("buyer") if deal.side == "buyer" else gettext("seller")
    total = _e(money(terms.total, terms.currency_id)) if terms else ""
    goods = _e(terms.goods) if terms else ""
    status = f'<span class="badge deal-status status-{_e(deal.status)}">'
    return mark_safe(
        f'\n    <tr data-deal="{_e(deal.public_id)}">'
        f'\n      <td><a href="{_e(link("deals:deal", deal.public_id))}" lang="">{goods}</a></td>'
        f'\n      <td data-label="{gettext("Counterpart")}">{deal_org(deal.counterpart)}</td>'
        f'\n      <td data-label="{gettext("Your side")}">{side}</td>'
        f'\n      <td data-label="{gettext("Total")}" class="num">{total}</td>'
        f'\n      <td data-label="{gettext("Status")}">{status}{_e(deal.get_status_display())}</span></td>'
        f'\n      <td data-label="{gettext("Updated")}">{_e(ldate(deal.updated_at))}</td>'
        "\n    </tr>\n    "
    )
