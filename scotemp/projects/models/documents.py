"""A project's documents (agreements, memoranda, reports). Checked on upload exactly as verification
documents are (``scotemp.verification.uploads``), stored under a generated name, public or for the
project's partners only, served only through a view that checks access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scotemp.core.models import PublicIdModel

from ..choices import DocumentVisibility


def document_path(instance, filename):
    # Server-generated name: the user's file name is kept only as metadata.
    return f"projects/{instance.project_id}/{instance.public_id}.{instance.extension}"


class ProjectDocument(PublicIdModel):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), related_name="documents", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    visibility = models.CharField(
        _("visible to"), max_length=8, choices=DocumentVisibility.choices, default=DocumentVisibility.PARTNERS
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
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self):
        return self.title
