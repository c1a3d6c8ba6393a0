"""In-app notifications and the e-mail outbox.

Both are written by domain actions inside their own transaction, so a notification exists exactly
when the change that caused it committed. ``dedupe_key`` (unique) makes writing them idempotent: a
retried action, or a second worker, cannot create a second notification for the same event. The
outbox is delivered by a task that claims rows one at a time under a short, renewed lease (see
``actions`` and the README's "E-mail delivery")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import TimeStampedModel


class Notification(TimeStampedModel):
    """A message shown in the user's notification list, rendered in their language when displayed
    from ``kind`` and ``params``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="notifications", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(TimeStampedModel):
    """An e-mail to send: rendered in ``language`` when it is queued (``subject``/``body``), sent by
    whichever worker holds its claim (``claim_token`` until ``lease_expires_at``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    to = models.EmailField()
    template_prefix = models.CharField(max_length=100)
    context = models.JSONField(default=dict)
    language = models.CharField(max_length=10)
    subject = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The body carries a secret (an invitation token, a sign-in code): it is erased once sent.
    erase_when_sent = models.BooleanField(default=False)
    dedupe_key = models.CharField(max_length=200, unique=True)
    # The same Message-ID on every attempt, so a re-sent copy is recognisable as the same message.
    message_id = models.CharField(max_length=250, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    # A row in ``sending`` whose lease has run out belongs to a dead worker and may be claimed again.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # After a failed attempt the row waits until then (exponential backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["status", "lease_expires_at"], name="outbox_lease_idx"),
        ]

    def __str__(self):
        return f"{self.template_prefix} → {self.to}"
