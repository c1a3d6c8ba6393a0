"""Writes of the negotiation thread: post a message (with attachments), mark the thread read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce, prepare
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ..choices import MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH
from ..labels import org_label
from ..models import Attachment, Inquiry, Message, ThreadRead
from .common import clean_text, org_id_of, other_org_id, require_side


def post_message(user, inquiry: Inquiry, body: str, files=()) -> Message:
    """Post to the thread in the name of the organization ``user`` acts for, with up to 5
    attachments checked by their bytes (PDF, JPEG, PNG, 10 MB each). Nothing is stored unless every
    file passes, and no file outlives a message that did not commit; the other side is notified.
    The audit row names the message, never its text (the correspondence stays the parties')."""
    side = require_side(user, inquiry)
    body = clean_text(body, "body", MAX_MESSAGE_LENGTH)
    files = list(files or ())
    if not body and not files:
        raise ValidationError({"body": [_("Write a message or attach a file.")]}, code="empty_message")
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": [_("Attach at most %(max)d files to one message.") % {"max": MAX_ATTACHMENTS}]},
            code="too_many_files",
        )
    checked = [(f, check_upload(f)) for f in files]  # raises before anything is written
    org_id = org_id_of(inquiry, side)
    sender = _party(inquiry, org_id)
    notices = prepare(
        [
            Notice(
                "deals.message",
                {"goods": inquiry.rfq.goods, "sender": org_label(sender), "excerpt": body[:140]},
                inquiry.get_absolute_url(),
                organization_id=other_org_id(inquiry, side),
                exclude_user_id=user.pk,
            )
        ]
    )
    # Everything above is read or prepared before the transaction (the recipients and their e-mails
    # too): on SQLite the write lock is held from its first statement to its commit, and every other
    # writer waits for it meanwhile.
    with discard_on_failure() as stored, transaction.atomic():
        now = timezone.now()
        message = Message.objects.create(inquiry=inquiry, organization=sender, author=user, body=body)
        for uploaded, detected in checked:
            attachment = Attachment(message=message)
            store_checked_file(attachment, uploaded, detected, stored)
            attachment.save()
        Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=now, updated_at=now)
        _mark_read(inquiry, user, now)
        announce(
            "inquiry.message_posted",
            subject=inquiry,
            actor=user,
            organization=org_id,
            at=now,
            data={"message": str(message.public_id), "attachments": len(checked)},
            notices=notices,
            key=f"deals:message:{message.pk}",
        )
    return message


def _party(inquiry: Inquiry, org_id: int) -> Organization:
    """The inquiry's buyer or seller row (usually loaded with the inquiry already)."""
    return inquiry.buyer if org_id == inquiry.buyer_id else inquiry.seller


def _mark_read(inquiry: Inquiry, user, at) -> None:
    """One statement (insert, or update the existing row): no read-then-write inside a transaction."""
    ThreadRead.objects.bulk_create(
        [ThreadRead(inquiry=inquiry, user=user, read_at=at)],
        update_conflicts=True,
        unique_fields=["inquiry", "user"],
        update_fields=["read_at"],
    )


def mark_thread_read(user, inquiry: Inquiry) -> None:
    """Everything posted so far counts as read by ``user`` (a reading mark, not a change of the
    negotiation: nothing is announced)."""
    _mark_read(inquiry, user, timezone.now())
