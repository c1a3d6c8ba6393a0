from django import template

from scotemp.notifications.queries import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread notification count (one COUNT query, cached per request)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if request is not None:
        cached = getattr(request, "_unread_notifications", None)
        if cached is None:
            cached = request._unread_notifications = unread_count(user)
        return cached
    return unread_count(user)
