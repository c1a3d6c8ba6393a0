"""``{% import_checklist lead countries %}``: China's import requirements for a lead's HS code, shown on
the lead page for sell offers that serve China (China among the destinations, or none named) and for
buy requests of organizations in China. One query; nothing for other leads.

``{% inquiry_import_checklist inquiry %}``: the same for the goods of an inquiry (request for
quotation, or an offer on a published buy request) whose buyer is in China and seller abroad: the
goods are imported into China. One query; nothing for other inquiries."""

from django import template
from django.template.loader import render_to_string

from ..queries import requirements_for

register = template.Library()
CHINA = "CN"


def concerns_china(lead, countries=None) -> bool:
    if lead.kind == "buy":
        return lead.organization.country_id == CHINA
    codes = (
        [getattr(c, "pk", c) for c in countries]
        if countries is not None
        else list(lead.countries.values_list("pk", flat=True))
    )
    return not codes or CHINA in codes


@register.simple_tag
def import_checklist(lead, countries=None) -> str:
    if lead is None or not concerns_china(lead, countries):
        return ""
    return render_to_string("imports/_checklist_card.html", {"checklist": requirements_for(lead.hs_code_id)})


def inquiry_concerns_china(inquiry) -> bool:
    """The buyer is in China and the seller is not: the goods enter China (read from the parties the
    page has already loaded)."""
    return inquiry.buyer.country_id == CHINA and inquiry.seller.country_id != CHINA


@register.simple_tag
def inquiry_import_checklist(inquiry) -> str:
    if inquiry is None or not inquiry.rfq.hs_code_id or not inquiry_concerns_china(inquiry):
        return ""
    checklist = requirements_for(inquiry.rfq.hs_code_id)
    return render_to_string("imports/_checklist_card.html", {"checklist": checklist})
