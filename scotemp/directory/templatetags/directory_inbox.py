from django import template

from scotemp.directory.queries import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread(context) -> int | None:
    """The unread count of the active organization's inbox, or None when there is no inbox to show.

    ``request.active_organization`` is always one the signed-in user is a member of (the middleware
    picks it among their memberships), so its members' inbox is theirs. One COUNT query, cached per
    request."""
    request = context.get("request")
    organization = getattr(request, "active_organization", None) if request is not None else None
    user = getattr(request, "user", None)
    if organization is None or user is None or not user.is_authenticated:
        return None
    cached = getattr(request, "_inbox_unread", None)
    if cached is None:
        cached = request._inbox_unread = unread_count(organization)
    return cached
