"""One JSON error shape for the whole API, with translated messages.

Every error is ``{"detail": "<message>", "errors": {"<field>": ["<message>", ...]}}`` (``errors`` only
when a field is to blame), with these statuses:

- 400: a Django ``ValidationError`` raised by an action (a business rule, e.g. the last owner);
- 409: the same with ``code="conflict"`` (the thing exists already, or is in another state);
- 401: no or an invalid token/session; 403: ``PermissionDenied``; 404: not found or not yours;
- 422: the request body or parameters do not match the schema.

``install_error_handlers(api)`` is called once by ``config/api.py``. Endpoints declare their error
responses with :data:`ERRORS` (or the subset that applies: :data:`PUBLIC_ERRORS` for endpoints anyone
may call), so the schema documents every status the handler can answer."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.schema import Schema


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def error_body(message: str, field: str | None = None) -> dict:
    """``{"detail": message}``, with ``errors`` naming ``field`` when one is to blame."""
    body = {"detail": str(message)}
    if field:
        body["errors"] = {field: [str(message)]}
    return body


def _codes(exc: DjangoValidationError) -> set[str]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


def validation_body(exc: DjangoValidationError) -> dict:
    """The JSON body for a Django ValidationError: a summary plus the messages per field."""
    if hasattr(exc, "error_dict"):
        errors = {
            ("__all__" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
        first = next(iter(errors.values()), [""])
        detail = first[0] if len(errors) == 1 and len(first) == 1 else _("Some fields are not valid.")
        return {"detail": detail, "errors": errors}
    return {"detail": " ".join(exc.messages)}


def validation_status(exc: DjangoValidationError) -> int:
    return 409 if "conflict" in _codes(exc) else 400


def _schema_errors(exc: SchemaValidationError) -> dict:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        for prefix in (("body", "query", "path", "form", "file"), ("payload",)):  # where, not which field
            if loc and loc[0] in prefix:
                loc.pop(0)
        field = ".".join(loc) or "__all__"
        if error.get("type") == "missing":
            message = _("This field is required.")
        else:
            message = error.get("msg") or _("This value is not valid.")
        errors.setdefault(field, []).append(str(message))
    return {"detail": _("The request does not match the expected format."), "errors": errors}


def install_error_handlers(api) -> None:
    def on_django_validation(request, exc):
        return api.create_response(request, validation_body(exc), status=validation_status(exc))

    def on_permission_denied(request, exc):
        detail = str(exc) or _("You do not have permission to do this.")
        return api.create_response(request, {"detail": detail}, status=403)

    def on_not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def on_schema_validation(request, exc):
        return api.create_response(request, _schema_errors(exc), status=422)

    def on_http_error(request, exc):
        if isinstance(exc, AuthenticationError):
            detail = _("Sign in, or send a valid API token: Authorization: Bearer sco_…")
        elif isinstance(exc, AuthorizationError):
            detail = _("You do not have permission to do this.")
        else:
            detail = str(exc)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(SchemaValidationError, on_schema_validation)
    api.add_exception_handler(HttpError, on_http_error)
