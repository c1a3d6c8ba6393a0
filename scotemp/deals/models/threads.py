"""The negotiation thread of an inquiry: messages, their checked attachments and who read what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from .common import _user_fk
from .requests import Inquiry


class Message(PublicIdModel):
    """A message of the negotiation thread of an inquiry (and of its deal)."""

    org_field = ("inquiry__buyer", "inquiry__seller")

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), related_name="messages", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("from organization"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    author = _user_fk(_("author"))
    body = models.TextField(_("message"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.body[:60]

    @staticmethod
    def operator_q():
        return Q(inquiry__operator_access_at__isnull=False)


def attachment_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"deals/{instance.message.inquiry.public_id}/{instance.public_id}.{instance.extension}"


class Attachment(PublicIdModel):
    """A file attached to a message; checked by its bytes like a verification document (PDF, JPEG,
    PNG up to 10 MB), stored under a generated name and served only through a permission check."""

    org_field = ("message__inquiry__buyer", "message__inquiry__seller")

    message = models.ForeignKey(
        Message, verbose_name=_("message"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @staticmethod
    def operator_q():
        return Q(message__inquiry__operator_access_at__isnull=False)


class ThreadRead(models.Model):
    """Up to when a user has read an inquiry's thread (messages after it are unread)."""

    inquiry = models.ForeignKey(Inquiry, related_name="reads", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="unique_thread_read")]

    def __str__(self):
        return f"{self.inquiry_id}/{self.user_id} {self.read_at:%Y-%m-%d %H:%M}"
