"""Verification API: an organization's documents and submission; the operators' review queue.

Same rules as the pages: documents exist only for the organization's members and operators (404 for
everybody else); uploading and submitting need an owner or administrator (403 for plain members);
the queue and decisions exist only for operators. A decision on a review that is no longer pending
is a conflict (409). Errors follow :mod:`scotemp.core.api.errors`."""

import datetime
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from scotemp.core.api.errors import ErrorOut
from scotemp.core.permissions import is_operator

from . import actions, queries
from .models import DocumentKind
from .responses import document_response

router = Router(tags=["verification"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class DocumentOut(Schema):
    public_id: UUID
    kind: DocumentKind
    original_name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime.datetime


class SubmitIn(Schema):
    note: str = ""


class ReviewOut(Schema):
    public_id: UUID
    organization: UUID
    organization_name: str
    country: str
    registry_type: str
    registry_id: str
    status: str
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None
    reason: str
    documents: list[DocumentOut] = []


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "needs_info"]
    reason: str = ""


def _document_out(document) -> DocumentOut:
    return DocumentOut.model_validate(document, from_attributes=True)


def _review_out(review, documents=None) -> ReviewOut:
    organization = review.organization
    return ReviewOut(
        public_id=review.public_id,
        organization=organization.public_id,
        organization_name=organization.name,
        country=organization.country_id,
        registry_type=organization.registry_type,
        registry_id=organization.registry_id,
        status=review.status,
        submitted_at=review.created_at,
        decided_at=review.decided_at,
        reason=review.reason,
        documents=[_document_out(d) for d in (documents or [])],
    )


@router.get(
    "/organizations/{public_id}/documents",
    response={200: list[DocumentOut], **ERRORS},
    summary="An organization's verification documents",
)
def list_documents(request, public_id: UUID):
    organization = queries.private_organization(request.user, public_id)
    return [_document_out(d) for d in queries.documents_of(organization)]


@router.post(
    "/organizations/{public_id}/documents",
    response={201: DocumentOut, **ERRORS},
    summary="Upload a registration document (PDF, JPEG or PNG, at most 10 MB)",
)
def upload_document(request, public_id: UUID, kind: Form[DocumentKind], file: File[UploadedFile]):
    document = actions.upload_document(request.user, public_id, kind=kind, uploaded=file)
    return Status(201, _document_out(document))


@router.get(
    "/organizations/{public_id}/documents/{document_id}",
    response={200: None, **ERRORS},
    summary="Download a document (as an attachment)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}}
                    for media in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
def download_document(request, public_id: UUID, document_id: UUID):
    return document_response(actions.visible_document(request.user, public_id, document_id))


@router.delete(
    "/organizations/{public_id}/documents/{document_id}",
    response={204: None, **ERRORS},
    summary="Delete a document (not while it is being reviewed)",
)
def delete_document(request, public_id: UUID, document_id: UUID):
    actions.delete_document(request.user, public_id, document_id)
    return Status(204, None)


@router.post(
    "/organizations/{public_id}/verification",
    response={201: ReviewOut, **ERRORS},
    summary="Submit the organization's documents for verification",
)
def submit(request, public_id: UUID, payload: SubmitIn | None = None):
    review = actions.submit_for_review(request.user, public_id, note=(payload.note if payload else ""))
    review = queries.review_visible_to(request.user, review.public_id)
    return Status(201, _review_out(review))


@router.get(
    "/verification/reviews",
    response={200: list[ReviewOut], **ERRORS},
    summary="The review queue: pending reviews, oldest first (operators)",
)
def review_queue(request):
    if not is_operator(request.user):
        raise Http404
    return [
        _review_out(review, review.organization.verification_documents.all())
        for review in queries.review_queue(request.user)
    ]


@router.post(
    "/verification/reviews/{review_id}/decision",
    response={200: ReviewOut, **ERRORS},
    summary="Approve, reject (reason required) or ask for more information (message required) (operators)",
)
def decide(request, review_id: UUID, payload: DecisionIn):
    if not is_operator(request.user):
        raise Http404
    review = actions.decide_review(request.user, review_id, payload.decision, payload.reason)
    return _review_out(queries.review_visible_to(request.user, review.public_id))
