"""A project's documents: upload and delete by the owner (reading is
``queries.projects.document_for_download``).

An upload passes exactly the checks of a verification document (``scotemp.verification.uploads``: a
PDF, JPEG or PNG by its bytes, at most 10 MB), is written under a generated name and exists on disk
only if its row committed."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from scotemp.core.effects import announce
from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ..choices import DocumentVisibility
from ..models import ProjectDocument
from .common import managed

MAX_DOCUMENTS = 100
TITLE_MAX = 200


def upload_document(user, public_id, *, title: str, visibility: str, uploaded) -> ProjectDocument:
    errors = {}
    if visibility not in DocumentVisibility.values:
        errors["visibility"] = [_("Visible to: choose everybody or the partners only.")]
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the document a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Use at most %(max)d characters.") % {"max": TITLE_MAX}]
    if uploaded is None:
        errors["file"] = [_("Choose a file.")]
    if errors:
        raise ValidationError(errors)
    detected = check_upload(uploaded)
    with discard_on_failure() as stored, transaction.atomic(durable=True):
        project = managed(user, public_id)  # the lock serializes the count
        if ProjectDocument.objects.filter(project=project).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {
                    "file": [
                        _("A project holds at most %(count)d documents. Delete one first.")
                        % {"count": MAX_DOCUMENTS}
                    ]
                },
                code="limit",
            )
        document = ProjectDocument(project=project, title=title, visibility=visibility, uploaded_by=user)
        store_checked_file(document, uploaded, detected, stored)
        document.save()
        announce(
            "project.document_uploaded",
            subject=document,
            actor=user,
            organization=project.owner_id,
            to_status=visibility,
            data={"project": str(project.public_id)},
        )
    return document


def delete_document(user, public_id, document_id) -> None:
    """Delete a document and, once that committed, its file."""
    with transaction.atomic():
        project = managed(user, public_id)
        document = get_object_or_404(
            ProjectDocument.objects.select_for_update(), project=project, public_id=document_id
        )
        name = document.file.name
        announce(
            "project.document_deleted",
            subject=document,
            actor=user,
            organization=project.owner_id,
            from_status=document.visibility,
            data={"project": str(project.public_id)},
        )
        document.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
