"""The rows of the RFQ comparison (``deals/rfq_detail.html``), written in Python.

A row of the comparison shows a quotation, its conversion and its delivered-cost breakdown: about a
hundred template nodes, a tenth of a millisecond each, for every quotation. ``{% comparison_row entry %}``
writes the same HTML the template wrote (the page's tests compare them), reading the page's context
(``comparison``, ``best``, ``best_delivered``, ``rfq``, ``buyer_place``, ``is_buyer``, ``today``,
``other_open``, ``csrf_token``)."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import stringformat
from django.template.defaulttags import CsrfTokenNode
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from scotemp.core import formatting
from scotemp.core.links import link
from scotemp.core.markup import escape as _e
from scotemp.core.templatetags.formatting import ldate, money, num, quantity, source_text

from .deal_rows import deal_org

register = template.Library()

# Rules whose named place is where the goods start (the calculator's origin is that place).
_ORIGIN_AT_NAMED_PLACE = "EXW FCA FAS FOB"
_CSRF = CsrfTokenNode()
_CLOSE_OTHERS = gettext_noop("Close the other sellers' inquiries of this request")
_VERSION = gettext_noop("version %(version)s")


def _blocktranslated(message: str, **values) -> str:
    """``{% blocktranslate with name=value %}…{% endblocktranslate %}``: the message translated, the
    values localized and escaped."""
    return gettext(message) % {key: _e(localize(value)) for key, value in values.items()}


def _lines(cost, currency: str) -> str:
    out = []
    for line in cost.lines:
        out.append(f'<tr data-line="{_e(line.kind)}"><th scope="row">{_e(line.label)}')
        if line.indicative:
            out.append(f' <span class="badge badge-indicative">{gettext("indicative")}</span>')
        if line.estimate:
            out.append(f' <span class="badge badge-indicative">{gettext("estimate")}</span>')
        for note in line.notes:
            out.append(f'<span class="small muted line-note">{_e(note)}</span>')
        for note in line.source_notes:
            out.append(f'<span class="small muted line-note" lang="en">{_e(note)}</span>')
        if line.source and line.kind != "goods":
            out.append(
                f'<span class="small muted line-note source-text" lang="en">{source_text(line.source)}</span>'
            )
        out.append('</th>\n            <td class="num">')
        if line.amount is None:
            out.append(f'<span class="badge badge-incomplete">{gettext("not known")}</span>')
        elif line.included:
            out.append(f'<span class="muted">{gettext("included")}</span>')
        else:
            out.append(_e(money(line.amount, currency)))
        if line.rate_pct is not None:
            out.append(f' <span class="muted">({_e(num(line.rate_pct))} %)</span>')
        out.append("</td></tr>")
    return "".join(out)


def _calculator_link(row, rfq, buyer_place, currency: str) -> str:
    q = row.quotation
    incoterm = q.incoterm_id
    if isinstance(incoterm, str) and incoterm in _ORIGIN_AT_NAMED_PLACE:
        origin = _e(q.incoterm_place_id)
    else:
        origin = _e(row.inquiry.seller.city_id or "")
    return (
        f'<a class="small" href="{_e(link("logistics:landed_cost"))}?hs_code={_e(rfq.hs_code_id)}'
        f"&amp;origin={origin}&amp;destination={_e(buyer_place.locode)}&amp;incoterm={_e(incoterm)}"
        f"&amp;goods_value={_e(stringformat(q.total, 's'))}&amp;currency={_e(q.currency_id)}"
        f"&amp;quantity={_e(stringformat(q.quantity, 's'))}&amp;unit={_e(q.unit_id)}"
        f'&amp;target_currency={_e(currency)}">{gettext("Open in the calculator")}</a>'
    )


def _delivered(context, row, d, currency: str) -> str:
    if d.cost is None:
        return f'<span class="muted small">{_e(d.error)}</span>'
    cost = d.cost
    best_delivered = context.get("best_delivered")
    out = [f"<strong>{_e(money(cost.total, currency))}</strong>\n        "]
    if best_delivered is not None and cost.complete and cost.total == best_delivered:
        out.append(f'<span class="badge badge-verified">{gettext("Lowest delivered cost")}</span>')
    out.append("\n        ")
    if not cost.complete:
        out.append(f'<span class="badge badge-incomplete">{gettext("incomplete: at least this much")}</span>')
    out.append("\n        ")
    if cost.has_estimates:
        out.append(f'<span class="badge badge-indicative">{gettext("includes estimates")}</span>')
    out.append(
        f'\n        <details class="delivered-details"><summary class="small">{gettext("Lines")}</summary>'
        '\n          <table class="table table-scroll"><tbody>\n          '
    )
    out.append(_lines(cost, currency))
    out.append("\n          </tbody></table>\n          ")
    out.append(_calculator_link(row, context.get("rfq"), context.get("buyer_place"), currency))
    out.append("\n        </details>\n        ")
    return "".join(out)


def _decision(context, row) -> str:
    q, today = row.quotation, context.get("today")
    if (
        context.get("is_buyer")
        and q.status == "current"
        and row.inquiry.status == "quoted"
        and q.valid_until >= today
    ):
        out = [
            f'\n        <form method="post" action="{_e(link("deals:accept_quotation", q.public_id))}">'
            f"{_CSRF.render(context)}"
            '\n          <button type="submit" class="btn btn-primary btn-small">'
            f"{gettext('Accept')}</button>"
            "\n          "
        ]
        if context.get("other_open"):
            out.append(
                '<label class="small"><input type="checkbox" name="close_others" value="1" checked> '
                f"{gettext(_CLOSE_OTHERS)}</label>"
            )
        out.append("\n        </form>\n        ")
        return "".join(out)
    if q.status == "accepted":
        return f'<span class="badge badge-verified">{_e(q.get_status_display())}</span>'
    return ""


@register.simple_tag(takes_context=True)
def comparison_row(context, entry) -> str:
    """One quotation of the comparison, as ``<tr>…</tr>`` with the whitespace the template had."""
    row, d = entry["row"], entry["delivered"]
    comparison = context.get("comparison")
    currency = comparison.currency
    q, inquiry = row.quotation, row.inquiry
    best = context.get("best")
    is_best = best is not None and row.total == best
    today = context.get("today")
    out = [
        f'\n    <tr data-inquiry="{_e(inquiry.public_id)}" data-quotation="{_e(q.public_id)}"',
        ' class="best">' if is_best else ">",
        f'\n      <td><a href="{_e(link("deals:inquiry", inquiry.public_id))}">'
        f"{deal_org(inquiry.seller)}</a>\n        ",
        f'<span class="badge badge-verified best-badge">{gettext("Lowest total")}</span>' if is_best else "",
        "</td>",
        f'\n      <td data-label="{gettext("Quoted unit price")}" class="num">'
        f"{_e(money(q.unit_price, q.currency_id))} "
        f'<span class="muted small">{_blocktranslated(_VERSION, version=q.version)}</span></td>',
        '\n      <td class="num converted-unit" data-label="'
        f'{_blocktranslated(gettext_noop("Unit price in %(currency)s"), currency=currency)}">',
    ]
    if row.unit_price is not None:
        out.append(_e(money(row.unit_price, currency)))
    else:
        out.append(f'<span class="muted">{gettext("no rate")}</span>')
    out.append(
        '</td>\n      <td class="num converted-total" data-label="'
        f'{_blocktranslated(gettext_noop("Total in %(currency)s"), currency=currency)}">'
    )
    if row.total is not None:
        out.append(f"<strong>{_e(money(row.total, currency))}</strong>")
    else:
        out.append(_e(money(q.total, q.currency_id)))
    out.append(
        '</td>\n      <td class="num delivered-total" data-label="'
        f'{_blocktranslated(gettext_noop("Delivered in %(currency)s"), currency=currency)}">'
    )
    out.append(_delivered(context, row, d, currency))
    out.append(f'</td>\n      <td data-label="{gettext("Rate")}" class="small">')
    conversion = row.conversion
    if conversion:
        out.append(
            f'{_e(num(conversion.rate, 4))} <span class="muted">({_e(ldate(conversion.rate_date))}'
            f"{', ' + gettext('demo') if conversion.is_demo else ''})</span>"
        )
    days = q.lead_time_days
    out.append(
        f'</td>\n      <td data-label="{gettext("Terms")}" class="small">'
        f"{_e(quantity(q.quantity, q.unit))} · "
        f"{_e(q.incoterm_id)} {_e(q.incoterm_place.name)} · "
        f"{ngettext('%(days)s day', '%(days)s days', days) % {'days': _e(localize(days))}}</td>"
        f'\n      <td data-label="{gettext("Valid until")}">{_e(ldate(q.valid_until))}'
    )
    if q.valid_until < today:
        out.append(f' <span class="badge">{gettext("expired")}</span>')
    out.append("</td>\n      <td>\n        ")
    out.append(_decision(context, row))
    out.append("\n      </td>\n    </tr>\n    ")
    return mark_safe("".join(out))


@register.simple_tag
def seller_item(inquiry) -> str:
    """One seller asked, as ``<li>…</li>``: the inquiry's link, its status and its deal."""
    deal = inquiry.open_deal
    deal_link = f'<a href="{_e(link("deals:deal", deal.public_id))}">{gettext("Deal")}</a>' if deal else ""
    return mark_safe(
        f'\n      <li data-inquiry="{_e(inquiry.public_id)}">'
        f'\n        <a href="{_e(link("deals:inquiry", inquiry.public_id))}">{deal_org(inquiry.seller)}</a>'
        f'\n        <span class="badge inquiry-status status-{_e(inquiry.status)}">'
        f"{_e(inquiry.get_status_display())}</span>"
        f"\n        {deal_link}\n      </li>\n      "
    )


@lru_cache(maxsize=1024)
def _currency_name(code: str, language: str | None) -> str:
    return formatting.currency_name(code, language)


@register.simple_tag
def currency_options(codes, chosen) -> str:
    """The ``<option>`` of each currency, the chosen one selected, named in the reader's language
    (the names remembered per process: they change only with a release)."""
    language = get_language()
    return mark_safe(
        "".join(
            f'<option value="{_e(code)}"{" selected" if code == chosen else ""}>'
            f"{_e(code)} – {_e(_currency_name(code, language) if code else '')}</option>"
            for code in codes
        )
    )
