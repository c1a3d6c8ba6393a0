"""API of the organizations' inboxes under /api/v1/organizations/{public_id}: anyone signed in sends
an organization a message; its members read the inbox (404 for anyone else, operators included, and
for an API token of another organization) and mark it read."""

import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from scotemp.accounts.models import Organization
from scotemp.core.api import ERRORS, ErrorOut, Page, PageParams, error_body, paginate, run
from scotemp.core.api.schema import JsonObject

from .. import actions, queries
from ..choices import INBOX_BODY_MAX, INBOX_SUBJECT_MAX

router = Router(tags=["organizations"])


class ContactIn(JsonObject):
    subject: str = Field(min_length=1, max_length=INBOX_SUBJECT_MAX)
    body: str = Field(min_length=1, max_length=INBOX_BODY_MAX)


class InboxMessageOut(Schema):
    id: UUID
    subject: str
    body: str
    sender_name: str | None
    sender_email: str | None
    sender_organization: UUID | None
    sender_organization_name: str | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class InboxPageOut(Page[InboxMessageOut]):
    unread: int = Field(description="Unread messages in the whole inbox.")


class InboxReadOut(Schema):
    marked: int = Field(description="Messages marked read now.")
    unread: int


def _message_out(m) -> InboxMessageOut:
    return InboxMessageOut(
        id=m.public_id,
        subject=m.subject,
        body=m.body,
        sender_name=m.sender.display_name if m.sender else None,
        sender_email=m.sender.email if m.sender else None,
        sender_organization=m.sender_organization.public_id if m.sender_organization else None,
        sender_organization_name=m.sender_organization.name if m.sender_organization else None,
        created_at=m.created_at,
        read_at=m.read_at,
    )


def _send(user, organization, subject, body):
    """The action, with a used-up contact window told apart (429) from other refusals (422)."""
    try:
        return actions.send_contact_message(user, organization, subject, body), None
    except actions.RateLimited as exc:
        return None, Status(429, error_body(" ".join(exc.messages)))


@router.post(
    "/{public_id}/messages",
    response={201: InboxMessageOut, **ERRORS, 429: ErrorOut},
    summary="Send an organization a message",
)
def send_message(request, public_id: UUID, payload: ContactIn):
    """Lands in the organization's inbox; at most 5 messages an hour and 20 a day per user (429)."""
    organization = get_object_or_404(Organization, public_id=public_id)
    sent, refused = run(_send, request.user, organization, payload.subject, payload.body)
    if refused:
        return refused
    message, limited = sent
    return limited or Status(201, _message_out(message))


@router.get(
    "/{public_id}/inbox",
    response={200: InboxPageOut, **ERRORS},
    summary="Your organization's inbox",
)
def inbox(request, public_id: UUID, params: Query[PageParams]):
    """Messages sent to the organization, newest first. Reading does not mark messages read;
    ``POST …/inbox/read`` does."""
    organization = queries.inbox_of(request.user, public_id)
    page = paginate(
        request,
        queries.inbox_messages(organization),
        params,
        transform=lambda rows: [_message_out(m) for m in rows],
    )
    return {**page, "unread": queries.unread_count(organization)}


@router.post(
    "/{public_id}/inbox/read",
    response={200: InboxReadOut, **ERRORS},
    summary="Mark your organization's inbox read",
)
def inbox_read(request, public_id: UUID):
    """Marks every unread message read."""
    organization = queries.inbox_of(request.user, public_id)
    return {"marked": actions.mark_read(organization), "unread": 0}
