"""``{% lead_matches lead %}``: the matches section of a lead page (members of the owning
organization only, ADR 0010; the lead page decides, and the query checks again)."""

from django import template

from scotemp.trade.queries import text_in
from scotemp.trade.queries.matches import can_see_matches, matches_of_lead

register = template.Library()


@register.inclusion_tag("trade/_match_list.html", takes_context=True)
def lead_matches(context, lead):
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = can_see_matches(user, lead)
    return {
        "matches": matches_of_lead(user, lead) if allowed else [],
        "allowed": allowed,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "show_own": False,
    }


@register.filter
def lead_title(lead):
    """The lead's title in the viewer's language when translated, else as written."""
    return text_in(lead, "title")[0] or lead.hs_code.description
