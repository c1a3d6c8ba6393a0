"""Reads of the organizations' inboxes. An inbox is private correspondence: only the organization's
members read it (operators too only as members), and for an API token only its own organization's."""

from django.http import Http404

from scotemp.accounts.models import Organization

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
    return InboxMessage.objects.filter(organization=organization, read_at__isnull=True).count()
