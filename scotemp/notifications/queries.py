"""Reads of the notifications app: a user's own notifications only."""

from .kinds import render
from .models import Notification


def notifications_of(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    if not user or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def rendered(notifications, html: bool = False) -> list[dict]:
    """Notifications with their title and body in the active language (``html``: for a page, with
    what users wrote marked with its language)."""
    rows = []
    for n in notifications:
        title, body = render(n.kind, n.params, html=html)
        rows.append({"notification": n, "title": title, "body": body})
    return rows
