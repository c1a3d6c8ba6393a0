"""The organizations' inboxes: the public contact form's write (rate-limited, owners and admins told by
e-mail) and the members' reads. Views and the API call these; they hold no rules of their own."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from scotemp.accounts.models import Membership, Organization
from scotemp.core.mail import absolute_url
from scotemp.core.permissions import ADMIN, roles_at_least
from scotemp.notifications.actions import queue_email

from .models import InboxMessage

# (window in seconds, messages allowed per user in it)
RATE_LIMITS = ((3600, 5), (86400, 20))
SUBJECT_MAX = 200
BODY_MAX = 5000


def _clock() -> float:
    return time.time()


def _rate_keys(user_id: int) -> list[tuple[str, int, int]]:
    now = int(_clock())
    return [
        (f"directory:contact:{user_id}:{window}:{now // window}", window, limit)
        for window, limit in RATE_LIMITS
    ]


def check_rate_limit(user) -> None:
    """Raise a translated ValidationError when ``user`` has used up a contact window."""
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
            raise ValidationError(message, code="rate_limited")


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
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("Subject: at most %(max)s characters.") % {"max": SUBJECT_MAX}
    if not body:
        errors["body"] = _("Message: this field is required.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Message: at most %(max)s characters.") % {"max": BODY_MAX}
    if errors:
        raise ValidationError(errors)
    return subject, body


@transaction.atomic
def send_contact_message(sender, organization: Organization, subject: str, body: str) -> InboxMessage:
    """Put a message from a signed-in ``sender`` into ``organization``'s inbox.

    Guarantees: at most 5 messages per sender per hour and 20 per day (translated error otherwise);
    the owners and administrators get an e-mail in their own language after the commit; the
    sender's active organization is recorded when they belong to it. Nothing is stored on error."""
    if not sender or not sender.is_authenticated:
        raise ValidationError(_("Sign in to contact an organization."), code="sign_in")
    subject, body = _clean(subject, body)
    if Membership.objects.filter(user=sender, organization=organization).exists():
        raise ValidationError(_("This is your own organization: its inbox is for messages from others."))
    check_rate_limit(sender)
    sender_org = getattr(sender, "active_organization", None)
    if (
        sender_org is not None
        and not Membership.objects.filter(user=sender, organization=sender_org).exists()
    ):
        sender_org = None
    message = InboxMessage.objects.create(
        organization=organization, sender=sender, sender_organization=sender_org, subject=subject, body=body
    )
    _count_message(sender)
    link = absolute_url(reverse("directory:inbox", args=[organization.public_id]))
    recipients = (
        Membership.objects.filter(organization=organization, role__in=roles_at_least(ADMIN))
        .select_related("user")
        .order_by("pk")
    )
    for membership in recipients:
        user = membership.user
        if not user.is_active or not user.email:
            continue
        queue_email(
            user,
            "directory/email/inbox_message",
            {
                "organization": organization,
                "message": message,
                "sender_name": sender.display_name,
                "sender_organization": sender_org.name if sender_org else "",
                "link": link,
                "platform_name": settings.SCOTEMP_PLATFORM_NAME,
            },
            f"inbox:{message.pk}:{user.pk}",
        )
    return message


def member_organization(user, public_id) -> Organization:
    """The organization ``public_id`` if ``user`` is one of its members; 404 for anyone else
    (operators included: an inbox is private correspondence)."""
    org = Organization.objects.of_member(user).filter(public_id=public_id).first()
    if org is None:
        raise Http404
    return org


def inbox_messages(organization: Organization):
    """The organization's messages, newest first, with sender and sender's organization."""
    return InboxMessage.objects.filter(organization=organization).select_related(
        "sender", "sender_organization", "sender_organization__country"
    )


def mark_read(organization: Organization, message_ids=None) -> int:
    """Mark the organization's unread messages (or only ``message_ids``) as read; returns how many."""
    qs = InboxMessage.objects.filter(organization=organization, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=list(message_ids))
    return qs.update(read_at=timezone.now())


def unread_count(organization: Organization) -> int:
    return InboxMessage.objects.filter(organization=organization, read_at__isnull=True).count()
