"""A committee's documents library: minutes, reports, regulations. Checked on upload exactly as
verification documents are (``scotemp.verification.uploads``), stored under a generated name, public
or for the committee's members only, served only through a view that checks access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel

from ..choices import DocumentKind, DocumentVisibility


def document_path(instance, filename):
    # Server-generated name: the user's file name is kept only as metadata.
    return f"committees/{instance.committee_id}/{instance.public_id}.{instance.extension}"


class CommitteeDocument(PublicIdModel):
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("committee"),
        related_name="documents",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    visibility = models.CharField(
        _("visible to"), max_length=8, choices=DocumentVisibility.choices, default=DocumentVisibility.MEMBERS
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    extension = models.CharField(max_length=5, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("committee document")
        verbose_name_plural = _("committee documents")

    def __str__(self):
        return self.title
