"""Reads of the notifications app: a user's own notifications only."""

from django.db import connection

from scotemp.core.prepared import prepared_cursor

from .kinds import render
from .models import Notification


def notifications_of(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """``Notification.objects.filter(user=user, read_at__isnull=True).count()``, in plain SQL: every
    signed-in page shows it, and building the ORM's query cost 15 times running it (on PostgreSQL a
    statement prepared once per connection)."""
    if not user or not user.is_authenticated:
        return 0
    table = connection.ops.quote_name(Notification._meta.db_table)
    with prepared_cursor(connection) as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = %s AND read_at IS NULL", [user.pk])
        return cursor.fetchone()[0]


def rendered(notifications, html: bool = False) -> list[dict]:
    """Notifications with their title and body in the active language (``html``: for a page, with
    what users wrote marked with its language)."""
    rows = []
    for n in notifications:
        title, body = render(n.kind, n.params, html=html)
        rows.append({"notification": n, "title": title, "body": body})
    return rows
