"""Valid lead input shared by the lead tests: a Kazakh wheat offer and a Chongqing wheat request."""

import datetime

from django.utils import timezone


def wheat_offer(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "kind": "sell",
        "language": "ru",
        "title": "Пшеница продовольственная 3 класса",
        "description": "Урожай этого года, протеин от 12,5%.",
        "hs_code": "100199",
        "specification": "ГОСТ 9353-2016",
        "attributes": {"protein": "12.5%", "moisture": "14%"},
        "quantity": "5000",
        "unit": "TNE",
        "min_order": "500",
        "price": "235",
        "currency": "USD",
        "price_unit": "TNE",
        "incoterm": "FCA",
        "incoterm_place": "KZALA",
        "origin_country": "KZ",
        "countries": ["CN"],
        "delivery_from": (today + datetime.timedelta(days=10)).isoformat(),
        "delivery_until": (today + datetime.timedelta(days=70)).isoformat(),
        "payment_terms": ["lc_sight"],
        "certifications_held": ["iso22000"],
        "valid_until": (today + datetime.timedelta(days=60)).isoformat(),
    }
    data.update(changes)
    return data


def wheat_request(**changes) -> dict:
    data = wheat_offer(
        kind="buy",
        language="zh-hans",
        title="求购优质小麦",
        description="长期采购中亚小麦。",
        hs_code="1001",
        origin_country="",
        countries=["KZ", "RU"],
        incoterm="DAP",
        incoterm_place="CNHRS",
        certifications_held=[],
        certifications_required=["iso22000"],
        attributes={},
        min_order="",
        price="",
        currency="",
        price_unit="",
        price_on_request=True,
    )
    data.update(changes)
    return data


def make_lead(user, organization, data: dict | None = None, publish: bool = True):
    """A lead created the way the pages do it: LeadForm, then the create action."""
    from scotemp.trade import actions
    from scotemp.trade.forms import LeadForm, lead_values

    form = LeadForm(data or wheat_offer())
    assert form.is_valid(), form.errors
    return actions.create_lead(user, organization, lead_values(form), publish=publish)
