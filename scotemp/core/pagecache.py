"""Whole pages (and API page data) kept for visitors who are not signed in, in the shared cache.

Rendering a page costs more than a request may take under load; what a visitor who is not signed in
sees depends only on the address, the language and the data, so it is rendered once and kept for
``settings.SCOTEMP_PAGE_CACHE_SECONDS`` (60 s by default, 0 turns the cache off) in Django's cache
(Redis in production, the database's cache table otherwise): every node and worker shares it.

:func:`anonymous_page` decorates a view. It answers from the cache, or stores what the view
rendered, only for a GET or HEAD of a visitor who is not signed in and has no message waiting; for
everybody else it is the view itself, so a signed-in user always sees fresh data and never has his
page stored. The key is the scheme, host, path, the query string with its parameters sorted, the
active language, whether htmx asked for a fragment, and :data:`VERSION`. Only a 200 whose view set
no cookie, no session value and no ``Vary`` beyond the key is stored, as its body, status and
headers (never ``Set-Cookie``).

It sits inside the view, not in a middleware: every request, answered from the cache or not, goes
through the whole middleware, so the security headers and the policy, ``Vary``, compression, the
session and the CSRF cookie are what Django makes of this request. A page's CSRF token (the
visitor's own, masked anew on each response) is stored as a placeholder and replaced by
``get_token(request)`` on every answer from the cache, which also sets the ``csrftoken`` cookie as
Django would.

Compressing a page costs more than the rest of an answer from the cache, so the stored body is also
kept compressed, in pieces cut at the token, each a complete deflate block: an answer compresses only
the token and joins the pieces into one gzip stream with Django's random padding ("Heal The Breach",
as ``GZipMiddleware`` does); the token itself differs on every answer.

Django's ``cache_page`` does not fit: its middleware refuses to store a response that
sets the CSRF cookie for a visitor without one (every first visit), keys on ``Vary: Cookie`` (every
visitor his own entry), and replays the token of the visitor the page was rendered for.

:func:`anonymous_api_page` does the same inside an API endpoint, for anonymous callers: ninja's
authentication, permissions and throttles run on every request before it.

A page is at most ``SCOTEMP_PAGE_CACHE_SECONDS`` old; nothing is invalidated by hand. Bump
:data:`VERSION` when a change makes the stored entries unusable (their shape, not their content).
"""

import hashlib
import hmac
import logging
import re
import secrets
import struct
import time
import zlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .compression import is_text

log = logging.getLogger(__name__)

VERSION = "1"
DEFAULT_SECONDS = 60
SAFE = frozenset({"GET", "HEAD"})
# Headers a stored page may vary on: the key holds the language and the htmx flag, and a page is
# stored only for visitors with no session of their own.
KEYED_VARY = frozenset({"accept-language", "cookie", "hx-request"})
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_placeholder: bytes | None = None


def seconds() -> int:
    return int(getattr(settings, "SCOTEMP_PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def now() -> float:
    """The clock of the entries' lifetimes (a test moves it; the cache's own expiry only cleans up)."""
    return time.time()


def placeholder() -> bytes:
    """What a stored body holds instead of the CSRF token: derived from the secret key, so that no
    text a user writes into a page can be taken for it."""
    global _placeholder
    if _placeholder is None:
        digest = hmac.new(settings.SECRET_KEY.encode(), b"scotemp.pagecache.csrf", hashlib.sha256)
        _placeholder = b"\x00csrf-" + digest.hexdigest()[:24].encode() + b"\x00"
    return _placeholder


def is_anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


def has_messages(request) -> bool:
    """Messages waiting for this visitor (reads the message cookie and the session, consumes nothing)."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def cacheable(request) -> bool:
    return seconds() > 0 and request.method in SAFE and is_anonymous(request) and not has_messages(request)


def key_for(request, kind: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    htmx = "htmx" if request.headers.get("HX-Request") == "true" else ""
    parts = [VERSION, request.scheme, request.get_host(), request.path, query, get_language() or "", htmx]
    return f"pagecache:{kind}:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _read(key: str):
    try:
        entry = cache.get(key)
    except Exception:  # the cache is an optimization: a failing one serves the view
        log.warning("page cache: read failed", exc_info=True)
        return None
    if entry is None or entry.get("expires", 0) <= now():
        return None
    return entry


def _write(key: str, entry: dict) -> None:
    try:
        cache.set(key, {**entry, "expires": now() + seconds()}, seconds())
    except Exception:
        log.warning("page cache: write failed", exc_info=True)


# --- Pages ----------------------------------------------------------------------------------------


def anonymous_page(view):
    """Answer a view from the page cache for visitors who are not signed in (see the module)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        key = key_for(request, "page")
        entry = _read(key)
        if entry is not None:
            return _replay(request, entry)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True):
            _store(request, key, response)
        else:  # a TemplateResponse: its body exists once rendered
            response.add_post_render_callback(lambda rendered: _store(request, key, rendered))
        return response

    return wrapped


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if has_messages(request):  # added by the view itself
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= KEYED_VARY and "private" not in response.get("Cache-Control", "")


def _store(request, key: str, response) -> None:
    if not _storable(request, response):
        return
    body = response.content
    secret = request.META.get("CSRF_COOKIE")
    has_token = False
    if secret and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # get_token() ran: tokens in the body
        mark = placeholder()

        def swap(match):
            nonlocal has_token
            token = match.group(0).decode()
            if _unmask_cipher_token(token) == secret:
                has_token = True
                return mark
            return match.group(0)

        body = MASKED_TOKEN.sub(swap, body)
    headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
    entry = {"status": response.status_code, "headers": headers, "body": body, "csrf": has_token}
    if is_text(response) and len(body) >= 200 and not response.has_header("Content-Encoding"):
        entry["deflated"] = [_deflate(part) for part in body.split(placeholder())]
    policy = getattr(response, "csp_policy", None)
    if policy is not None:
        entry["csp_policy"] = policy
    _write(key, entry)


def _replay(request, entry: dict) -> HttpResponse:
    token = get_token(request).encode() if entry["csrf"] else b""
    body = entry["body"].replace(placeholder(), token) if token else entry["body"]
    gzip = "deflated" in entry and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    response = HttpResponse(_gzip(entry["deflated"], token, body) if gzip else body, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if gzip:  # as GZipMiddleware marks what it compressed (it leaves an encoded answer alone)
        patch_vary_headers(response, ("Accept-Encoding",))
        response["Content-Encoding"] = "gzip"
    if "csp_policy" in entry:
        response.csp_policy = entry["csp_policy"]
    return response


ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP_LEVEL = 6  # as Django's compress_string
FINAL_BLOCK = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15).flush()


def _deflate(data: bytes) -> bytes:
    """``data`` as deflate blocks that refer to nothing before them and end on a block boundary, so
    that pieces compressed apart join into one stream."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def _gzip(pieces: list[bytes], token: bytes, body: bytes) -> bytes:
    """The gzip stream of ``body``: the stored pieces joined by the compressed token, in the header
    Django's ``compress_string`` writes (random-length file name, mtime 0)."""
    padding = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes) + b"\x00"
    header = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff" + padding
    joint = _deflate(token) if token else b""
    trailer = struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)
    return header + joint.join(pieces) + FINAL_BLOCK + trailer


# --- API pages -----------------------------------------------------------------------------------


def anonymous_api_page(request, kind: str, schema, compute):
    """The answer of a ninja endpoint whose 200 body is ``compute()`` against ``schema``: for an
    anonymous caller (after the endpoint's authentication and throttles, which ninja runs before the
    view: a token or a session makes him somebody) the rendered answer is kept in the page cache,
    compressed as pages are; for anybody else it is the body, validated once. The body may depend
    only on the address, the language and the data."""
    if not cacheable(request):
        return valid(schema, request, compute())
    key = key_for(request, kind)
    entry = _read(key)
    if entry is not None:
        return _replay(request, entry)
    model = valid(schema, request, compute())
    # As ninja serializes and renders a view's result (its by_alias, exclude_* options at their default).
    from config.api import api  # the API root (its renderer); imported when first needed: it imports the apps

    data = model.model_dump(context={"request": request, "response_status": 200})
    response = api.create_response(request, data, status=200)
    _store(request, key, response)
    return response


def valid(schema, request, body):
    """``body`` validated against the endpoint's response ``schema`` as ninja validates a view's result
    (same context): an instance of the schema, which ninja only serializes."""
    return schema.model_validate(body, context={"request": request, "response_status": 200})
