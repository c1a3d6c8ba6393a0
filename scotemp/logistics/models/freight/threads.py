"""The thread of a freight inquiry: messages, their checked attachments and who read what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel
from scotemp.core.permissions import OrgScopedQuerySet

from .common import _org_fk, _user_fk
from .requests import FreightInquiry


class FreightMessage(PublicIdModel):
    """A message of the thread of a freight inquiry."""

    org_field = ("inquiry__shipper", "inquiry__provider")

    inquiry = models.ForeignKey(
        FreightInquiry, verbose_name=_("freight inquiry"), related_name="messages", on_delete=models.CASCADE
    )
    organization = _org_fk(_("from organization"))
    author = _user_fk(_("author"))
    body = models.TextField(_("message"), blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("freight message")
        verbose_name_plural = _("freight messages")

    def __str__(self):
        return self.body[:60]

    @staticmethod
    def operator_q():
        return Q(pk__in=[])


def freight_attachment_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only.
    return f"freight/{instance.message.inquiry.public_id}/{instance.public_id}.{instance.extension}"


class FreightAttachment(PublicIdModel):
    """A file attached to a freight message, checked by its bytes (PDF, JPEG, PNG up to 10 MB), stored
    under a generated name and served only through a permission check."""

    org_field = ("message__inquiry__shipper", "message__inquiry__provider")

    message = models.ForeignKey(
        FreightMessage, verbose_name=_("message"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=freight_attachment_path, max_length=200)
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
        return Q(pk__in=[])


class FreightThreadRead(models.Model):
    """Up to when a user has read a freight inquiry's thread."""

    inquiry = models.ForeignKey(FreightInquiry, related_name="reads", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="unique_freight_thread_read")]

    def __str__(self):
        return f"{self.inquiry_id}/{self.user_id}"
