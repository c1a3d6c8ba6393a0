"""Registration documents: upload and delete (the download is a read: ``queries.document_for_download``).

A document's file is on disk only if its row committed (see :func:`upload_document`), and is removed
from disk only once its deletion committed."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from scotemp.accounts.models import Organization

from ..choices import DocumentKind, ReviewStatus
from ..models import VerificationDocument, VerificationReview
from ..uploads import check_upload, discard_on_failure, store_checked_file
from .common import editable_organization

MAX_DOCUMENTS = 20


def upload_document(user, organization_public_id, *, kind: str, uploaded) -> VerificationDocument:
    """Store a registration document for an organization (owners, administrators, operators).

    Guarantees: the content is a PDF, JPEG or PNG by its bytes and at most 10 MB; the organization
    holds at most ``MAX_DOCUMENTS``; the file is written under a server-generated name and exists on
    disk only if its row committed (this must be the outermost transaction: ``durable=True``)."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Choose the kind of document.")]}, code="invalid")
    detected = check_upload(uploaded)
    with discard_on_failure() as stored, transaction.atomic(durable=True):
        organization = editable_organization(user, organization_public_id)
        Organization.objects.select_for_update().filter(pk=organization.pk).first()  # serialize the count
        if VerificationDocument.objects.filter(organization=organization).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {
                    "file": [
                        _("An organization can keep at most %(count)d documents. Delete one first.")
                        % {"count": MAX_DOCUMENTS}
                    ]
                },
                code="limit",
            )
        document = VerificationDocument(organization=organization, kind=kind, uploaded_by=user)
        store_checked_file(document, uploaded, detected, stored)  # name from document_path
        document.save()
    return document


def delete_document(user, organization_public_id, document_public_id) -> None:
    """Delete a document and, after commit, its file. Refused while a review of it is pending."""
    with transaction.atomic():
        organization = editable_organization(user, organization_public_id)
        document = get_object_or_404(
            VerificationDocument.objects.select_for_update(),
            organization=organization,
            public_id=document_public_id,
        )
        if VerificationReview.objects.filter(organization=organization, status=ReviewStatus.PENDING).exists():
            raise ValidationError(
                _("The documents are being reviewed; you can delete them once the operator has decided."),
                code="conflict",
            )
        name = document.file.name
        document.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
