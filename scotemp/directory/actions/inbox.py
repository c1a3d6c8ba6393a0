"""Writes about the organizations' inboxes: the public contact form's message (rate-limited) and
marking messages read. The reads are in :mod:`scotemp.directory.queries.inbox`.

A message is announced once (``directory.inbox_message``): one audit row, and every member of the
receiving organization is told in the app and by e-mail in their own language (never the sender, who
may belong to it when writing with an API token of another organization)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization
from scotemp.core.effects import Notice, announce, per_language
from scotemp.core.permissions import acting_organization_id, is_member

from ..choices import INBOX_BODY_MAX, INBOX_SUBJECT_MAX
from ..models import InboxMessage

# (window in seconds, messages allowed per user in it)
RATE_LIMITS = ((3600, 5), (86400, 20))
EXCERPT_CHARS = 300  # of the message, in the notification; the whole message is in the inbox


class RateLimited(ValidationError):
    """The sender has used up a contact window (HTTP 429)."""

    def __init__(self, message):
        super().__init__(message, code="rate_limited")


def _clock() -> float:
    return time.time()


def _rate_keys(user_id: int) -> list[tuple[str, int, int]]:
    now = int(_clock())
    return [
        (f"directory:contact:{user_id}:{window}:{now // window}", window, limit)
        for window, limit in RATE_LIMITS
    ]


def check_rate_limit(user) -> None:
    """Raise :class:`RateLimited` (translated) when ``user`` has used up a contact window."""
    keys = _rate_keys(user.pk)
    counts = cache.get_many([key for key, _w, _l in keys])
    for key, window, limit in keys:
        if counts.get(key, 0) >= limit:
            if window == 3600:
                message = _(
                    "You have sent %(limit)s messages in the last hour, the most allowed. "
                    "Please try again later."
                ) % {"limit": limit}
            else:
                message = _(
                    "You have sent %(limit)s messages today, the most allowed. Please try again tomorrow."
                ) % {"limit": limit}
            raise RateLimited(message)


def _count_message(user) -> None:
    for key, window, _limit in _rate_keys(user.pk):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def _clean(subject: str, body: str) -> tuple[str, str]:
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Subject: this field is required.")
    elif len(subject) > INBOX_SUBJECT_MAX:
        errors["subject"] = _("Subject: at most %(max)s characters.") % {"max": INBOX_SUBJECT_MAX}
    if not body:
        errors["body"] = _("Message: this field is required.")
    elif len(body) > INBOX_BODY_MAX:
        errors["body"] = _("Message: at most %(max)s characters.") % {"max": INBOX_BODY_MAX}
    if errors:
        raise ValidationError(errors)
    return subject, body


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


@transaction.atomic
def send_contact_message(sender, organization: Organization, subject: str, body: str) -> InboxMessage:
    """Put a message from a signed-in ``sender`` into ``organization``'s inbox.

    Guarantees: at most 5 messages per sender per hour and 20 per day (:class:`RateLimited`
    otherwise); nobody writes to an organization they act for; the organization the sender acts for
    (their token's, or their active one) is recorded as the sender's organization; the members are
    told. Nothing is stored on error."""
    if not sender or not sender.is_authenticated:
        raise ValidationError(_("Sign in to contact an organization."), code="sign_in")
    subject, body = _clean(subject, body)
    if is_member(sender, organization.pk):
        raise ValidationError(_("This is your own organization: its inbox is for messages from others."))
    check_rate_limit(sender)
    sender_org_id = acting_organization_id(sender)
    sender_org = Organization.objects.filter(pk=sender_org_id).first() if sender_org_id else None
    message = InboxMessage.objects.create(
        organization=organization, sender=sender, sender_organization=sender_org, subject=subject, body=body
    )
    _count_message(sender)
    signed = f"{sender.display_name} ({sender_org.name})" if sender_org else sender.display_name
    announce(
        "directory.inbox_message",
        subject=message,
        actor=sender,
        organization=organization,
        data={"sender_organization": sender_org_id},
        notices=[
            Notice(
                "directory.inbox_message",
                {
                    "organization": organization.name,
                    "subject": subject,
                    "sender": signed,
                    "excerpt": _excerpt(body),
                    "platform": per_language(settings.SCOTEMP_PLATFORM_NAME),
                },
                reverse("directory:inbox", args=[organization.public_id]),
                organization_id=organization.pk,
                exclude_user_id=sender.pk,
            )
        ],
        key=f"inbox:{message.pk}",
    )
    return message


def mark_read(organization: Organization, message_ids=None) -> int:
    """Mark the organization's unread messages (or only ``message_ids``) as read; returns how many.
    ``organization`` comes from :func:`scotemp.directory.queries.inbox.inbox_of`, which checked the
    reader's membership."""
    qs = InboxMessage.objects.filter(organization=organization, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=list(message_ids))
    return qs.update(read_at=timezone.now())
