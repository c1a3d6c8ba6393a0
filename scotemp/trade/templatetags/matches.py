"""``{% lead_matches lead %}``: the matches section of a lead page (members of the owning
organization only; the lead page decides, and the query checks again)."""

from django import template

from scotemp.trade.queries import text_in
from scotemp.trade.queries_matches import matches_of_lead

register = template.Library()


@register.inclusion_tag("trade/_match_list.html", takes_context=True)
def lead_matches(context, lead):
    request = context.get("request")
    user = getattr(request, "user", None)
    from scotemp.core.permissions import MEMBER
    from scotemp.trade.models import Lead

    allowed = bool(user and user.is_authenticated) and (
        Lead.objects.editable_by(user, role=MEMBER).filter(pk=lead.pk).exists()
    )
    return {"matches": matches_of_lead(lead) if allowed else [], "allowed": allowed, "request": request,
            "csrf_token": context.get("csrf_token"), "show_own": False}  # fmt: skip


@register.filter
def lead_title(lead):
    """The lead's title in the viewer's language when translated, else as written."""
    return text_in(lead, "title")[0] or lead.hs_code.description
