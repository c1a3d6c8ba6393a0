"""``{% import_checklist lead countries %}``: China's import requirements for a lead's HS code, shown on
the lead page for sell offers that serve China (China among the destinations, or none named) and for
buy requests of organizations in China. One query; nothing for other leads."""

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
