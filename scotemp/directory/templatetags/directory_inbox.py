from django import template

from scotemp.core.permissions import is_member
from scotemp.directory.queries import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread(context) -> int | None:
    """The unread count of the active organization's inbox, or None when the signed-in user does not
    read it (no active organization, or not a member of it). One COUNT query, cached per request."""
    request = context.get("request")
    organization = getattr(request, "active_organization", None) if request is not None else None
    user = getattr(request, "user", None)
    if organization is None or user is None or not user.is_authenticated:
        return None
    cached = getattr(request, "_inbox_unread", None)
    if cached is None:
        if not is_member(user, organization.pk):
            return None
        cached = request._inbox_unread = unread_count(organization)
    return cached
