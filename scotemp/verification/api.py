"""Verification API: an organization's documents and submission; the operators' review queue.

The actions decide and every entry point answers what they decided, as the pages do: documents exist
only for the organization's members and operators (404 for everybody else, also for an API token of
another organization); uploading, deleting and submitting need an owner or administrator (403 for a
plain member); the queue and decisions exist only for operators (404). Input an action refuses is
422 naming the field; a decision on a review that is no longer pending is a conflict (409)."""

import datetime
from uuid import UUID

from django.http import Http404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from scotemp.core.api import ERRORS, Page, PageParams, paginate, run
from scotemp.core.api.schema import JsonObject
from scotemp.core.permissions import is_operator

from . import actions, queries
from .choices import DocumentKind, ReviewDecision, ReviewStatus
from .responses import document_response

router = Router(tags=["verification"])


class VerificationDocumentOut(Schema):
    public_id: UUID
    kind: DocumentKind
    original_name: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime.datetime


class SubmitReviewIn(JsonObject):
    note: str = ""


class VerificationReviewOut(Schema):
    public_id: UUID
    organization: UUID
    organization_name: str
    country: str
    registry_type: str
    registry_id: str
    status: ReviewStatus
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None
    reason: str
    documents: list[VerificationDocumentOut] = []


class ReviewDecisionIn(JsonObject):
    decision: ReviewDecision
    reason: str = ""


def _document_out(document) -> VerificationDocumentOut:
    return VerificationDocumentOut.model_validate(document, from_attributes=True)


def _review_out(review, documents=None) -> VerificationReviewOut:
    organization = review.organization
    return VerificationReviewOut(
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
    response={200: list[VerificationDocumentOut], **ERRORS},
    summary="An organization's verification documents (at most 20)",
)
def list_documents(request, public_id: UUID):
    organization = queries.private_organization(request.user, public_id)
    return [_document_out(d) for d in queries.documents_of(organization)]


@router.post(
    "/organizations/{public_id}/documents",
    response={201: VerificationDocumentOut, **ERRORS},
    summary="Upload a registration document (PDF, JPEG or PNG, at most 10 MB)",
)
def upload_document(request, public_id: UUID, kind: Form[DocumentKind], file: File[UploadedFile]):
    document, refused = run(actions.upload_document, request.user, public_id, kind=kind, uploaded=file)
    return refused or Status(201, _document_out(document))


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
    return document_response(queries.document_for_download(request.user, public_id, document_id))


@router.delete(
    "/organizations/{public_id}/documents/{document_id}",
    response={204: None, **ERRORS},
    summary="Delete a document (not while it is being reviewed)",
)
def delete_document(request, public_id: UUID, document_id: UUID):
    _nothing, refused = run(actions.delete_document, request.user, public_id, document_id)
    return refused or Status(204, None)


@router.post(
    "/organizations/{public_id}/verification",
    response={201: VerificationReviewOut, **ERRORS},
    summary="Submit the organization's documents for verification",
)
def submit(request, public_id: UUID, payload: SubmitReviewIn | None = None):
    review, refused = run(
        actions.submit_for_review, request.user, public_id, note=(payload.note if payload else "")
    )
    return refused or Status(201, _review_out(queries.review_visible_to(request.user, review.public_id)))


@router.get(
    "/verification/reviews",
    response={200: Page[VerificationReviewOut], **ERRORS},
    summary="The review queue: pending reviews, oldest first (operators)",
)
def review_queue(request, params: Query[PageParams]):
    if not is_operator(request.user):
        raise Http404
    return paginate(
        request,
        queries.review_queue(request.user),
        params,
        transform=lambda reviews: [
            _review_out(review, review.organization.verification_documents.all()) for review in reviews
        ],
    )


@router.post(
    "/verification/reviews/{review_id}/decision",
    response={200: VerificationReviewOut, **ERRORS},
    summary="Approve, reject (reason required) or ask for more information (message required) (operators)",
)
def decide(request, review_id: UUID, payload: ReviewDecisionIn):
    review, refused = run(actions.decide_review, request.user, review_id, payload.decision, payload.reason)
    return refused or _review_out(queries.review_visible_to(request.user, review.public_id))
