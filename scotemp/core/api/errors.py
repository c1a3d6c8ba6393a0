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

from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
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


def _limit(ctx: dict, key: str):
    value = ctx.get(key)
    return str(value) if value is not None else ""


def schema_message(error: dict) -> str:
    """A pydantic error in the caller's language: the rule broken, with its limit, never pydantic's
    English text."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("less_than_equal", "less_than"):
        return _("Enter a value of at most %(limit)s.") % {"limit": _limit(ctx, "le") or _limit(ctx, "lt")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter a value of at least %(limit)s.") % {"limit": _limit(ctx, "ge") or _limit(ctx, "gt")}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type", "finite_number"):
        return _("Enter a number.")
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return _("Enter a number with fewer digits.")
    if kind in ("uuid_parsing", "uuid_type"):
        return _("Enter a valid identifier.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a date as YYYY-MM-DD (a moment as YYYY-MM-DDTHH:MM:SS+08:00).")
    if kind == "string_too_short":
        return _("Use at least %(limit)s characters.") % {"limit": _limit(ctx, "min_length")}
    if kind == "string_too_long":
        return _("Use at most %(limit)s characters.") % {"limit": _limit(ctx, "max_length")}
    if kind == "too_short":
        return _("Give at least %(limit)s items.") % {"limit": _limit(ctx, "min_length")}
    if kind == "too_long":
        return _("Give at most %(limit)s items.") % {"limit": _limit(ctx, "max_length")}
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(choices)s.") % {"choices": _limit(ctx, "expected")}
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Send a JSON object.")
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("Send a list.")
    if kind in ("string_type", "string_sub_type"):
        return _("Send text.")
    if kind == "object_expected":
        return _("The request body must be a JSON object.")
    if kind == "extra_forbidden":
        return _("This field is not part of the request: check its name.")
    if kind == "string_pattern_mismatch":
        return _("This value does not have the expected format.")
    return _("This value is not valid.")


def _schema_errors(exc: SchemaValidationError) -> dict:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        for prefix in (("body", "query", "path", "form", "file"), ("payload",)):  # where, not which field
            if loc and loc[0] in prefix:
                loc.pop(0)
        field = ".".join(loc) or "__all__"
        errors.setdefault(field, []).append(schema_message(error))
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

    def on_bad_request(request, exc):
        return api.create_response(request, {"detail": _("The request could not be read.")}, status=400)

    # What Django itself answers with 400 stays a 400 here (ninja would make it a 500 with DEBUG on).
    for bad_request in (SuspiciousOperation, BadRequest, MultiPartParserError):
        api.add_exception_handler(bad_request, on_bad_request)
