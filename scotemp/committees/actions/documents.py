"""The committee's documents library: upload and delete (downloading is a read:
``queries.workspace.document_for_download``).

An upload passes exactly the checks of a verification document (``scotemp.verification.uploads``: a
PDF, JPEG or PNG by its bytes, at most 10 MB), is written under a generated name and exists on disk
only if its row committed."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from scotemp.verification.uploads import check_upload, discard_on_failure, store_checked_file

from ..choices import DocumentKind, DocumentVisibility
from ..models import CommitteeDocument
from .common import managed, record

MAX_DOCUMENTS = 500
TITLE_MAX = 200


def upload_document(
    user, slug: str, *, kind: str, title: str, visibility: str, uploaded
) -> CommitteeDocument:
    """Store a document in the committee's library (its secretary or an operator)."""
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    if visibility not in DocumentVisibility.values:
        errors["visibility"] = [_("Choose who may read the document: everybody or the members only.")]
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
        committee = managed(user, slug, lock=True)  # the lock serializes the count
        if CommitteeDocument.objects.filter(committee=committee).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {
                    "file": [
                        _("The library holds at most %(count)d documents. Delete one first.")
                        % {"count": MAX_DOCUMENTS}
                    ]
                },
                code="limit",
            )
        document = CommitteeDocument(
            committee=committee, kind=kind, title=title, visibility=visibility, uploaded_by=user
        )
        store_checked_file(document, uploaded, detected, stored)
        document.save()
        record("committees.document_uploaded", document, committee, actor=user, after=visibility)
    return document


def delete_document(user, slug: str, public_id) -> None:
    """Delete a document and, once that committed, its file."""
    with transaction.atomic():
        committee = managed(user, slug)
        document = get_object_or_404(
            CommitteeDocument.objects.select_for_update(), committee=committee, public_id=public_id
        )
        name = document.file.name
        record("committees.document_deleted", document, committee, actor=user, before=document.visibility)
        document.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
