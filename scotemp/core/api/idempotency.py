"""``Idempotency-Key`` for every API POST, so a client can retry safely after a timeout.

- first request with a key: runs normally; its response (status, type, body) is stored;
- a retry with the same key and the same method, path and body: gets the stored response, and the
  effect (a quotation sent, a deal moved) is not repeated;
- the same key with a different request: 422, nothing runs;
- a retry while the first request is still running: 409, nothing runs.

A response in the 5xx range is not kept (the request did not happen as far as the client can
tell), so a retry runs again. Keys are scoped to the caller: the signed-in user, or the API token.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from scotemp.core.models import IdempotencyRecord

from .errors import error_body

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def _scope(request) -> str | None:
    authorization = request.headers.get("Authorization", "")
    if authorization:
        return "t:" + hashlib.sha256(authorization.encode()).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    return None


def _fingerprint(request) -> str:
    """A hash of method, path and body. A multipart body (files attached to a message) is hashed from
    its parsed fields and file contents: reading ``request.body`` would hold every upload in memory and
    is refused above ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0")
    digest.update(request.get_full_path().encode())
    digest.update(b"\0")
    if request.content_type == "multipart/form-data":
        for name in sorted(request.POST):
            for value in request.POST.getlist(name):
                digest.update(f"{name}={value}\0".encode())
        for name in sorted(request.FILES):
            for uploaded in request.FILES.getlist(name):
                digest.update(f"{name}:{uploaded.name}:{uploaded.size}\0".encode())
                for chunk in uploaded.chunks():
                    digest.update(chunk)
                uploaded.seek(0)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse(error_body(message, HEADER), status=status, json_dumps_params={"ensure_ascii": False})


class IdempotencyMiddleware:
    """Applies to POST requests under ``/api/`` that carry the header; everything else passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER, "").strip()
        if request.method != "POST" or not key or not request.path.startswith("/api/"):
            return self.get_response(request)
        scope = _scope(request)
        if scope is None:
            return self.get_response(request)  # anonymous: authentication refuses it anyway
        if len(key) > MAX_KEY_LENGTH:
            return _error(
                422,
                _("The Idempotency-Key header is longer than %(limit)s characters.")
                % {"limit": MAX_KEY_LENGTH},
            )
        fingerprint = _fingerprint(request)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(scope=scope, key=key, fingerprint=fingerprint)
        except IntegrityError:
            return self._replay(scope, key, fingerprint)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            raise
        if response.status_code >= 500 or getattr(response, "streaming", False):
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            return response
        IdempotencyRecord.objects.filter(pk=record.pk).update(
            status_code=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=bytes(response.content),
        )
        return response

    def _replay(self, scope: str, key: str, fingerprint: str):
        record = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
        if record is None:  # deleted meanwhile (the first attempt failed): ask for a retry
            return _error(409, _("A request with this Idempotency-Key has just failed; retry it."))
        if record.fingerprint != fingerprint:
            return _error(
                422,
                _(
                    "This Idempotency-Key was already used for a different request; "
                    "use a new key for a new request."
                ),
            )
        if record.status_code is None:
            return _error(
                409, _("A request with this Idempotency-Key is still being processed; retry later.")
            )
        response = HttpResponse(
            bytes(record.body), status=record.status_code, content_type=record.content_type
        )
        response["Idempotent-Replayed"] = "true"
        return response
