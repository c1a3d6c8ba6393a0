"""Writes of a freight inquiry's thread: post a message with checked attachments, mark it read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.core.effects import Notice, announce, prepare
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ...choices.freight import MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH
from ...models import FreightAttachment, FreightInquiry, FreightMessage, FreightThreadRead
from .common import clean_text, org_id_of, org_label, other_org_id, require_side


def post_freight_message(user, inquiry: FreightInquiry, body: str, files=()) -> FreightMessage:
    """Post to the thread in the name of the side ``user`` acts for, with up to 5 attachments checked
    by their bytes (PDF, JPEG, PNG, 10 MB each); nothing is stored unless every file passes and no
    file outlives a message that did not commit. The other side is notified; the audit row names the
    message, never its text."""
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
    checked = [(f, check_upload(f)) for f in files]
    org_id = org_id_of(inquiry, side)
    sender = inquiry.shipper if org_id == inquiry.shipper_id else inquiry.provider
    notices = prepare(
        [
            Notice(
                "logistics.freight_message",
                {"goods": inquiry.request.goods, "sender": org_label(sender), "excerpt": body[:140]},
                inquiry.get_absolute_url(),
                organization_id=other_org_id(inquiry, side),
                exclude_user_id=user.pk,
            )
        ]
    )
    with discard_on_failure() as stored, transaction.atomic():
        now = timezone.now()
        message = FreightMessage.objects.create(inquiry=inquiry, organization=sender, author=user, body=body)
        for uploaded, detected in checked:
            attachment = FreightAttachment(message=message)
            store_checked_file(attachment, uploaded, detected, stored)
            attachment.save()
        FreightInquiry.objects.filter(pk=inquiry.pk).update(last_message_at=now, updated_at=now)
        _mark_read(inquiry, user, now)
        announce(
            "freight_inquiry.message_posted",
            subject=inquiry,
            actor=user,
            organization=org_id,
            at=now,
            data={"message": str(message.public_id), "attachments": len(checked)},
            notices=notices,
            key=f"freight:message:{message.pk}",
        )
    return message


def _mark_read(inquiry, user, at) -> None:
    FreightThreadRead.objects.bulk_create(
        [FreightThreadRead(inquiry=inquiry, user=user, read_at=at)],
        update_conflicts=True,
        unique_fields=["inquiry", "user"],
        update_fields=["read_at"],
    )


def mark_freight_thread_read(user, inquiry: FreightInquiry) -> None:
    require_side(user, inquiry)
    _mark_read(inquiry, user, timezone.now())


__all__ = ["mark_freight_thread_read", "post_freight_message"]
