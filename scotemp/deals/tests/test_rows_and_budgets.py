# ruff: noqa: E501  (the templates below are kept as they were written)
"""The rows of the RFQ comparison and of the pipeline are written by template tags
(``deals/templatetags/rfq_rows.py``, ``pipeline_rows.py``): they must say exactly what the
template loops they replaced said, in every language, for every kind of row (best total, no rate,
no delivered cost, expired, accepted, deal or not, unread or not). The loops are kept here as they
were and both are rendered from the same page context. The RFQ page also reads a fixed number of
queries whatever the number of sellers."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from scotemp.deals import actions
from scotemp.deals.models import Quotation
from scotemp.deals.tests.helpers import open_deal, quotation_values, send_rfq
from scotemp.logistics.queries.routes import freight_estimate
from scotemp.reference import fx
from scotemp.reference.models import Currency, Incoterm, Location
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

LOAD = "{% load i18n formatting deal_rows %}"

OLD_COMPARISON_ROWS = """{% for entry in entries %}{% with row=entry.row d=entry.delivered %}
    <tr data-inquiry="{{ row.inquiry.public_id }}" data-quotation="{{ row.quotation.public_id }}"{% if best is not None and row.total == best %} class="best"{% endif %}>
      <td><a href="{% link 'deals:inquiry' row.inquiry.public_id %}">{% deal_org row.inquiry.seller %}</a>
        {% if best is not None and row.total == best %}<span class="badge badge-verified best-badge">{% translate "Lowest total" %}</span>{% endif %}</td>
      <td data-label="{% translate "Quoted unit price" %}" class="num">{{ row.quotation.unit_price|money:row.quotation.currency_id }} <span class="muted small">{% blocktranslate with version=row.quotation.version %}version {{ version }}{% endblocktranslate %}</span></td>
      <td class="num converted-unit" data-label="{% blocktranslate with currency=comparison.currency %}Unit price in {{ currency }}{% endblocktranslate %}">{% if row.unit_price is not None %}{{ row.unit_price|money:comparison.currency }}{% else %}<span class="muted">{% translate "no rate" %}</span>{% endif %}</td>
      <td class="num converted-total" data-label="{% blocktranslate with currency=comparison.currency %}Total in {{ currency }}{% endblocktranslate %}">{% if row.total is not None %}<strong>{{ row.total|money:comparison.currency }}</strong>{% else %}{{ row.quotation.total|money:row.quotation.currency_id }}{% endif %}</td>
      <td class="num delivered-total" data-label="{% blocktranslate with currency=comparison.currency %}Delivered in {{ currency }}{% endblocktranslate %}">{% if d.cost %}<strong>{{ d.cost.total|money:comparison.currency }}</strong>
        {% if best_delivered is not None and d.cost.complete and d.cost.total == best_delivered %}<span class="badge badge-verified">{% translate "Lowest delivered cost" %}</span>{% endif %}
        {% if not d.cost.complete %}<span class="badge badge-incomplete">{% translate "incomplete: at least this much" %}</span>{% endif %}
        {% if d.cost.has_estimates %}<span class="badge badge-indicative">{% translate "includes estimates" %}</span>{% endif %}
        <details class="delivered-details"><summary class="small">{% translate "Lines" %}</summary>
          <table class="table table-scroll"><tbody>
          {% for line in d.cost.lines %}<tr data-line="{{ line.kind }}"><th scope="row">{{ line.label }}{% if line.indicative %} <span class="badge badge-indicative">{% translate "indicative" %}</span>{% endif %}{% if line.estimate %} <span class="badge badge-indicative">{% translate "estimate" %}</span>{% endif %}{% for note in line.notes %}<span class="small muted line-note">{{ note }}</span>{% endfor %}{% for note in line.source_notes %}<span class="small muted line-note" lang="en">{{ note }}</span>{% endfor %}{% if line.source and line.kind != "goods" %}<span class="small muted line-note source-text" lang="en">{{ line.source|source_text }}</span>{% endif %}</th>
            <td class="num">{% if line.amount is None %}<span class="badge badge-incomplete">{% translate "not known" %}</span>{% elif line.included %}<span class="muted">{% translate "included" %}</span>{% else %}{{ line.amount|money:comparison.currency }}{% endif %}{% if line.rate_pct is not None %} <span class="muted">({{ line.rate_pct|num }} %)</span>{% endif %}</td></tr>{% endfor %}
          </tbody></table>
          <a class="small" href="{% url 'logistics:landed_cost' %}?hs_code={{ rfq.hs_code_id }}&amp;origin={% if row.quotation.incoterm_id in "EXW FCA FAS FOB" %}{{ row.quotation.incoterm_place_id }}{% else %}{{ row.inquiry.seller.city_id|default:"" }}{% endif %}&amp;destination={{ buyer_place.locode }}&amp;incoterm={{ row.quotation.incoterm_id }}&amp;goods_value={{ row.quotation.total|stringformat:'s' }}&amp;currency={{ row.quotation.currency_id }}&amp;quantity={{ row.quotation.quantity|stringformat:'s' }}&amp;unit={{ row.quotation.unit_id }}&amp;target_currency={{ comparison.currency }}">{% translate "Open in the calculator" %}</a>
        </details>
        {% else %}<span class="muted small">{{ d.error }}</span>{% endif %}</td>
      <td data-label="{% translate "Rate" %}" class="small">{% if row.conversion %}{{ row.conversion.rate|num:4 }} <span class="muted">({{ row.conversion.rate_date|ldate }}{% if row.conversion.is_demo %}, {% translate "demo" %}{% endif %})</span>{% endif %}</td>
      <td data-label="{% translate "Terms" %}" class="small">{{ row.quotation.quantity|quantity:row.quotation.unit }} · {{ row.quotation.incoterm_id }} {{ row.quotation.incoterm_place.name }} · {% blocktranslate count days=row.quotation.lead_time_days %}{{ days }} day{% plural %}{{ days }} days{% endblocktranslate %}</td>
      <td data-label="{% translate "Valid until" %}">{{ row.quotation.valid_until|ldate }}{% if row.quotation.valid_until < today %} <span class="badge">{% translate "expired" %}</span>{% endif %}</td>
      <td>
        {% if is_buyer and row.quotation.status == "current" and row.inquiry.status == "quoted" and row.quotation.valid_until >= today %}
        <form method="post" action="{% link 'deals:accept_quotation' row.quotation.public_id %}">{% csrf_token %}
          <button type="submit" class="btn btn-primary btn-small">{% translate "Accept" %}</button>
          {% if other_open %}<label class="small"><input type="checkbox" name="close_others" value="1" checked> {% translate "Close the other sellers' inquiries of this request" %}</label>{% endif %}
        </form>
        {% elif row.quotation.status == "accepted" %}<span class="badge badge-verified">{{ row.quotation.get_status_display }}</span>{% endif %}
      </td>
    </tr>
    {% endwith %}{% endfor %}"""

OLD_SELLERS = """{% for inquiry in inquiries %}
      <li data-inquiry="{{ inquiry.public_id }}">
        <a href="{% link 'deals:inquiry' inquiry.public_id %}">{% deal_org inquiry.seller %}</a>
        <span class="badge inquiry-status status-{{ inquiry.status }}">{{ inquiry.get_status_display }}</span>
        {% if inquiry.open_deal %}<a href="{% link 'deals:deal' inquiry.open_deal.public_id %}">{% translate "Deal" %}</a>{% endif %}
      </li>
      {% endfor %}"""

OLD_CURRENCY_OPTIONS = """{% for code in currencies %}<option value="{{ code }}"{% if code == comparison.currency %} selected{% endif %}>{{ code }} – {{ code|currency_name }}</option>{% endfor %}"""

OLD_DEAL_ROWS = """{% for deal in deals %}
    <tr data-deal="{{ deal.public_id }}">
      <td><a href="{% link 'deals:deal' deal.public_id %}" lang="">{{ deal.current_terms.goods }}</a></td>
      <td data-label="{% translate "Counterpart" %}">{% deal_org deal.counterpart %}</td>
      <td data-label="{% translate "Your side" %}">{% if deal.side == "buyer" %}{% translate "buyer" %}{% else %}{% translate "seller" %}{% endif %}</td>
      <td data-label="{% translate "Total" %}" class="num">{% if deal.current_terms %}{{ deal.current_terms.total|money:deal.current_terms.currency_id }}{% endif %}</td>
      <td data-label="{% translate "Status" %}"><span class="badge deal-status status-{{ deal.status }}">{{ deal.get_status_display }}</span></td>
      <td data-label="{% translate "Updated" %}">{{ deal.updated_at|ldate }}</td>
    </tr>
    {% endfor %}"""

OLD_SENT_ROWS = """{% for inquiry in sent %}
    <tr data-inquiry="{{ inquiry.public_id }}">
      <td><a href="{% link 'deals:inquiry' inquiry.public_id %}" lang="">{{ inquiry.rfq.goods }}</a>{% if inquiry.unread %} <span class="badge badge-unread">{% blocktranslate count counter=inquiry.unread %}{{ counter }} unread{% plural %}{{ counter }} unread{% endblocktranslate %}</span>{% endif %}</td>
      <td data-label="{% translate "Seller" %}">{% deal_org inquiry.counterpart %}</td>
      <td data-label="{% translate "Quantity" %}" class="num">{{ inquiry.rfq.quantity|quantity:inquiry.rfq.unit }}</td>
      <td data-label="{% translate "Status" %}"><span class="badge inquiry-status status-{{ inquiry.status }}">{{ inquiry.get_status_display }}</span></td>
      <td data-label="{% translate "Sent" %}">{{ inquiry.created_at|ldate }}</td>
      <td>{% if inquiry.deal %}<a href="{% link 'deals:deal' inquiry.deal.public_id %}">{% translate "Deal" %}</a>{% else %}<a href="{% link 'deals:rfq' inquiry.rfq.public_id %}">{% translate "Compare" %}</a>{% endif %}</td>
    </tr>
    {% endfor %}"""

OLD_RECEIVED_ROWS = """{% for inquiry in received %}
    <tr data-inquiry="{{ inquiry.public_id }}">
      <td><a href="{% link 'deals:inquiry' inquiry.public_id %}" lang="">{{ inquiry.rfq.goods }}</a>{% if inquiry.unread %} <span class="badge badge-unread">{% blocktranslate count counter=inquiry.unread %}{{ counter }} unread{% plural %}{{ counter }} unread{% endblocktranslate %}</span>{% endif %}</td>
      <td data-label="{% translate "Buyer" %}">{% deal_org inquiry.counterpart %}</td>
      <td data-label="{% translate "Quantity" %}" class="num">{{ inquiry.rfq.quantity|quantity:inquiry.rfq.unit }}</td>
      <td data-label="{% translate "Status" %}"><span class="badge inquiry-status status-{{ inquiry.status }}">{{ inquiry.get_status_display }}</span></td>
      <td data-label="{% translate "Received" %}">{{ inquiry.created_at|ldate }}</td>
    </tr>
    {% endfor %}"""

NEW_COMPARISON_ROWS = "{% for entry in entries %}{% comparison_row entry %}{% endfor %}"
NEW_SELLERS = "{% for inquiry in inquiries %}{% seller_item inquiry %}{% endfor %}"
NEW_CURRENCY_OPTIONS = "{% currency_options currencies comparison.currency %}"
NEW_DEAL_ROWS = "{% for deal in deals %}{% pipeline_deal_row deal %}{% endfor %}"
NEW_SENT_ROWS = "{% for inquiry in sent %}{% sent_row inquiry %}{% endfor %}"
NEW_RECEIVED_ROWS = "{% for inquiry in received %}{% received_row inquiry %}{% endfor %}"


def _assert_same(response, pairs, load_new):
    assert response.status_code == 200
    values = {}  # the page's context and its fragments' (the RFQ page's comparison is one)
    for context in reversed(response.context):
        values.update(context.flatten())
    for language in ("en", "ru", "zh-hans"):
        with translation.override(language):
            for old, new in pairs:
                before = Template(LOAD + old).render(Context(values))
                after = Template(f"{{% load {load_new} %}}" + new).render(Context(values))
                assert after == before, language
                assert before.strip()  # something was compared


def _sellers(n):
    """``n`` sellers, each with a member who can quote."""
    return [MembershipFactory(role="owner") for _i in range(n)]


def _quote(membership, rfq, **values):
    inquiry = rfq.inquiries.get(seller=membership.organization)
    return actions.send_quotation(membership.user, inquiry, quotation_values(**values))


def _no_rate_currency():
    with_rates = fx.rates_for(
        set(Currency.objects.values_list("code", flat=True)), "CNY", timezone.localdate()
    )
    return Currency.objects.exclude(code__in=[*with_rates, "CNY"]).order_by("code").first()


def test_comparison_rows_say_what_the_template_said(client, li_wei, cn_org):
    call_command("load_fx", str(fx.DEMO_RATES_CSV), demo=True)
    freight_estimate("KZALA", "CNCKG")
    sellers = _sellers(6)
    rfq = send_rfq(li_wei, cn_org, *(m.organization for m in sellers))
    usd, cny = Currency.objects.get(code="USD"), Currency.objects.get(code="CNY")
    _quote(sellers[0], rfq, unit_price=Decimal("250"))
    _quote(sellers[1], rfq, unit_price=Decimal("1700.45"), currency=cny)
    _quote(
        sellers[2],
        rfq,
        unit_price=Decimal("260"),
        currency=usd,
        incoterm=Incoterm.objects.get(code="DAP"),
        incoterm_place=Location.objects.get(locode="CNCKG"),
    )
    no_rate = _no_rate_currency()
    if no_rate is not None:
        _quote(sellers[3], rfq, unit_price=Decimal("99"), currency=no_rate)
    expired = _quote(sellers[4], rfq, unit_price=Decimal("240"))
    Quotation.objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=2)
    )
    client.force_login(li_wei)
    url = reverse("deals:rfq", args=[rfq.public_id])
    pairs = [
        (OLD_COMPARISON_ROWS, NEW_COMPARISON_ROWS),
        (OLD_SELLERS, NEW_SELLERS),
        (OLD_CURRENCY_OPTIONS, NEW_CURRENCY_OPTIONS),
    ]
    for query in ({}, {"currency": "USD"}, {"currency": "RUB", "basis": "price"}, {"currency": "CNY"}):
        _assert_same(client.get(url, query), pairs, "rfq_rows")

    # Accepted: the deal in the sellers' list, the accepted badge, no more buttons.
    accepted = Quotation.objects.get(inquiry__rfq=rfq, inquiry__seller=sellers[0].organization)
    actions.accept_quotation(li_wei, accepted)
    page = client.get(url)
    assert page.context["comparison"].rows
    _assert_same(page, pairs, "rfq_rows")


def test_pipeline_rows_say_what_the_template_said(client, li_wei, cn_org, aigerim, kz_org):
    deal = open_deal(li_wei, cn_org, aigerim, kz_org)
    actions.post_message(aigerim, deal.inquiry, "hello")
    send_rfq(li_wei, cn_org, kz_org)
    open_deal(li_wei, cn_org, aigerim, kz_org)
    pairs = [(OLD_DEAL_ROWS, NEW_DEAL_ROWS), (OLD_SENT_ROWS, NEW_SENT_ROWS)]
    client.force_login(li_wei)
    page = client.get(reverse("deals:list"))
    assert any(row.unread for row in page.context["sent"]) and any(row.deal for row in page.context["sent"])
    _assert_same(page, pairs, "pipeline_rows")
    client.force_login(aigerim)
    _assert_same(
        client.get(reverse("deals:list")),
        [(OLD_RECEIVED_ROWS, NEW_RECEIVED_ROWS), *pairs[:1]],
        "pipeline_rows",
    )


def _rfq_page_queries(client, django_assert_max_num_queries, li_wei, cn_org, n):
    sellers = _sellers(n)
    rfq = send_rfq(li_wei, cn_org, *(m.organization for m in sellers))
    for i, membership in enumerate(sellers):
        _quote(membership, rfq, unit_price=Decimal(240 + i))
    url = reverse("deals:rfq", args=[rfq.public_id])
    client.get(url, {"currency": "CNY"})  # the rates' currencies and the conversions come cached after
    counts = []
    # The least of three: the route planner asks now and then (every few seconds, every minute)
    # whether its network or lane rates changed, whichever page it serves.
    for _i in range(3):
        with django_assert_max_num_queries(30) as counted:
            page = client.get(url, {"currency": "CNY"})
        assert len(page.context["comparison"].rows) == n
        counts.append(len(counted))
    return min(counts)


def test_rfq_page_queries_do_not_grow_with_sellers(client, li_wei, cn_org, django_assert_max_num_queries):
    call_command("load_fx", str(fx.DEMO_RATES_CSV), demo=True)
    freight_estimate("KZALA", "CNCKG")
    client.force_login(li_wei)
    three = _rfq_page_queries(client, django_assert_max_num_queries, li_wei, cn_org, 3)
    twelve = _rfq_page_queries(client, django_assert_max_num_queries, li_wei, cn_org, 12)
    assert twelve == three
