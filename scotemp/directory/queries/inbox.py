"""Reads of the organizations' inboxes. An inbox is private correspondence: only the organization's
members read it (operators too only as members), and for an API token only its own organization's."""

from django.db import connection
from django.http import Http404

from scotemp.accounts.models import Organization
from scotemp.core.prepared import prepared_cursor

from ..models import InboxMessage


def inbox_of(user, public_id) -> Organization:
    """The organization ``public_id`` if ``user`` acts for it as a member; 404 for anyone else."""
    organization = Organization.objects.member_of(user).filter(public_id=public_id).first()
    if organization is None:
        raise Http404
    return organization


def inbox_messages(organization: Organization):
    """The organization's messages, newest first, with sender and sender's organization."""
    return InboxMessage.objects.filter(organization=organization).select_related(
        "sender", "sender_organization", "sender_organization__country"
    )


def unread_count(organization: Organization) -> int:
    """``InboxMessage.objects.filter(organization=…, read_at__isnull=True).count()``, in plain SQL:
    every signed-in page shows it, and building the ORM's query cost 15 times running it (on
    PostgreSQL a statement prepared once per connection)."""
    table = connection.ops.quote_name(InboxMessage._meta.db_table)
    with prepared_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE organization_id = %s AND read_at IS NULL", [organization.pk]
        )
        return cursor.fetchone()[0]
