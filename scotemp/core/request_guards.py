"""Requests refused before any view runs, with a translated 4xx instead of an error deep inside.

``RequestGuardMiddleware`` (early in ``settings.MIDDLEWARE``, before sessions) refuses:

- a NUL character in the path (404: no such address) or in a query parameter (API 422, page 400,
  naming the parameter); a cookie with a NUL is ignored, as if it had not been sent;
- a ``multipart/*`` body whose Content-Type has no valid boundary, or a body Django cannot read as
  form data (400; 413 when it is larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` allows);
- a NUL character in a form field (API 422, page 400, naming the field). Form posts to pages are
  read here as the CSRF check reads them anyway; a multipart body sent to the API is left to the
  API's parser, which checks the fields it declares, because reading it here would consume the
  stream that an endpoint expecting JSON reads;
- an API body that is not standard JSON, nests more than 32 levels, has a NUL in a string or a key
  or an integer wider than 64 bits (422 naming the field; see :mod:`scotemp.core.api.parsing`).
  The checked body is kept on the request for the API's parser, so it is parsed once.

API errors (under ``/api/``) are the API's JSON shape ``{"detail", "errors"}``; page errors are a
short plain-text page. Messages are in the language the request asks for (language cookie or
``Accept-Language``): the guard runs before the user's own preference is known.
"""

from io import BytesIO

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _

from scotemp.core.api.parsing import CHECKED_JSON, NUL, BodyError, load_json, nul_message

API_PREFIX = "/api/"
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class Refusal(Exception):
    def __init__(self, status: int, detail: str, field: str | None = None):
        super().__init__(detail)
        self.status, self.detail, self.field = status, detail, field


def _nul_field(querydict) -> str | None:
    for name, values in querydict.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "")
    return None


def _check_query(request) -> None:
    field = _nul_field(request.GET)
    if field is not None:
        raise Refusal(422 if request.path.startswith(API_PREFIX) else 400, nul_message(), field or "__all__")


def _check_multipart_headers(request) -> None:
    """The checks Django's multipart parser makes before reading anything: a multipart Content-Type
    with a valid boundary and a sane Content-Length. The stream is not touched."""
    try:
        MultiPartParser(request.META, BytesIO(), request.upload_handlers)
    except MultiPartParserError:
        raise Refusal(
            400, _("The form data cannot be read: send multipart/form-data with a valid boundary.")
        ) from None


def _read(read):
    try:
        return read()
    except RequestDataTooBig:
        raise Refusal(413, _("The request body is too large.")) from None
    except (MultiPartParserError, SuspiciousOperation):
        raise Refusal(400, _("The form data cannot be read.")) from None


def _check_body(request) -> None:
    if request.method not in BODY_METHODS:
        return
    is_api = request.path.startswith(API_PREFIX)
    content_type = request.content_type or ""
    if content_type.startswith("multipart/"):
        _check_multipart_headers(request)
        if is_api:
            return
    if content_type in FORM_TYPES:
        if request.method == "POST":
            field = _nul_field(_read(lambda: request.POST))
            if field is not None:
                raise Refusal(422 if is_api else 400, nul_message(), field or "__all__")
        return
    if not is_api:
        return
    body = _read(lambda: request.body)
    if not body:
        return
    try:
        setattr(request, CHECKED_JSON, load_json(body))
    except BodyError as exc:
        raise Refusal(422, exc.detail) from exc


def _drop_nul_cookies(request) -> None:
    for name in [name for name, value in request.COOKIES.items() if NUL in name or NUL in value]:
        del request.COOKIES[name]


def _refuse(request, refusal: Refusal, errors: dict | None = None):
    if request.path.startswith(API_PREFIX):
        body = {"detail": refusal.detail}
        if errors or refusal.field:
            body["errors"] = errors or {refusal.field: [refusal.detail]}
        return JsonResponse(body, status=refusal.status, json_dumps_params={"ensure_ascii": False})
    text = refusal.detail if not refusal.field else f"{refusal.field}: {refusal.detail}"
    return HttpResponse(text + "\n", status=refusal.status, content_type="text/plain; charset=utf-8")


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with translation.override(translation.get_language_from_request(request)):
            refused = self._check(request)
        return refused or self.get_response(request)

    def _check(self, request):
        if NUL in request.path:
            return _refuse(request, Refusal(404, _("Not found.")))
        _drop_nul_cookies(request)
        try:
            _check_query(request)
            _check_body(request)
        except Refusal as refusal:
            errors = None
            if isinstance(refusal.__cause__, BodyError):
                errors = refusal.__cause__.errors
            return _refuse(request, refusal, errors)
        return None
