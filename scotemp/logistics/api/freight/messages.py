"""The thread of a freight inquiry under /api/v1/logistics/freight-inquiries/{id}/messages, and its
attachments (checked uploads, served through the permission check). Same rules as the deals threads:
404 for anyone but the shipper and that provider."""

import json
from uuid import UUID

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from ninja import Router, Status

from scotemp.core.api import ERRORS, run
from scotemp.verification.responses import document_response

from ...actions import freight as actions
from ...choices.freight import MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH
from ...models import FreightAttachment
from ...queries import freight as freight_queries
from .schemas import NO_NUL, NOT_BLANK, FreightMessageOut, org_out

router = Router(tags=["logistics: freight"])


def message_out(message, user) -> dict:
    return {
        "public_id": message.public_id,
        "organization": org_out(message.organization),
        "author": message.author.display_name if message.author_id else None,
        "mine": message.author_id == user.pk,
        "body": message.body,
        "created_at": message.created_at,
        "attachments": [
            {
                "public_id": a.public_id,
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "url": f"/api/v1/logistics/freight-attachments/{a.public_id}",
            }
            for a in message.attachments.all()
        ],
    }


@router.get(
    "/freight-inquiries/{public_id}/messages",
    response={200: list[FreightMessageOut], **ERRORS},
    summary="The thread, oldest first",
)
def list_messages(request, public_id: UUID):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    return [message_out(m, request.user) for m in freight_queries.thread_of(inquiry)]


_MESSAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "body": {"type": "string", "maxLength": MAX_MESSAGE_LENGTH, "pattern": NO_NUL},
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "minItems": 1,
                            "maxItems": MAX_ATTACHMENTS,
                        },
                    },
                    "anyOf": [
                        {"required": ["body"], "properties": {"body": {"pattern": NOT_BLANK}}},
                        {"required": ["files"]},
                    ],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "body": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": MAX_MESSAGE_LENGTH,
                            "pattern": NOT_BLANK,
                        }
                    },
                    "required": ["body"],
                }
            },
        },
    }
}


def _json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


@router.post(
    "/freight-inquiries/{public_id}/messages",
    response={201: FreightMessageOut, **ERRORS},
    openapi_extra=_MESSAGE_BODY,
    summary="Post to the thread: multipart (body, files[] — PDF, JPEG, PNG, 10 MB each, 5 at most) or JSON",
)
def post_message(request, public_id: UUID):
    inquiry = freight_queries.inquiry_for_viewer(request.user, public_id)
    if request.content_type == "multipart/form-data":
        if "files" in request.POST or "files[]" in request.POST:
            message = _("Send the files as file parts of the form.")
            return Status(422, {"detail": message, "errors": {"files": [message]}})
        body = request.POST.get("body", "")
        files = request.FILES.getlist("files") or request.FILES.getlist("files[]")
    else:
        data = _json_body(request)
        if data is None or not isinstance(data.get("body", ""), str):
            message = _("The request does not match the expected format.")
            return Status(422, {"detail": message, "errors": {"body": [message]}})
        body, files = data.get("body", ""), []
    message, error = run(actions.post_freight_message, request.user, inquiry, body, files)
    if error:
        errors = error.value.get("errors") or {}
        if "file" in errors:
            errors["files"] = errors.pop("file")
        return error
    prefetch_related_objects(
        [message], Prefetch("attachments", queryset=FreightAttachment.objects.order_by("id"))
    )
    return Status(201, message_out(message, request.user))


@router.get(
    "/freight-attachments/{public_id}",
    response={200: None, **ERRORS},
    summary="Download an attachment of a freight thread",
)
def download_attachment(request, public_id: UUID):
    return document_response(freight_queries.attachment_for_viewer(request.user, public_id))
